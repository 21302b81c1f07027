"""Limits that keep one client from hurting the others: message rate and sessions per user.

``HubLimits`` holds the configurable numbers; ``TokenBucket`` meters one
connection's messages (a burst is allowed, a sustained flood is answered with
``rate_limited`` and dropped while the connection stays open). Pure
bookkeeping on a monotonic clock the tests can drive; this module must never
sleep, do I/O or close anything itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HubLimits:
    # Sustained messages per second per connection, and the burst allowed above it.
    messages_per_s: float = 50.0
    burst: int = 200
    # Live connections one user may hold on one hub process.
    sessions_per_user: int = 3

    def __post_init__(self) -> None:
        if self.messages_per_s <= 0 or self.burst < 1 or self.sessions_per_user < 1:
            raise ValueError("limits must be positive")


class TokenBucket:
    """Classic token bucket: ``take()`` is True while the caller is within its rate."""

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._clock = clock
        self._tokens = float(burst)
        self._at = clock()

    def take(self) -> bool:
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._at) * self._rate)
        self._at = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        return False
