"""Admission control for new INVITEs, decided before pjsua opens any media socket for them.

Why it exists: the pjsua2 wheel runs pjlib's select() I/O queue, compiled with
PJ_IOQUEUE_MAX_HANDLES = 64 and with assertions on. Every INVITE that reaches pjsua's call
creation opens an RTP and an RTCP socket (pjsua_call_on_incoming -> pjsua_media_channel_init ->
pjmedia_transport_udp_attach -> pj_ioqueue_register_sock2), *before* Account.onIncomingCall
runs, and a closed socket's key is only reusable 500 ms later (PJ_IOQUEUE_KEY_FREE_DELAY). A
flood of INVITEs that are refused quickly (by us, or by the peer giving up) therefore runs the
queue dry and `assert(!pj_list_empty(&ioqueue->free_list))` aborts the process.

Keys in use at any moment are at most `base + 2 * (calls up 0.5 s ago + INVITEs admitted
since)`, and pjsua's own `maxCalls` bounds the first term. So admitting at most `per_window`
new INVITEs in any `window_s` (>= 0.5 s) keeps the queue below its limit whatever the rate.
`per_source` keeps one flooding peer from taking the whole budget, so the dialer still gets
through during a flood. Pure bookkeeping on an injected clock: this module must never import
pjsua2, block, or keep state that grows with the number of refused INVITEs.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

IOQUEUE_HANDLES = 64  # PJ_IOQUEUE_MAX_HANDLES of the pjsua2 wheel (select() ioqueue)
# Keys that are not per-call media: the SIP listener(s) (UDP + TCP/TLS), STUN, spare.
RESERVED_HANDLES = 6
SOCKETS_PER_CALL = 2  # RTP + RTCP for one audio stream (ICE uses as many per component)
# Over a longer window than the 0.5 s key-free delay, so pump lag cannot bite.
WINDOW_S = 1.0
# Admissions per window kept free of any one source, for the dialer during a flood.
HEADROOM_FOR_OTHERS = 4


@dataclass(frozen=True)
class FloodLimits:
    """How many new INVITEs may reach call creation per `window_s`, in all and per source."""

    per_window: int
    per_source: int
    window_s: float = WINDOW_S

    def __post_init__(self) -> None:
        if self.per_window < 1 or self.per_source < 1:
            raise ValueError("flood limits must admit at least one INVITE per window")
        if self.window_s < 0.5:
            raise ValueError("the window must cover pjlib's 0.5 s socket-key free delay")

    @classmethod
    def for_calls(cls, max_calls: int) -> FloodLimits:
        """The largest budget that keeps the I/O queue below its limit with `max_calls` up."""
        spare = IOQUEUE_HANDLES - RESERVED_HANDLES - SOCKETS_PER_CALL * max_calls
        per_window = max(1, spare // SOCKETS_PER_CALL)
        per_source = max(1, per_window - HEADROOM_FOR_OTHERS)
        return cls(per_window=per_window, per_source=per_source)


def source_key(source: str) -> str:
    """The sender as pjsip reports it ("ip:port", "[v6]:port"); one key per transport peer."""
    return source.strip() or "?"


class FloodGuard:
    """Sliding-window admission of new INVITEs; refused ones never open a socket."""

    def __init__(self, limits: FloodLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._admitted: deque[float] = deque()
        # Only admitted INVITEs are remembered, so this holds at most `per_window` sources.
        self._by_source: dict[str, deque[float]] = {}
        self.refused = 0

    def admit(self, source: str) -> bool:
        """Whether a new INVITE from `source` may go on to call creation (and count it)."""
        now = self._clock()
        self._expire(now)
        key = source_key(source)
        mine = self._by_source.get(key)
        if len(self._admitted) >= self.limits.per_window or (
            mine is not None and len(mine) >= self.limits.per_source
        ):
            self.refused += 1
            return False
        self._admitted.append(now)
        if mine is None:
            mine = self._by_source[key] = deque()
        mine.append(now)
        return True

    def _expire(self, now: float) -> None:
        horizon = now - self.limits.window_s
        while self._admitted and self._admitted[0] <= horizon:
            self._admitted.popleft()
        for key in [k for k, times in self._by_source.items() if times[-1] <= horizon]:
            del self._by_source[key]
        for times in self._by_source.values():
            while times and times[0] <= horizon:
                times.popleft()
