"""The reconnect policy: which failures are worth a retry, and how long to wait first.

Pure decisions, no I/O (the websockets client's ``process_exception`` and
``backoff`` split the same way), so the schedule and the verdicts are unit-tested
without a socket. This module must never sleep, connect, or log credentials.
"""

from __future__ import annotations

import random
from enum import StrEnum

from websockets.exceptions import ConnectionClosed, InvalidHandshake

from sync.protocol import ProtocolError

# ----------------------------------------------------------------- failure kinds


class AuthRefused(Exception):
    """The hub refused the password (or there is no credential left to try). Fatal."""


class TokenRefused(Exception):
    """The hub refused the saved token; the password may still work. Retried at once."""


class HandshakeRefused(Exception):
    """The hub answered Hello with an error other than auth_failed (e.g. busy, version)."""


class DeadLink(Exception):
    """Nothing arrived from the hub for longer than the dead-link window."""


class Verdict(StrEnum):
    RETRY = "retry"  # the environment failed; try again after a backoff
    FATAL = "fatal"  # retrying cannot help until the credentials change
    UNEXPECTED = "unexpected"  # a bug; logged with its traceback, retried at the slowest pace


_RETRYABLE: tuple[type[BaseException], ...] = (
    OSError,  # refused, reset, unreachable (ConnectionError is an OSError)
    EOFError,
    TimeoutError,
    ConnectionClosed,
    InvalidHandshake,  # HTTP-level refusals, e.g. a 503 from a load balancer
    ProtocolError,
    HandshakeRefused,
    TokenRefused,
    DeadLink,
)


def decide(exc: BaseException) -> Verdict:
    """Whether a failed session is worth retrying (the websockets client's process_exception)."""
    if isinstance(exc, AuthRefused):
        return Verdict.FATAL
    if isinstance(exc, _RETRYABLE):
        return Verdict.RETRY
    return Verdict.UNEXPECTED


class Backoff:
    """Exponential delays with jitter: each delay is in [base * (1 - jitter), base].

    ``base`` doubles per attempt from ``initial`` and is capped at ``maximum``; the
    jitter spreads hundreds of desks that lost the hub at the same moment.
    """

    def __init__(
        self,
        initial: float,
        maximum: float,
        *,
        factor: float = 2.0,
        jitter: float = 0.5,
        rng: random.Random | None = None,
    ) -> None:
        if not initial > 0:
            raise ValueError("backoff initial delay must be > 0")
        if not maximum >= initial:
            raise ValueError("backoff maximum must be >= the initial delay")
        if not factor >= 1:
            raise ValueError("backoff factor must be >= 1")
        if not 0 <= jitter < 1:
            raise ValueError("backoff jitter must be in [0, 1)")
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
        self.jitter = jitter
        self._rng = rng or random.Random()
        self._base = initial

    def next_delay(self) -> float:
        base = self._base
        # Grow the base only up to the cap, so a long outage never overflows a float.
        self._base = min(self.maximum, self._base * self.factor)
        return base * (1.0 - self.jitter * self._rng.random())

    def reset(self) -> None:
        self._base = self.initial
