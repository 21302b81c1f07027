"""The desk's durable local store: the outbox of promises and wrap-ups, a short-lived
cache of the debtors the agent was handed, and a few kv facts.

A promise the agent saved must survive a crash, a power cut or a dead network, so
every write here is committed with SQLite in WAL mode and ``synchronous=FULL`` (the
commit is on disk when the call returns). The file is created 0600 because it holds
personal data. Methods are synchronous and small; the async client calls them
through ``loop.run_in_executor``. The debtor cache keeps only debtors with an open
account seen within the retention period (7 days by default); expired rows go when
the store opens and everything personal goes at logout, with ``secure_delete`` so
deleted rows do not linger in free pages. This module must never talk to the network, call
a listener, or store the agent's password (the desktop keeps that in the OS
keyring; the desk keeps the hub token there too, see ``sync.client.token``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from pathlib import Path
from typing import Any, Final, get_args

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import SQLAlchemyError

from .model import ItemState, OutboxItem, WriteKind

log = logging.getLogger("acuerdo.sync")

SCHEMA_VERSION: Final = 2  # 2: debtor_cache
DEFAULT_RETENTION: Final = dt.timedelta(days=7)
MAX_KEY = 200
_KINDS: Final = frozenset(get_args(WriteKind))
_OPEN_STATES: Final = (ItemState.SAVED.value, ItemState.SYNCING.value)

# Tables are created with metadata.create_all, not migrations: this is a per-desk
# cache, not shared data, and its shape is versioned by the ``schema_version`` kv row
# (a newer file is refused; an older one would be upgraded or rebuilt here).
metadata = sa.MetaData()

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("key", sa.String(MAX_KEY), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    # The protocol-encoded message, sent byte for byte on every (re)try.
    sa.Column("payload", sa.LargeBinary, nullable=False),
    sa.Column("state", sa.String(16), nullable=False, index=True),
    sa.Column("reason", sa.Text, nullable=False, default=""),
    sa.Column("summary", sa.String(300), nullable=False, default=""),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

# Profile and first history page as the hub sent them (protocol JSON), per debtor.
debtor_cache = sa.Table(
    "debtor_cache",
    metadata,
    sa.Column("debtor_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("profile", sa.LargeBinary, nullable=False),
    sa.Column("history", sa.LargeBinary, nullable=False),
    sa.Column("seen_at", sa.DateTime, nullable=False, index=True),
)

kv = sa.Table(
    "kv",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)


class StoreError(Exception):
    """The local store cannot be opened or used (bad path, not a database, newer schema)."""


def _utcnow() -> dt.datetime:
    # Stored naive (SQLite has no time zone type); always UTC by convention.
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _set_pragmas(dbapi_connection: object, _record: object) -> None:
    # Every pooled connection, not just the first: a pragma is per connection.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=5000")
        # Deleted debtor rows are overwritten, not left readable in free pages.
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


class LocalStore:
    """SQLite file at ``path`` holding the outbox, the debtor cache and kv. Thread-safe."""

    def __init__(self, path: Path, *, retention: dt.timedelta = DEFAULT_RETENTION) -> None:
        if retention <= dt.timedelta(0):
            raise ValueError("the cache retention period must be positive")
        self.path = Path(path)
        self.retention = retention
        self._lock = threading.Lock()
        self._create_private_file(self.path)
        self._engine: Engine = sa.create_engine(URL.create("sqlite", database=str(self.path)))
        sa.event.listen(self._engine, "connect", _set_pragmas)
        try:
            self._prepare_schema()
            self.purge_expired()
        except SQLAlchemyError as exc:
            self._engine.dispose()
            raise StoreError(f"local store {self.path} is not usable: {exc}") from exc

    @staticmethod
    def _create_private_file(path: Path) -> None:
        if path.is_dir():
            raise StoreError(f"local store path {path} is a directory")
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Create it ourselves so SQLite never makes it with the process umask; the
            # -wal and -shm files copy this file's mode.
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
            os.close(fd)
            os.chmod(path, 0o600)  # an older file may have been created looser
        except OSError as exc:
            raise StoreError(f"cannot create local store {path}: {exc.strerror}") from exc

    def _prepare_schema(self) -> None:
        with self._lock, self._engine.begin() as conn:
            metadata.create_all(conn)
            row = conn.execute(sa.select(kv.c.value).where(kv.c.name == "schema_version")).first()
            if row is None:
                conn.execute(sa.insert(kv).values(name="schema_version", value=str(SCHEMA_VERSION)))
            elif not row.value.isdigit() or int(row.value) > SCHEMA_VERSION:
                raise StoreError(
                    f"local store {self.path} has schema version {row.value!r}; "
                    f"this build understands up to {SCHEMA_VERSION}"
                )
            elif int(row.value) < SCHEMA_VERSION:
                # Version 2 only added a table, which create_all just made.
                conn.execute(
                    sa.update(kv)
                    .where(kv.c.name == "schema_version")
                    .values(value=str(SCHEMA_VERSION))
                )

    def pragmas(self) -> dict[str, str]:
        """journal_mode and synchronous as a pooled connection sees them (support bundle, tests)."""
        with self._lock, self._engine.connect() as conn:
            journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar_one()
            synchronous = conn.exec_driver_sql("PRAGMA synchronous").scalar_one()
        # synchronous reads back as a number: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
        names = {0: "off", 1: "normal", 2: "full", 3: "extra"}
        return {"journal_mode": str(journal), "synchronous": names.get(int(synchronous), "?")}

    def close(self) -> None:
        self._engine.dispose()

    # ------------------------------------------------------------------ outbox

    def put(
        self, key: str, kind: WriteKind, payload: bytes, summary: str
    ) -> tuple[OutboxItem, bool]:
        """Commit a new SAVED item; returns (item, created). Repeating the same write is a no-op."""
        if not isinstance(key, str) or not key or len(key) > MAX_KEY:
            raise ValueError(f"outbox key must be a non-empty string of at most {MAX_KEY} chars")
        if kind not in _KINDS:
            raise ValueError(f"outbox kind must be one of {sorted(_KINDS)}, not {kind!r}")
        if not isinstance(payload, bytes) or not payload:
            raise ValueError("outbox payload must be non-empty bytes")
        now = _utcnow()
        with self._lock, self._engine.begin() as conn:
            existing = conn.execute(sa.select(outbox).where(outbox.c.key == key)).first()
            if existing is not None:
                if existing.payload != payload or existing.kind != kind:
                    raise ValueError(f"outbox key {key!r} is already used by a different write")
                return _item(existing), False
            conn.execute(
                sa.insert(outbox).values(
                    key=key,
                    kind=kind,
                    payload=payload,
                    state=ItemState.SAVED.value,
                    reason="",
                    summary=summary[:300],
                    created_at=now,
                    updated_at=now,
                )
            )
            row = conn.execute(sa.select(outbox).where(outbox.c.key == key)).one()
            return _item(row), True

    def mark(self, key: str, state: ItemState, reason: str = "") -> OutboxItem | None:
        """Move an open item to ``state``. None when the key is unknown or already final.

        Final states (SYNCED, REJECTED) are never left: a late or repeated answer from
        the hub must not undo what the agent was already shown.
        """
        with self._lock, self._engine.begin() as conn:
            result = conn.execute(
                sa.update(outbox)
                .where(outbox.c.key == key, outbox.c.state.in_(_OPEN_STATES))
                .values(state=ItemState(state).value, reason=reason, updated_at=_utcnow())
            )
            if result.rowcount == 0:
                return None
            return _item(conn.execute(sa.select(outbox).where(outbox.c.key == key)).one())

    def get(self, key: str) -> OutboxItem | None:
        with self._lock, self._engine.connect() as conn:
            row = conn.execute(sa.select(outbox).where(outbox.c.key == key)).first()
            return None if row is None else _item(row)

    def pending(self) -> list[tuple[OutboxItem, bytes]]:
        """Every item not final yet, oldest first, with the exact bytes to send."""
        with self._lock, self._engine.connect() as conn:
            rows = conn.execute(
                sa.select(outbox)
                .where(outbox.c.state.in_(_OPEN_STATES))
                .order_by(outbox.c.created_at, sa.literal_column("outbox.rowid"))
            ).all()
            return [(_item(row), row.payload) for row in rows]

    def recent(self, limit: int = 100) -> list[OutboxItem]:
        """The newest items first, for the UI's outbox list."""
        with self._lock, self._engine.connect() as conn:
            rows = conn.execute(
                sa.select(outbox)
                .order_by(outbox.c.created_at.desc(), sa.literal_column("outbox.rowid").desc())
                .limit(limit)
            ).all()
            return [_item(row) for row in rows]

    def counts(self) -> dict[ItemState, int]:
        with self._lock, self._engine.connect() as conn:
            rows = conn.execute(
                sa.select(outbox.c.state, sa.func.count()).group_by(outbox.c.state)
            ).all()
        found = {str(state): int(n) for state, n in rows}
        return {state: found.get(state.value, 0) for state in ItemState}

    def pending_count(self) -> int:
        counts = self.counts()
        return counts[ItemState.SAVED] + counts[ItemState.SYNCING]

    # ------------------------------------------------------------ debtor cache

    def remember_debtor(
        self, debtor_id: int, profile: bytes, history: bytes, has_open_account: bool
    ) -> None:
        """Keep (or refresh) a debtor just handed over or fetched; drop one with nothing open."""
        with self._lock, self._engine.begin() as conn:
            conn.execute(sa.delete(debtor_cache).where(debtor_cache.c.debtor_id == debtor_id))
            if has_open_account:
                conn.execute(
                    sa.insert(debtor_cache).values(
                        debtor_id=debtor_id, profile=profile, history=history, seen_at=_utcnow()
                    )
                )

    def remember_history(self, debtor_id: int, history: bytes) -> None:
        """A newer first history page for a debtor already cached (others are not added)."""
        with self._lock, self._engine.begin() as conn:
            conn.execute(
                sa.update(debtor_cache)
                .where(debtor_cache.c.debtor_id == debtor_id)
                .values(history=history, seen_at=_utcnow())
            )

    def cached_debtor(self, debtor_id: int) -> tuple[bytes, bytes] | None:
        """(profile, first history page) if cached and not past the retention period."""
        found = self.cached_debtor_entry(debtor_id)
        return None if found is None else (found[0], found[1])

    def cached_debtor_entry(self, debtor_id: int) -> tuple[bytes, bytes, dt.datetime] | None:
        """(profile, first history page, when it was saved, in UTC) if cached and not expired."""
        oldest = _utcnow() - self.retention
        with self._lock, self._engine.connect() as conn:
            row = conn.execute(
                sa.select(
                    debtor_cache.c.profile, debtor_cache.c.history, debtor_cache.c.seen_at
                ).where(debtor_cache.c.debtor_id == debtor_id, debtor_cache.c.seen_at >= oldest)
            ).first()
        if row is None:
            return None
        # Stored naive by convention (always UTC); callers get an aware time.
        saved_at = row.seen_at.replace(tzinfo=dt.UTC)
        return bytes(row.profile), bytes(row.history), saved_at

    def cached_debtor_ids(self) -> list[int]:
        with self._lock, self._engine.connect() as conn:
            found = conn.execute(sa.select(debtor_cache.c.debtor_id).order_by("debtor_id"))
            return [int(value) for value in found.scalars()]

    def forget_debtor(self, debtor_id: int) -> None:
        with self._lock, self._engine.begin() as conn:
            conn.execute(sa.delete(debtor_cache).where(debtor_cache.c.debtor_id == debtor_id))

    def purge_expired(self, now: dt.datetime | None = None) -> int:
        """Drop cached debtors and answered writes older than the retention; rows removed.

        Open outbox items are never purged: they are the agent's unsent work.
        """
        oldest = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)
        oldest -= self.retention
        with self._lock, self._engine.begin() as conn:
            debtors = conn.execute(sa.delete(debtor_cache).where(debtor_cache.c.seen_at < oldest))
            answered = conn.execute(
                sa.delete(outbox).where(
                    outbox.c.state.not_in(_OPEN_STATES), outbox.c.updated_at < oldest
                )
            )
            return int(debtors.rowcount) + int(answered.rowcount)

    def forget_session(self) -> None:
        """Logout: every cached debtor, every answered write and the hub token go.

        Open outbox items stay, and so does ``last_seq`` (no personal data), so the next
        sign-in delivers the unsent work and resumes the event stream.
        """
        with self._lock:
            with self._engine.begin() as conn:
                conn.execute(sa.delete(debtor_cache))
                conn.execute(sa.delete(outbox).where(outbox.c.state.not_in(_OPEN_STATES)))
                conn.execute(
                    sa.delete(kv).where(kv.c.name.in_(("token", "token_user", "token_expires_at")))
                )
            with self._engine.connect() as conn:
                # Fold the WAL back so the deleted pages do not survive in the -wal file.
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    # ---------------------------------------------------------------------- kv

    def get_value(self, name: str) -> str | None:
        with self._lock, self._engine.connect() as conn:
            row = conn.execute(sa.select(kv.c.value).where(kv.c.name == name)).first()
            return None if row is None else str(row.value)

    def set_value(self, name: str, value: str) -> None:
        with self._lock, self._engine.begin() as conn:
            updated = conn.execute(sa.update(kv).where(kv.c.name == name).values(value=value))
            if updated.rowcount == 0:
                conn.execute(sa.insert(kv).values(name=name, value=value))

    def delete_value(self, name: str) -> None:
        with self._lock, self._engine.begin() as conn:
            conn.execute(sa.delete(kv).where(kv.c.name == name))

    def last_seq(self) -> int:
        value = self.get_value("last_seq")
        return int(value) if value is not None and value.isdigit() else 0

    def set_last_seq(self, seq: int) -> None:
        if seq < 0:
            raise ValueError("last_seq cannot be negative")
        self.set_value("last_seq", str(seq))


def _item(row: sa.Row[Any]) -> OutboxItem:
    return OutboxItem(
        key=row.key,
        kind=row.kind,
        state=ItemState(row.state),
        reason=row.reason,
        created_at=row.created_at.replace(tzinfo=dt.UTC),
        summary=row.summary,
    )
