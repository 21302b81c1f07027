"""The rules and rows of an agent's ``callback.schedule`` write, stored through the group commit.

A callback names a debtor the sender may work on (handed to them before), a
due time in the future (with a zone, so there is no doubt which one), an
optional agent who must make it (None = anyone) and a note. ``plan`` checks
the write inside the batch's transaction and returns the row ``writes``
inserts; a failed rule raises ``Rejection`` with the code the agent sees.
Synchronous and read-only; it must never insert, commit, or log the note.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import MAX_TEXT, ScheduleCallback

from .db import to_db_time
from .models import User
from .records import UserRecord
from .write_checks import BatchLookups, Rejection

# A callback further out than this is a typo, not a plan.
MAX_DAYS_AHEAD = 366


def plan(
    session: Session,
    lookups: BatchLookups,
    user: UserRecord,
    msg: ScheduleCallback,
    now: dt.datetime,
) -> dict[str, Any]:
    """The ``callbacks`` row for ``msg``; raises ``Rejection`` when a rule fails."""
    lookups.check_assignment(user, msg.debtor_id, msg.handoff_id)
    if msg.due_at.tzinfo is None:
        raise Rejection("invalid_due_at", "due_at needs a time zone")
    if msg.due_at <= now:
        raise Rejection("due_at_past", "the callback time is in the past")
    if msg.due_at > now + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise Rejection("invalid_due_at", f"at most {MAX_DAYS_AHEAD} days ahead")
    if len(msg.note) > MAX_TEXT:
        raise Rejection("invalid_note", f"a note of at most {MAX_TEXT} characters")
    for_agent_id: int | None = None
    if msg.for_agent is not None:
        if msg.for_agent == user.username:
            for_agent_id = user.id
        else:
            found = session.execute(
                select(User.id, User.role).where(User.username == msg.for_agent[:64])
            ).first()
            if found is None or found[1] != "agent":
                raise Rejection("unknown_agent", "for_agent is not an agent of this hub")
            for_agent_id = int(found[0])
    return {
        "key": msg.key,
        "debtor_id": msg.debtor_id,
        "agent_id": user.id,
        "for_agent_id": for_agent_id,
        "handoff_id": msg.handoff_id,
        "due_at": to_db_time(msg.due_at),
        "note": msg.note,
        "state": "scheduled",
        "created_at": to_db_time(now),
        "campaign": _campaign(lookups, user, msg),
    }


def _campaign(lookups: BatchLookups, user: UserRecord, msg: ScheduleCallback) -> str | None:
    # Unassigned callbacks go to the agents of this campaign.
    if msg.handoff_id is not None:
        found = lookups.handoff(msg.handoff_id)
        if found is not None:
            return found[3]
    return lookups.latest_campaign(user.id, msg.debtor_id)


def history_detail(msg: ScheduleCallback, agent: str) -> dict[str, Any]:
    """What the debtor's timeline shows about the callback (no note: it may hold personal data)."""
    return {
        "due_at": msg.due_at.isoformat(),
        "agent": agent,
        "for_agent": msg.for_agent or "",
    }
