"""A flood of one event is logged once, then summed up after the burst goes quiet."""

from __future__ import annotations

import logging

import pytest

from softphone.burst import BurstLog


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_logged_once_and_summed_up(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    burst = BurstLog(logging.getLogger("acuerdo.test"), "INVITE refused", quiet_s=5, clock=clock)
    with caplog.at_level(logging.WARNING, "acuerdo.test"):
        for _ in range(400):
            burst.event("busy")
            clock.now += 0.005
        burst.flush()
        assert len(caplog.records) == 1  # still within the burst
        clock.now += 5
        burst.flush()
        burst.flush()
    assert len(caplog.records) == 2
    assert "400 times" in caplog.records[1].getMessage()
    assert burst.total == 400


def test_a_new_burst_after_quiet_logs_again(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    burst = BurstLog(logging.getLogger("acuerdo.test"), "x", quiet_s=1, clock=clock)
    with caplog.at_level(logging.WARNING, "acuerdo.test"):
        burst.event()
        clock.now += 10
        burst.event()
    assert len(caplog.records) == 2  # a lone event needs no summary
    with pytest.raises(ValueError):
        BurstLog(logging.getLogger("x"), "x", quiet_s=0)
