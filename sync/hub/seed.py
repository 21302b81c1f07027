"""Fills a fresh hub database with the demo: users, published scripts and a portfolio.

``seed_demo`` migrates, then adds whatever is missing: the demo users (by
username), every bundled script (by id and version) and, only when the database
has no debtors yet, a deterministic portfolio bulk-inserted with SQLAlchemy
Core. Running it twice changes nothing. This module must never delete or
overwrite existing rows, and never log a debtor's personal data.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from .db import make_engine, migrate, utc_now
from .models import Account, ContactPoint, Debtor, HistoryEventRow, ScriptRow, User
from .passwords import hash_password
from .portfolio import IdCounters, generate

log = logging.getLogger("acuerdo.hub")

DEMO_PASSWORD = "acuerdo-demo"
# (username, display name, role, team)
DEMO_USERS: tuple[tuple[str, str, str, str], ...] = (
    ("ana", "Ana López", "agent", "Equipo Centro"),
    ("luis", "Luis Hernández", "agent", "Equipo Centro"),
    ("sofia", "Sofía Ramírez", "agent", "Equipo Centro"),
    ("diego", "Diego Torres", "agent", "Equipo Norte"),
    ("maria", "María Castillo", "agent", "Equipo Norte"),
    ("jorge", "Jorge Mendoza", "agent", "Equipo Norte"),
    ("valeria", "Valeria Ortiz", "agent", "Equipo Sur"),
    ("fernando", "Fernando Aguilar", "agent", "Equipo Sur"),
    ("carmen", "Carmen Díaz", "supervisor", "Equipo Centro"),
    ("roberto", "Roberto Méndez", "team_lead", "Equipo Centro"),
    ("admin", "Administración Acuerdo", "admin", ""),
    ("dialer", "Marcador predictivo", "dialer", ""),
)
# Rows per executemany batch: large enough to be fast, small enough for SQLite's limits.
BATCH = 5_000


def seed_demo(
    database_url: str, debtors: int = 2000, seed: int = 7, *, now: dt.datetime | None = None
) -> None:
    """Migrate and seed the demo into ``database_url``; a no-op where already seeded."""
    if debtors < 0:
        raise ValueError("debtors must be zero or more")
    migrate(database_url)
    engine = make_engine(database_url)
    try:
        seed_users(engine)
        for document in bundled_script_documents():
            publish_script(engine, document)
        seed_portfolio(engine, debtors, seed, now or utc_now())
    finally:
        engine.dispose()


def seed_users(engine: Engine, users: Iterable[tuple[str, str, str, str]] = DEMO_USERS) -> int:
    """Insert the demo users that do not exist yet; returns how many were added."""
    with engine.begin() as conn:
        existing = set(conn.scalars(select(User.username)))
        rows = [
            {
                "username": username,
                "display_name": display,
                "role": role,
                "team": team,
                "password_hash": hash_password(DEMO_PASSWORD, demo=True),
            }
            for username, display, role, team in users
            if username not in existing
        ]
        if rows:
            conn.execute(insert(User), rows)
    return len(rows)


def seed_portfolio(engine: Engine, count: int, seed: int, now: dt.datetime) -> bool:
    """Bulk-insert ``count`` debtors unless any exist; True when it inserted."""
    with engine.begin() as conn:
        if conn.scalar(select(func.count()).select_from(Debtor)):
            log.info("portfolio already seeded; leaving it as it is")
            return False
        rows = generate(random.Random(seed), count, now, IdCounters())
        _bulk(conn, Debtor, rows.debtors)
        _bulk(conn, ContactPoint, rows.contact_points)
        _bulk(conn, Account, rows.accounts)
        _bulk(conn, HistoryEventRow, rows.history_events)
        if conn.dialect.name == "postgresql":
            _advance_sequences(conn)
    log.info(
        "seeded %d debtors, %d accounts, %d history events",
        len(rows.debtors),
        len(rows.accounts),
        len(rows.history_events),
    )
    return True


def _bulk(conn: Connection, model: type[Any], rows: Sequence[Mapping[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        conn.execute(insert(model), list(rows[start : start + BATCH]))


def _advance_sequences(conn: Connection) -> None:
    # The seed supplies ids itself, so PostgreSQL's sequences must be moved past them.
    for table in ("debtors", "contact_points", "accounts", "history_events"):
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )
        )


def bundled_script_documents() -> list[dict[str, Any]]:
    """Every bundled script document (``*.json`` in the scripts engine's bundled folder)."""
    folder = _bundled_dir()
    documents = []
    for path in sorted(folder.glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.error("skipping bundled script %s: %s", path.name, exc)
            continue
        documents.append(document)
    return documents


def _bundled_dir() -> Path:
    try:
        from scripts_engine import bundled_scripts_dir
    except ImportError:  # the hub still serves stored scripts without the engine installed
        import importlib.resources

        return Path(str(importlib.resources.files("resources") / "scripts"))
    return bundled_scripts_dir()


def publish_script(engine: Engine, document: Mapping[str, Any]) -> bool:
    """Publish one script version; True if new, False if that id and version exist.

    Published versions are immutable: a different document under an existing
    id and version is left untouched (and logged), never overwritten.
    """
    script_id = document.get("id")
    version = document.get("version")
    if not isinstance(script_id, str) or not script_id:
        raise ValueError("a script document needs a non-empty string 'id'")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValueError(f"script {script_id!r} needs a positive integer 'version'")
    with engine.begin() as conn:
        stored = conn.scalar(
            select(ScriptRow.document).where(
                ScriptRow.script_id == script_id, ScriptRow.version == version
            )
        )
        if stored is not None:
            if stored != dict(document):
                log.warning("script %s v%d already published; not overwriting", script_id, version)
            return False
        try:
            conn.execute(
                insert(ScriptRow),
                [
                    {
                        "script_id": script_id,
                        "version": version,
                        "document": dict(document),
                        "published_at": utc_now(),
                    }
                ],
            )
        except IntegrityError:
            return False  # published concurrently by another process
    log.info("published script %s v%d", script_id, version)
    return True
