"""Agents' dialable state in the shared store, and the availability events it causes.

An agent's state (with the SIP address the dialer must call and the handoff
in progress) lives in ``agent_presence`` so a dialer on any hub process sees
it and a handoff issued anywhere claims the agent atomically. Every change
that a dialer cares about is appended to every dialer's stream in the same
transaction. Synchronous; runs in the hub's database executor with a session
the caller commits. This module must never deliver frames or decide who may
send what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from sync.protocol import AgentAvailability, AgentState

from . import board, streams
from .db import as_utc, to_db_time
from .models import AgentPresenceRow, User
from .streams import Pushed

# States in which an agent's pending handoff no longer matters.
_CLEARS_HANDOFF = frozenset({"ready", "logged_out", "not_ready"})
# States that count as occupied for the occupancy figure.
_BUSY = frozenset({"on_call", "wrap_up"})


@dataclass(frozen=True)
class Presence:
    username: str
    state: str
    sip_uri: str | None
    handoff_id: str | None
    handoff_accepted: bool


def of(session: Session, user_id: int) -> Presence | None:
    row = session.execute(
        select(AgentPresenceRow, User.username)
        .join(User, User.id == AgentPresenceRow.user_id)
        .where(AgentPresenceRow.user_id == user_id)
    ).first()
    if row is None:
        return None
    p, username = row
    return Presence(username, p.state, p.sip_uri, p.handoff_id, p.handoff_accepted)


def set_state(
    session: Session,
    origin: str,
    user_id: int,
    username: str,
    state: AgentState,
    sip_uri: str | None,
    now: dt.datetime,
    pause_code: str | None = None,
) -> list[Pushed]:
    """Change an agent's state; dialers and the board hear about it only when it changed."""
    row = session.get(AgentPresenceRow, user_id, with_for_update=True)
    if row is None:
        row = AgentPresenceRow(
            user_id=user_id,
            state="logged_out",
            handoff_accepted=False,
            updated_at=to_db_time(now),
            hub_origin=origin,
        )
        session.add(row)
    # The process that last spoke for the agent owns the row; if it dies silently,
    # the survivors log the agent out (see ``liveness``).
    row.hub_origin = origin
    new_uri = sip_uri or row.sip_uri
    new_pause = pause_code[:32] if pause_code and state == "not_ready" else None
    if row.state == state and row.sip_uri == new_uri and row.pause_code == new_pause:
        return []
    row.pause_code = new_pause
    row.sip_uri = new_uri
    if row.state != state:
        # A supervisor's extension belongs to the wrap-up it was given in.
        row.wrapup_extra_s = 0
        account_time(row, state, now)
    row.state = state
    row.updated_at = to_db_time(now)
    if state in _CLEARS_HANDOFF:
        row.handoff_id = None
        row.handoff_accepted = False
        row.mos = None
        row.script_node = None
    if state == "logged_out":
        row.help_message = None
        row.help_at = None
    session.flush()
    return tell_dialers(session, origin, username, state, new_uri, now)


def claim_for_handoff(
    session: Session, user_id: int, handoff_id: str, now: dt.datetime
) -> str | None:
    """Move a ready agent to on_call for ``handoff_id``; their SIP address, or None if not ready."""
    # One conditional UPDATE: two dialers (or two processes) cannot claim the same agent.
    return (
        session.connection()
        .execute(_CLAIM, {"uid": user_id, "hid": handoff_id, "now": to_db_time(now)})
        .scalar()
    )


# Built once (it runs on every handoff); Core on the session's connection skips
# the ORM's bookkeeping for a row no ORM object holds.
_CLAIM = (
    update(AgentPresenceRow)
    .where(
        AgentPresenceRow.user_id == bindparam("uid"),
        AgentPresenceRow.state == "ready",
        AgentPresenceRow.sip_uri.is_not(None),
    )
    .values(
        state="on_call",
        handoff_id=bindparam("hid"),
        handoff_accepted=False,
        updated_at=bindparam("now"),
        mos=None,
        script_node=None,
        # ready -> on_call: a busy period starts (ended in ``account_time``).
        busy_since=bindparam("now"),
    )
    .returning(AgentPresenceRow.sip_uri)
)


def account_time(row: AgentPresenceRow, new_state: str, now: dt.datetime) -> None:
    """Close or open the busy (on_call, wrap_up) and logged-in periods a change implies."""
    midnight = now.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if row.time_day != midnight.date():
        # A new day: yesterday's seconds are not today's, and running periods count
        # from midnight.
        row.time_day = midnight.date()
        row.busy_s_today = 0.0
        row.logged_in_s_today = 0.0
        if row.busy_since is not None and as_utc(row.busy_since) < midnight:
            row.busy_since = midnight
        if row.login_since is not None and as_utc(row.login_since) < midnight:
            row.login_since = midnight
    was_busy, busy = row.state in _BUSY, new_state in _BUSY
    if was_busy and not busy and row.busy_since is not None:
        row.busy_s_today += max(0.0, (now - as_utc(row.busy_since)).total_seconds())
    if not busy:
        row.busy_since = None
    elif not was_busy:
        row.busy_since = to_db_time(now)
    was_in, logged_in = row.state != "logged_out", new_state != "logged_out"
    if was_in and not logged_in and row.login_since is not None:
        row.logged_in_s_today += max(0.0, (now - as_utc(row.login_since)).total_seconds())
    if not logged_in:
        row.login_since = None
    elif not was_in or row.login_since is None:
        row.login_since = to_db_time(now)


def mark_accepted(session: Session, user_id: int, handoff_id: str) -> None:
    session.execute(
        update(AgentPresenceRow)
        .where(AgentPresenceRow.user_id == user_id, AgentPresenceRow.handoff_id == handoff_id)
        .values(handoff_accepted=True)
    )


def tell_dialers(
    session: Session,
    origin: str,
    agent: str,
    state: str,
    sip_uri: str | None,
    now: dt.datetime,
    dialer_ids: Sequence[int] | None = None,
) -> list[Pushed]:
    """Append an availability change to every dialer's stream (``dialer_ids`` when known)."""
    if dialer_ids is None:
        dialer_ids = list(
            session.scalars(select(User.id).where(User.role == "dialer").order_by(User.id))
        )
    # Every availability change is also a board change; supervisors watch it here.
    pushed = board.tell_watchers(session, origin, agent, now)
    for dialer_id in dialer_ids:
        pushed.append(
            streams.append(
                session,
                origin,
                dialer_id,
                lambda seq: AgentAvailability(
                    seq=seq,
                    agent=agent,
                    state=state,  # type: ignore[arg-type]
                    sip_uri=sip_uri,
                ),
                now,
            )
        )
    return pushed


def ready_agents(session: Session) -> list[Presence]:
    rows = session.execute(
        select(AgentPresenceRow, User.username)
        .join(User, User.id == AgentPresenceRow.user_id)
        .where(AgentPresenceRow.state == "ready")
        .order_by(User.username)
    ).all()
    return [
        Presence(username, p.state, p.sip_uri, p.handoff_id, p.handoff_accepted)
        for p, username in rows
    ]


def connected_agent_ids(session: Session) -> list[int]:
    """Agents some hub process has logged in (state other than logged_out)."""
    return list(
        session.scalars(
            select(AgentPresenceRow.user_id).where(AgentPresenceRow.state != "logged_out")
        )
    )
