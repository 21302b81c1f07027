"""The reconnect policy: backoff schedule (growth, jitter bounds, cap) and the retry decision."""

from __future__ import annotations

import random

import pytest
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosedError, ConnectionClosedOK, InvalidStatus
from websockets.frames import Close
from websockets.http11 import Response

from sync.client import Backoff, Verdict, decide
from sync.client.policy import AuthRefused, DeadLink, HandshakeRefused, TokenRefused
from sync.protocol import ProtocolError


class FixedRandom(random.Random):
    """A random source pinned to one value, to reach the jitter bounds exactly."""

    def __init__(self, value: float) -> None:
        super().__init__(0)
        self.value = value

    def random(self) -> float:
        return self.value


def test_without_jitter_delays_double_up_to_the_cap() -> None:
    backoff = Backoff(0.5, 15.0, jitter=0.0)
    assert [backoff.next_delay() for _ in range(8)] == [0.5, 1, 2, 4, 8, 15, 15, 15]


def test_jitter_bounds_are_reached_but_not_passed() -> None:
    low = Backoff(1.0, 100.0, jitter=0.5, rng=FixedRandom(0.999999))
    high = Backoff(1.0, 100.0, jitter=0.5, rng=FixedRandom(0.0))
    assert high.next_delay() == 1.0
    assert low.next_delay() == pytest.approx(0.5, rel=1e-5)


@pytest.mark.parametrize("seed", range(20))
def test_jittered_delays_stay_within_bounds(seed: int) -> None:
    backoff = Backoff(0.5, 15.0, jitter=0.5, rng=random.Random(seed))
    for attempt in range(40):
        base = min(15.0, 0.5 * 2**attempt)
        delay = backoff.next_delay()
        assert base * 0.5 <= delay <= base
        assert delay <= 15.0


def test_long_outage_does_not_overflow_and_stays_capped() -> None:
    backoff = Backoff(0.01, 2.0, jitter=0.3, rng=random.Random(1))
    delays = [backoff.next_delay() for _ in range(5000)]
    assert max(delays) <= 2.0
    assert min(delays[20:]) >= 2.0 * 0.7


def test_reset_starts_over() -> None:
    backoff = Backoff(0.5, 15.0, jitter=0.0)
    for _ in range(5):
        backoff.next_delay()
    backoff.reset()
    assert backoff.next_delay() == 0.5


@pytest.mark.parametrize(
    ("initial", "maximum", "jitter"),
    [(0.0, 1.0, 0.5), (2.0, 1.0, 0.5), (0.5, 1.0, 1.0), (0.5, 1.0, -0.1)],
)
def test_bad_backoff_settings_are_refused(initial: float, maximum: float, jitter: float) -> None:
    with pytest.raises(ValueError):
        Backoff(initial, maximum, jitter=jitter)


@pytest.mark.parametrize(
    "exc",
    [
        ConnectionRefusedError(111, "refused"),
        ConnectionResetError(),
        OSError("network unreachable"),
        TimeoutError(),
        EOFError(),
        ConnectionClosedOK(Close(1000, "bye"), None),
        ConnectionClosedError(Close(1011, "internal"), None),
        ConnectionClosedError(None, None),
        InvalidStatus(Response(503, "Service Unavailable", Headers())),
        ProtocolError("malformed", "message is not valid JSON"),
        HandshakeRefused("busy: try later"),
        DeadLink("no frame for 20 s"),
        TokenRefused("token expired"),
    ],
    ids=lambda exc: type(exc).__name__,
)
def test_environment_failures_are_retried(exc: BaseException) -> None:
    assert decide(exc) is Verdict.RETRY


def test_refused_credentials_are_fatal() -> None:
    assert decide(AuthRefused("bad password")) is Verdict.FATAL


@pytest.mark.parametrize("exc", [KeyError("x"), TypeError("bug"), AttributeError("bug")])
def test_bugs_are_unexpected(exc: BaseException) -> None:
    assert decide(exc) is Verdict.UNEXPECTED
