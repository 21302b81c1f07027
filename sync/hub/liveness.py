"""Hub processes vouch for themselves in the database; survivors clean up after a silent one.

Every hub process has a row in ``hub_processes`` and refreshes its heartbeat
every few seconds. Each agent's presence row names the process that last
spoke for the agent (``hub_origin``). When a process stops heartbeating for
longer than the timeout (it was killed, its machine died), any surviving
process logs out the agents that process held — dialers on every process
hear it and stop calling them — and removes its row; agents that reconnect
elsewhere set their state again. A process that finds its own row gone (it
was presumed dead while stalled) registers again. The database work is
synchronous and runs in the hub's executor; this module must never close
connections or touch another process's live agents.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import socket
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from . import presence
from .db import to_db_time, utc_now
from .models import AgentPresenceRow, HubProcessRow, User
from .streams import Pushed

log = logging.getLogger("acuerdo.hub.liveness")

T = TypeVar("T")
HEARTBEAT_S = 5.0
TIMEOUT_S = 30.0
RunDb = Callable[..., Awaitable[Any]]


def register(sessions: sessionmaker[Session], origin: str, now: dt.datetime) -> None:
    with sessions.begin() as session:
        session.merge(
            HubProcessRow(
                origin=origin,
                host=socket.gethostname()[:255],
                pid=os.getpid(),
                started_at=to_db_time(now),
                heartbeat_at=to_db_time(now),
            )
        )


def beat(sessions: sessionmaker[Session], origin: str, now: dt.datetime) -> bool:
    """Refresh this process's heartbeat; False when its row had been removed."""
    with sessions.begin() as session:
        touched = session.execute(
            update(HubProcessRow)
            .where(HubProcessRow.origin == origin)
            .values(heartbeat_at=to_db_time(now))
        )
        return bool(touched.rowcount)  # type: ignore[attr-defined]


def unregister(sessions: sessionmaker[Session], origin: str) -> None:
    with sessions.begin() as session:
        session.execute(delete(HubProcessRow).where(HubProcessRow.origin == origin))


def sweep(
    sessions: sessionmaker[Session], origin: str, now: dt.datetime, timeout_s: float
) -> tuple[list[str], list[Pushed]]:
    """Log out the agents of processes silent for ``timeout_s``; (dead origins, events)."""
    cutoff = to_db_time(now - dt.timedelta(seconds=timeout_s))
    with sessions.begin() as session:
        dead = list(
            session.scalars(
                select(HubProcessRow.origin).where(
                    HubProcessRow.heartbeat_at < cutoff, HubProcessRow.origin != origin
                )
            )
        )
        alive = select(HubProcessRow.origin).where(HubProcessRow.origin.not_in(dead))
        # Agents held by a dead process, or by one with no row at all (it died
        # before this table existed, or its row was swept already).
        orphans = session.execute(
            select(AgentPresenceRow.user_id, User.username)
            .join(User, User.id == AgentPresenceRow.user_id)
            .where(
                AgentPresenceRow.state != "logged_out",
                AgentPresenceRow.hub_origin.is_not(None),
                AgentPresenceRow.hub_origin != origin,
                or_(
                    AgentPresenceRow.hub_origin.in_(dead),
                    AgentPresenceRow.hub_origin.not_in(alive),
                ),
            )
        ).all()
        pushed: list[Pushed] = []
        for user_id, username in orphans:
            pushed += presence.set_state(
                session, origin, user_id, username, "logged_out", None, now
            )
        if dead:
            session.execute(delete(HubProcessRow).where(HubProcessRow.origin.in_(dead)))
    return dead, pushed


class ProcessLiveness:
    """Runs this process's heartbeat and the sweep for dead peers on the event loop."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        origin: str,
        run_db: RunDb,
        deliver: Callable[[Iterable[Pushed]], None],
        *,
        heartbeat_s: float = HEARTBEAT_S,
        timeout_s: float = TIMEOUT_S,
    ) -> None:
        if heartbeat_s <= 0 or timeout_s <= heartbeat_s:
            raise ValueError("the process timeout must be longer than its heartbeat")
        self._sessions = sessions
        self._origin = origin
        self._run_db = run_db
        self._deliver = deliver
        self._heartbeat_s = heartbeat_s
        self._timeout_s = timeout_s
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._run_db(register, self._sessions, self._origin, utc_now())
        self._task = asyncio.create_task(self._run(), name="hub-liveness")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        with contextlib.suppress(Exception):
            await self._run_db(unregister, self._sessions, self._origin)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._heartbeat_s)
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database is away: try again next beat
                log.warning("process heartbeat failed (%s)", type(exc).__name__)

    async def tick(self) -> None:
        """One heartbeat and one sweep (tests call this to avoid waiting)."""
        now = utc_now()
        if not await self._run_db(beat, self._sessions, self._origin, now):
            log.warning("hub process %s was presumed dead; registering again", self._origin)
            await self._run_db(register, self._sessions, self._origin, now)
        dead, pushed = await self._run_db(sweep, self._sessions, self._origin, now, self._timeout_s)
        if dead or pushed:
            log.info(
                "hub processes %s stopped heartbeating; %d availability change(s)",
                ", ".join(dead) or "(unknown)",
                len(pushed),
            )
        self._deliver(pushed)
