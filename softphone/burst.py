"""One log line per burst: a flood of identical events is logged once, then summed up.

A peer that floods the phone with INVITEs (or garbage) must not flood the agent's log and the
support bundle too. `BurstLog.event()` logs the first event of a burst at WARNING and only counts
the rest; `flush()` (called on every pump) writes one summary once the burst has been quiet for
`quiet_s`. Pure bookkeeping on an injected clock: it must never sleep, and never log per event
after the first one of a burst.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable


class BurstLog:
    """Rate-limited logging of one kind of event (e.g. "INVITE rejected: busy")."""

    def __init__(
        self,
        logger: logging.Logger,
        what: str,
        quiet_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if quiet_s <= 0:
            raise ValueError("quiet_s must be positive")
        self._log = logger
        self._what = what
        self._quiet_s = quiet_s
        self._clock = clock
        self._first_at: float | None = None
        self._last_at = 0.0
        self._count = 0
        self.total = 0  # every event ever, for diagnostics and tests

    def event(self, detail: str = "") -> None:
        now = self._clock()
        self.total += 1
        if self._first_at is not None and now - self._last_at >= self._quiet_s:
            self.flush(now)  # a new burst starts; close the old one first
        self._last_at = now
        if self._first_at is None:
            self._first_at = now
            self._count = 1
            suffix = f" ({detail})" if detail else ""
            self._log.warning("%s%s; further ones are counted, not logged", self._what, suffix)
            return
        self._count += 1

    def flush(self, now: float | None = None) -> None:
        """Close a burst that has been quiet long enough with one summary line."""
        if self._first_at is None:
            return
        now = self._clock() if now is None else now
        if now - self._last_at < self._quiet_s:
            return
        if self._count > 1:
            self._log.warning(
                "%s: %d times in %.1f s", self._what, self._count, self._last_at - self._first_at
            )
        self._first_at = None
        self._count = 0
