"""Per-user event streams: numbered server events kept in a ring for replay on reconnect.

Every event the hub pushes to a user (a handoff offer or cancel for an agent,
an availability change for a dialer) takes the next sequence number of that
user's stream; a reconnecting client sends the last number it saw and gets
everything after it that the ring still holds. Numbers start from the hub's
start time in milliseconds so they keep growing across hub restarts and a
client's remembered ``last_seq`` never hides new events. Pure in-memory
bookkeeping: this module must never do I/O or block.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TypeVar

from sync.protocol import AgentAvailability, HandoffCancel, HandoffOffer

StreamEvent = HandoffOffer | HandoffCancel | AgentAvailability
E = TypeVar("E", HandoffOffer, HandoffCancel, AgentAvailability)

RING_SIZE = 1000


def stream_base() -> int:
    """A starting sequence number larger than any a previous hub run handed out."""
    return int(time.time() * 1000)


class EventStream:
    """One user's numbered events; the newest ``capacity`` are kept for replay."""

    def __init__(self, base: int = 0, capacity: int = RING_SIZE) -> None:
        self._seq = base
        self._ring: deque[StreamEvent] = deque(maxlen=capacity)

    @property
    def seq(self) -> int:
        """The highest sequence number handed out so far."""
        return self._seq

    def append(self, build: Callable[[int], E]) -> E:
        """Number a new event: ``build`` receives its sequence number."""
        self._seq += 1
        event = build(self._seq)
        self._ring.append(event)
        return event

    def after(self, last_seq: int) -> list[StreamEvent]:
        """Events newer than ``last_seq`` still in the ring, oldest first."""
        return [event for event in self._ring if event.seq > last_seq]

    def oldest_seq(self) -> int | None:
        return self._ring[0].seq if self._ring else None
