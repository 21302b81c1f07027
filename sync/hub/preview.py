"""An agent's decision on a preview handoff: have the dialer call, or skip the debtor.

``call`` appends a ``PreviewGo`` to every dialer's stream (the dialer that made
the handoff acts on it; the others ignore a handoff they do not know). ``skip``
ends the handoff with reason "skipped" and, when the agent was held for it and
had not accepted a call, makes them ready again, which dialers hear as an
availability change. Both are audited. Synchronous; runs in the database
executor inside the caller's transaction. It must never act on another agent's
handoff, nor on one that is already over.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from sync.protocol import DecidePreview, PreviewGo

from . import presence, streams
from .db import to_db_time
from .models import AuditEntry, HandoffRow, User
from .records import UserRecord
from .streams import Pushed

SKIPPED = "skipped"


class PreviewRefused(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason


def decide(
    session: Session, origin: str, agent: UserRecord, msg: DecidePreview, now: dt.datetime
) -> list[Pushed]:
    row = session.get(HandoffRow, msg.handoff_id[:36], with_for_update=True)
    if row is None or row.agent_id != agent.id:
        raise PreviewRefused("unknown_handoff", "no such handoff for this agent")
    if row.state not in ("offered", "accepted"):
        raise PreviewRefused("handoff_over", f"the handoff is {row.state}")
    session.execute(
        insert(AuditEntry).values(
            user_id=agent.id,
            action=f"preview.{msg.action}",
            target=f"handoff:{row.id}",
            at=to_db_time(now),
        )
    )
    if msg.action == "call":
        dialers = session.scalars(select(User.id).where(User.role == "dialer").order_by(User.id))
        return [
            streams.append(
                session,
                origin,
                dialer_id,
                lambda seq: PreviewGo(seq=seq, handoff_id=row.id, agent=agent.username),
                now,
            )
            for dialer_id in list(dialers)
        ]
    row.state = "cancelled"
    row.end_reason = SKIPPED
    current = presence.of(session, agent.id)
    if current is not None and current.handoff_id == row.id and current.state == "on_call":
        return presence.set_state(session, origin, agent.id, agent.username, "ready", None, now)
    return []
