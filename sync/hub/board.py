"""The supervisor board: a snapshot of every agent, then a delta whenever one changes.

A supervisor's ``board.subscribe`` records them in ``board_watchers`` (for a
working day) and answers with every agent of the hub as ``BoardEntry`` rows,
stamped with the subscriber's current stream number. Whenever an agent's
presence changes (state, pause code, a handoff claimed), ``tell_watchers``
appends a ``board.delta`` to every watcher's stream in the same transaction,
so a watcher on any hub process receives it through the existing relay and
can replay it after a reconnect. Synchronous; runs in the database executor.
It must never show a debtor's name, phone or full id, nor deliver frames.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import BoardDelta, BoardEntry, BoardSnapshot

from . import campaigns, streams
from .db import as_utc, to_db_time, utc_now
from .models import AgentPresenceRow, BoardWatcherRow, HandoffRow, User
from .records import UserRecord
from .streams import Pushed

# A subscription lasts a working day; the supervisor's desk subscribes again on login.
WATCH_FOR = dt.timedelta(hours=12)


def subscribe(session: Session, user: UserRecord, now: dt.datetime) -> BoardSnapshot:
    """Watch the board from now on; every agent as they are at this moment."""
    row = session.get(BoardWatcherRow, user.id, with_for_update=True)
    until = to_db_time(now + WATCH_FOR)
    if row is None:
        session.add(BoardWatcherRow(user_id=user.id, until=until))
    else:
        row.until = until
    session.flush()
    seq = streams.open_stream(session, user.id)
    return BoardSnapshot(seq=seq, agents=entries(session, now=now))


def entries(
    session: Session, username: str | None = None, now: dt.datetime | None = None
) -> list[BoardEntry]:
    """Every agent (or just ``username``), logged out ones included, by username."""
    today = today_of(now or utc_now())
    query = (
        select(User.username, User.display_name, User.team, AgentPresenceRow, HandoffRow)
        .outerjoin(AgentPresenceRow, AgentPresenceRow.user_id == User.id)
        .outerjoin(HandoffRow, HandoffRow.id == AgentPresenceRow.handoff_id)
        .where(User.role == "agent")
        .order_by(User.username)
    )
    if username is not None:
        query = query.where(User.username == username)
    return [_entry(today, *row) for row in session.execute(query).all()]


def today_of(now: dt.datetime) -> dt.date:
    """The day the board's counters belong to (UTC, like the KPIs' ``since``)."""
    return now.astimezone(dt.UTC).date()


def _entry(
    today: dt.date,
    username: str,
    display_name: str,
    team: str,
    p: AgentPresenceRow | None,
    h: HandoffRow | None,
) -> BoardEntry:
    fields: dict[str, Any] = {"agent": username, "display_name": display_name, "team": team or None}
    if p is None:
        return BoardEntry(state="logged_out", **fields)
    on_call = h is not None and p.state in ("on_call", "wrap_up")
    counted = p.counts_day == today
    deadline = None
    if p.state == "wrap_up" and h is not None:
        limit = campaigns.policy_for(h.campaign).wrapup_limit_s + (p.wrapup_extra_s or 0)
        deadline = as_utc(p.updated_at) + dt.timedelta(seconds=limit)
    return BoardEntry(
        mos=p.mos if on_call else None,
        script_node=p.script_node if on_call else None,
        contacts_today=p.contacts_today if counted else 0,
        promises_today=p.promises_today if counted else 0,
        help_message=p.help_message,
        help_at=as_utc(p.help_at) if p.help_at is not None else None,
        wrapup_deadline=deadline,
        state=p.state,  # type: ignore[arg-type]
        pause_code=p.pause_code if p.state == "not_ready" else None,
        since=as_utc(p.updated_at),
        campaign=h.campaign if on_call and h is not None else None,
        handoff_id=p.handoff_id if on_call else None,
        debtor_ref=mask_debtor(h.debtor_id) if on_call and h is not None else None,
        call_started_at=as_utc(h.created_at) if on_call and h is not None else None,
        **fields,
    )


def mask_debtor(debtor_id: int) -> str:
    """Enough for a supervisor to tell two calls apart, not to look a debtor up."""
    return f"…{debtor_id % 100:02d}"


def tell_watchers(session: Session, origin: str, agent: str, now: dt.datetime) -> list[Pushed]:
    """Append the agent's current board entry to every live watcher's stream."""
    watchers = list(
        session.scalars(
            select(BoardWatcherRow.user_id)
            .where(BoardWatcherRow.until > to_db_time(now))
            .order_by(BoardWatcherRow.user_id)
        )
    )
    if not watchers:
        return []
    found = entries(session, agent, now)
    if not found:
        return []
    entry = found[0]
    return [
        streams.append(session, origin, uid, lambda seq: BoardDelta(seq=seq, entry=entry), now)
        for uid in watchers
    ]
