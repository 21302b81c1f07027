"""Which pending callbacks an agent may see and work, and their list for ``callbacks.fetch``.

An agent sees the callbacks meant for them, the unassigned ones of the
campaigns they work (campaigns of their handoffs) and the unassigned ones they
scheduled themselves. Seeing a debtor's callback also lets them open that
debtor (``debtor.fetch``/``history.fetch``) and write for them, since calling
back is their work now. Synchronous and read-only; it must never write, nor
put a debtor's phone or note into a log.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from sync.protocol import CallbackItem

from .db import as_utc, to_db_time
from .models import CallbackRow, Debtor, HandoffRow, User

# The list shows what is overdue and what falls due within this long.
AHEAD = dt.timedelta(days=7)
MAX_LISTED = 500
PENDING = "scheduled"


def _visible(agent_id: int) -> ColumnElement[bool]:
    worked = select(HandoffRow.campaign).where(HandoffRow.agent_id == agent_id).distinct()
    return and_(
        CallbackRow.state == PENDING,
        or_(
            CallbackRow.for_agent_id == agent_id,
            and_(
                CallbackRow.for_agent_id.is_(None),
                or_(CallbackRow.agent_id == agent_id, CallbackRow.campaign.in_(worked)),
            ),
        ),
    )


def awaits(session: Session, agent_id: int, debtor_id: int) -> bool:
    """True when a pending callback of ``debtor_id`` is the agent's to make."""
    return bool(
        session.scalar(
            select(exists().where(CallbackRow.debtor_id == debtor_id, _visible(agent_id)))
        )
    )


def pending_for(session: Session, agent_id: int, now: dt.datetime) -> list[CallbackItem]:
    """The agent's callbacks, overdue first, then due within ``AHEAD``, by due time."""
    for_agent = aliased(User)
    rows = session.execute(
        select(CallbackRow, Debtor.first_name, Debtor.last_name, for_agent.username)
        .join(Debtor, Debtor.id == CallbackRow.debtor_id)
        .outerjoin(for_agent, for_agent.id == CallbackRow.for_agent_id)
        .where(_visible(agent_id), CallbackRow.due_at <= to_db_time(now + AHEAD))
        .order_by(CallbackRow.due_at, CallbackRow.id)
        .limit(MAX_LISTED)
    ).all()
    return [
        CallbackItem(
            id=row.id,
            debtor_id=row.debtor_id,
            debtor_name=f"{first} {last}",
            due_at=as_utc(row.due_at),
            for_agent=username,
            note=row.note,
            campaign=row.campaign,
            handoff_id=row.handoff_id,
        )
        for row, first, last, username in rows
    ]
