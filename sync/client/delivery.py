"""Bookkeeping of outbox writes on one link: the in-flight window, answers and retry times.

The sender keeps at most ``window`` writes unanswered on a link, so a desk that
comes back with hundreds of saved items neither floods the hub (which meters each
connection and drops what exceeds its rate) nor throws a large batch into a link
that may die again. Each write travels with a ``ref`` derived from its key, so a
hub Error about one write (``rate_limited``, ``internal``) reaches that write. Pure
bookkeeping on a clock the caller passes in: this module must never sleep, do I/O,
or decide anything about an item's durable state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import msgspec

from sync.protocol import decode_client, encode

REF_PREFIX: Final = "outbox:"


def outbox_ref(key: str) -> str:
    """The ``ref`` a write travels with; never collides with request refs (hex uuids)."""
    return REF_PREFIX + key


def key_of_ref(ref: str | None) -> str | None:
    """The outbox key a reply's ``ref`` names, or None when it is not a write's ref."""
    if ref is None or not ref.startswith(REF_PREFIX):
        return None
    return ref[len(REF_PREFIX) :] or None


def with_ref(payload: bytes, key: str) -> bytes:
    """The stored write re-encoded with its outbox ref (the stored bytes carry none)."""
    message = decode_client(payload)
    return encode(msgspec.structs.replace(message, ref=outbox_ref(key)))


@dataclass
class Delivery:
    """Which keys are in flight on the current link and which must wait before a resend."""

    window: int = 32
    ack_timeout_s: float = 30.0
    _in_flight: dict[str, float] = field(default_factory=dict)
    # Answered on this link: a sender working from an older snapshot of the outbox
    # must not send them again.
    _answered: set[str] = field(default_factory=set)
    _not_before: dict[str, float] = field(default_factory=dict)
    _paused_until: float = 0.0

    def __post_init__(self) -> None:
        if self.window < 1:
            raise ValueError("the send window must be at least 1")
        if not self.ack_timeout_s > 0:
            raise ValueError("ack_timeout_s must be > 0")

    def new_link(self) -> None:
        """Forget the old link's in-flight writes: everything open is sent again."""
        self._in_flight.clear()
        self._answered.clear()
        self._paused_until = 0.0

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    def window_full(self) -> bool:
        return len(self._in_flight) >= self.window

    def can_send(self, key: str, now: float) -> bool:
        if key in self._in_flight or key in self._answered:
            return False
        return self._not_before.get(key, 0.0) <= now

    def sent(self, key: str, now: float) -> None:
        self._in_flight[key] = now
        self._not_before.pop(key, None)

    def answered(self, key: str) -> None:
        self._in_flight.pop(key, None)
        self._not_before.pop(key, None)
        self._answered.add(key)

    def retry_later(self, key: str, now: float, delay: float) -> None:
        """The hub refused to handle the write now; send it again after ``delay``."""
        self._in_flight.pop(key, None)
        self._not_before[key] = now + delay

    def pause(self, now: float, delay: float) -> None:
        """Hold every send for ``delay`` (the hub asked us to slow down)."""
        self._paused_until = max(self._paused_until, now + delay)

    def paused_for(self, now: float) -> float:
        return max(0.0, self._paused_until - now)

    def expire(self, now: float) -> list[str]:
        """Writes unanswered for ``ack_timeout_s``: out of the window, to be sent again."""
        late = [key for key, at in self._in_flight.items() if now - at >= self.ack_timeout_s]
        for key in late:
            del self._in_flight[key]
        return late

    def next_deadline(self, now: float) -> float | None:
        """Seconds until something becomes sendable without an answer arriving; None if never."""
        times = [at + self.ack_timeout_s for at in self._in_flight.values()]
        times += [at for at in self._not_before.values() if at > now]
        if self._paused_until > now:
            times.append(self._paused_until)
        return max(0.0, min(times) - now) if times else None
