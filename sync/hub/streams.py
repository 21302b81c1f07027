"""Per-user event streams kept in the database, so any hub process can number and replay them.

Every event the hub pushes to a user (a handoff offer or cancel, a script
update for an agent, an availability change for a dialer) takes the next
number of that user's stream inside the caller's transaction and is stored as
its encoded frame; a reconnecting client sends the last number it saw and gets
everything after it, whichever process it reaches. Numbers are dense (+1 per
event) and a new stream starts from the wall clock in milliseconds, so a
client's remembered ``last_seq`` from an older database never hides new
events. Synchronous; runs in the hub's database executor. This module must
never deliver frames itself or decode payloads it did not write.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol import (
    AgentAvailability,
    AgentOrder,
    BoardDelta,
    HandoffCancel,
    HandoffOffer,
    PreviewGo,
    ScriptUpdated,
    encode,
)

from . import relay
from .db import to_db_time
from .models import EventRow, StreamRow

StreamEvent = (
    HandoffOffer
    | HandoffCancel
    | AgentAvailability
    | ScriptUpdated
    | BoardDelta
    | AgentOrder
    | PreviewGo
)
E = TypeVar(
    "E",
    HandoffOffer,
    HandoffCancel,
    AgentAvailability,
    ScriptUpdated,
    BoardDelta,
    AgentOrder,
    PreviewGo,
)

# A client that has missed more than this many events gets only the newest ones.
RETAINED = 1000
# Old events are pruned every this many events, not on every write.
_PRUNE_EVERY = 100


def stream_base() -> int:
    """A starting sequence number larger than any an earlier database handed out."""
    return int(time.time() * 1000)


@dataclass(frozen=True)
class Pushed:
    """An event committed to a user's stream; deliver ``frame`` once the transaction commits."""

    user_id: int
    seq: int
    frame: bytes


# Built once: these run on every event, and Core statements executed on the
# session's connection skip the ORM's per-statement bookkeeping.
_BUMP = (
    update(StreamRow)
    .where(StreamRow.user_id == bindparam("uid"))
    .values(seq=StreamRow.seq + 1)
    .returning(StreamRow.seq)
)
_STORE = insert(EventRow)


def append(
    session: Session, origin: str, user_id: int, build: Callable[[int], E], now: dt.datetime
) -> Pushed:
    """Number and store an event in ``user_id``'s stream and announce it to other processes."""
    seq = _next_seq(session, user_id)
    frame = encode(build(seq))
    session.connection().execute(
        _STORE,
        {"user_id": user_id, "seq": seq, "payload": frame.decode(), "created_at": to_db_time(now)},
    )
    relay.announce_event(session, origin, user_id, seq)
    if seq % _PRUNE_EVERY == 0:
        session.execute(
            delete(EventRow).where(EventRow.user_id == user_id, EventRow.seq <= seq - RETAINED)
        )
    return Pushed(user_id, seq, frame)


def _next_seq(session: Session, user_id: int) -> int:
    # The row lock taken by this UPDATE orders concurrent writers of one stream, so
    # commit order equals number order and notifications arrive in number order.
    bumped = session.connection().execute(_BUMP, {"uid": user_id}).scalar()
    if bumped is not None:
        return int(bumped)
    open_stream(session, user_id)
    return _next_seq(session, user_id)


def current_seq(session: Session, user_id: int) -> int:
    """The newest number of the user's stream (0 when it has no events yet)."""
    return int(session.scalar(select(StreamRow.seq).where(StreamRow.user_id == user_id)) or 0)


def open_stream(session: Session, user_id: int) -> int:
    """The newest number of the user's stream, creating the stream if it has none.

    A connection needs a starting number before the first event exists: every
    later event is then exactly one more than the one before it.
    """
    current = current_seq(session, user_id)
    if current:
        return current
    try:
        with session.begin_nested():
            session.add(StreamRow(user_id=user_id, seq=stream_base()))
    except IntegrityError:
        pass  # another process opened it at the same moment
    return current_seq(session, user_id)


def frames_after(
    session: Session, user_id: int, last_seq: int, upto: int | None = None
) -> list[tuple[int, bytes]]:
    """Stored events newer than ``last_seq`` (at most the newest ``RETAINED``), oldest first."""
    query = select(EventRow.seq, EventRow.payload).where(
        EventRow.user_id == user_id, EventRow.seq > last_seq
    )
    if upto is not None:
        query = query.where(EventRow.seq <= upto)
    rows = session.execute(query.order_by(EventRow.seq.desc()).limit(RETAINED)).all()
    return [(int(seq), payload.encode()) for seq, payload in reversed(rows)]
