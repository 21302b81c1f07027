"""Routing between hub processes that share one PostgreSQL database, over LISTEN/NOTIFY.

A process announces, inside the transaction that stored it, that a user's
stream has a new event (or that a user's tokens were revoked); PostgreSQL
delivers the notice to every listening process when that transaction commits,
in commit order. Each process listens on one dedicated psycopg connection and
hands notices to a callback; the event itself is read back from the
``events`` table, because a notice's payload is limited to 8 kB. On SQLite
(one process only) announcing does nothing and no listener runs. This module
must never carry debtor data in a notice, nor block the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import make_url, text
from sqlalchemy.orm import Session

log = logging.getLogger("acuerdo.hub.relay")

CHANNEL = "acuerdo_hub"
_RETRY_S = 1.0


@dataclass(frozen=True)
class Notice:
    """One announcement: ``kind`` is ``event`` (user_id, seq) or ``revoke`` (user_id)."""

    origin: str
    kind: str
    user_id: int
    seq: int


def announce_event(session: Session, origin: str, user_id: int, seq: int) -> None:
    _announce(session, f"{origin}|event|{user_id}|{seq}")


def announce_revoke(session: Session, origin: str, user_id: int) -> None:
    _announce(session, f"{origin}|revoke|{user_id}|0")


def _announce(session: Session, payload: str) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
    )


def parse(payload: str) -> Notice | None:
    parts = payload.split("|")
    if len(parts) != 4 or not parts[2].isdigit() or not parts[3].isdigit():
        return None
    return Notice(parts[0], parts[1], int(parts[2]), int(parts[3]))


def libpq_dsn(database_url: str) -> str:
    """The SQLAlchemy URL as a libpq connection string for psycopg."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class Listener:
    """Listens for other processes' notices and reconnects when the database goes away."""

    def __init__(self, database_url: str, origin: str, on_notice: Callable[[Notice], None]) -> None:
        self._dsn = libpq_dsn(database_url)
        self._origin = origin
        self._on_notice = on_notice
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        # Called after a reconnect: notices may have been missed meanwhile.
        self.on_reconnect: Callable[[], None] = lambda: None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="hub-relay")
        await asyncio.wait_for(self._ready.wait(), timeout=30)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        import psycopg

        first = True
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(self._dsn, autocommit=True)
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self._ready.set()
                    if not first:
                        self.on_reconnect()
                    first = False
                    async for raw in conn.notifies():
                        notice = parse(raw.payload)
                        if notice is None or notice.origin == self._origin:
                            continue
                        try:
                            self._on_notice(notice)
                        except Exception:
                            log.exception("handling a relay notice failed")
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("relay connection lost (%s); retrying", type(exc).__name__)
                await asyncio.sleep(_RETRY_S)
