"""Session tokens: issue, check, expiry and revocation against a real SQLite store."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sync.hub import sessions as tokens
from sync.hub.db import make_engine, migrate, session_factory
from sync.hub.seed import DEMO_PASSWORD, seed_users


def test_token_lifecycle(tmp_path: Path) -> None:
    path = tmp_path / "hub.db"
    url = f"sqlite:///{path}"
    migrate(url)
    engine = make_engine(url)
    try:
        seed_users(engine)
        maker = session_factory(engine)
        assert tokens.check_password(maker, "ana", "nope") is None
        user = tokens.check_password(maker, "ana", DEMO_PASSWORD)
        assert user is not None and user.role == "agent"
        now = dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC)
        issued = tokens.issue_token(maker, user, now)
        assert issued.expires_at == now + dt.timedelta(hours=12)
        found = tokens.check_token(maker, "ana", issued.token, now + dt.timedelta(hours=1))
        assert found is not None and found[0].username == "ana"
        assert found[1].expires_at == issued.expires_at
        assert tokens.check_token(maker, "luis", issued.token, now) is None
        late = now + dt.timedelta(hours=12, seconds=1)
        assert tokens.check_token(maker, "ana", issued.token, late) is None
        assert tokens.revoke_tokens(maker, user.id) == 1
        assert tokens.check_token(maker, "ana", issued.token, now) is None
    finally:
        engine.dispose()
    with sqlite3.connect(path) as db:
        stored = [row[0] for row in db.execute("SELECT token_hash FROM sessions")]
        # Only the hash is stored, and the cheap demo hash was upgraded on login.
        assert stored == [tokens.token_hash(issued.token)]
        (ana_hash,) = db.execute("SELECT password_hash FROM users WHERE username='ana'").fetchone()
        assert "m=65536" in ana_hash
