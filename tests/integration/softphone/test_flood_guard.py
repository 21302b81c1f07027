"""FloodGuard's admission arithmetic on an injected clock (no SIP): the budget per window, the
per-source share that leaves room for the dialer, and the window sliding on."""

from __future__ import annotations

import pytest

from softphone.flood_guard import IOQUEUE_HANDLES, FloodGuard, FloodLimits


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_budget_keeps_the_media_io_queue_below_its_limit() -> None:
    for max_calls in (1, 2, 4, 8, 16):
        limits = FloodLimits.for_calls(max_calls)
        # calls up 0.5 s ago plus every admission since, two sockets each, plus the reserve
        worst = 2 * (max_calls + limits.per_window) + 6
        assert worst <= IOQUEUE_HANDLES, (max_calls, limits)
        assert limits.per_source < limits.per_window


def test_one_source_is_held_to_its_share_and_others_still_get_in() -> None:
    clock = _Clock()
    guard = FloodGuard(FloodLimits(per_window=5, per_source=3), clock)
    assert [guard.admit("127.0.0.1:5070") for _ in range(5)] == [True] * 3 + [False] * 2
    assert guard.admit("127.0.0.1:5080") and guard.admit("10.0.0.9:5060")
    assert not guard.admit("10.0.0.10:5060")  # the whole window's budget is spent
    assert guard.refused == 3
    clock.now += 1.0  # the window slides past every admission
    assert guard.admit("127.0.0.1:5070")


def test_limits_that_cannot_work_are_refused() -> None:
    with pytest.raises(ValueError):
        FloodLimits(per_window=0, per_source=1)
    with pytest.raises(ValueError):
        FloodLimits(per_window=5, per_source=5, window_s=0.1)
