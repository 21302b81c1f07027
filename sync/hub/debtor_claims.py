"""Which debtor the dialer reaches next, claimed in the database so no two processes share one.

A debtor is due when the dialer has not reached them within the redial window
(``last_handoff_at`` empty or older). ``claim_next`` picks the lowest due id
in the campaign and stamps it in the caller's transaction with a conditional
``UPDATE ... WHERE`` that only one transaction can win; on PostgreSQL the
candidate is also locked with ``FOR UPDATE SKIP LOCKED`` so a second process
steps over a debtor being claimed instead of waiting for it. Synchronous;
runs in the hub's database executor. It must never decide about agents, and
never hand out a debtor without stamping it in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, Select, bindparam, exists, false, or_, select, update
from sqlalchemy.orm import Session

from .db import to_db_time
from .models import Account, Debtor

# Campaigns named after a segment dial that segment's open accounts; any other
# campaign name dials the whole portfolio.
SEGMENTS = frozenset({"temprana", "media", "tardia"})
# A debtor reached once is not dialled again within this window (the contact
# policy), which also keeps one debtor from being handed off twice at once.
REDIAL_AFTER = dt.timedelta(hours=8)
_CANDIDATES = 8
# Every candidate taken by others this many times over: give up for this request.
_ROUNDS = 4


def _due() -> ColumnElement[bool]:
    return or_(Debtor.last_handoff_at.is_(None), Debtor.last_handoff_at < bindparam("cutoff"))


def _candidates(in_segment: bool, lock: bool) -> Select[int]:
    # Debtors who asked not to be called are never dialled.
    query = select(Debtor.id).where(_due(), Debtor.do_not_call == false())
    if in_segment:
        query = query.where(
            exists().where(
                Account.debtor_id == Debtor.id,
                Account.segment == bindparam("segment"),
                Account.status == "open",
            )
        )
    # Locking takes only the row it will stamp: locked candidates held back unused
    # would make other processes skip debtors nobody is taking.
    query = query.order_by(Debtor.id).limit(1 if lock else _CANDIDATES)
    if lock:
        # Another process's claim in progress is stepped over, not waited for.
        query = query.with_for_update(of=Debtor, skip_locked=True)
    return query


# Built once (one claim per handoff): by segment or not, locking (PostgreSQL) or not.
_QUERIES = {(seg, lock): _candidates(seg, lock) for seg in (False, True) for lock in (False, True)}
# Under READ COMMITTED a concurrent claim makes this match nothing, never twice.
_STAMP = (
    update(Debtor)
    .where(Debtor.id == bindparam("debtor"), _due())
    .values(last_handoff_at=bindparam("now"))
)


def claim_next(
    session: Session, campaign: str, now: dt.datetime, redial_after: dt.timedelta = REDIAL_AFTER
) -> int | None:
    """Stamp and return the lowest due debtor id of ``campaign``; None when none is due."""
    connection = session.connection()
    lock = connection.dialect.name == "postgresql"
    query = _QUERIES[(campaign in SEGMENTS, lock)]
    params = {"cutoff": to_db_time(now - redial_after), "segment": campaign}
    for _ in range(_ROUNDS):
        candidates: list[int] = list(connection.execute(query, params).scalars())
        if not candidates:
            return None
        for debtor_id in candidates:
            stamped = connection.execute(
                _STAMP, {**params, "debtor": debtor_id, "now": to_db_time(now)}
            )
            if stamped.rowcount == 1:
                return debtor_id
    return None


def stamp(session: Session, debtor_id: int, now: dt.datetime) -> None:
    """Record that a debtor asked for by id (preview dialling) was reached now."""
    session.execute(
        update(Debtor).where(Debtor.id == debtor_id).values(last_handoff_at=to_db_time(now))
    )
