"""The dialer's pacing rules on a fake clock: delay, one call per agent, cap, modes."""

from __future__ import annotations

import math

import pytest

from sync.dialer.pacing import Dial, Pacer

URI = "sip:ana@127.0.0.1:5070"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make(clock: FakeClock, **kwargs: object) -> Pacer:
    kwargs.setdefault("pacing_s", 1.5)
    return Pacer(clock=clock, **kwargs)  # type: ignore[arg-type]


def test_ready_agent_is_dialed_only_after_the_pacing_delay(clock: FakeClock) -> None:
    pacer = make(clock)
    pacer.agent_changed("ana", "ready", URI)
    assert pacer.due() == []
    assert pacer.next_due_in() == pytest.approx(1.5)
    clock.advance(1.0)
    assert pacer.due() == []
    clock.advance(0.5)
    assert pacer.due() == [Dial("ana", URI, "predictive", auto_answer=True)]
    assert pacer.calls_launched == 1


def test_agent_not_ready_before_the_delay_gets_no_call(clock: FakeClock) -> None:
    pacer = make(clock)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(1.0)
    pacer.agent_changed("ana", "not_ready", None)
    clock.advance(5.0)
    assert pacer.due() == []
    assert pacer.next_due_in() is None
    assert pacer.calls_launched == 0


def test_ready_again_restarts_the_delay(clock: FakeClock) -> None:
    pacer = make(clock)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(1.0)
    pacer.agent_changed("ana", "not_ready", None)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(1.0)
    assert pacer.due() == []
    clock.advance(0.5)
    assert [d.agent for d in pacer.due()] == ["ana"]


def test_repeated_ready_does_not_push_the_call_back(clock: FakeClock) -> None:
    pacer = make(clock)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(1.0)
    pacer.agent_changed("ana", "ready", URI)  # a replayed or duplicate event
    clock.advance(0.5)
    assert [d.agent for d in pacer.due()] == ["ana"]


def test_ready_without_sip_uri_is_not_dialable(clock: FakeClock) -> None:
    pacer = make(clock)
    pacer.agent_changed("ana", "ready", None)
    clock.advance(10)
    assert pacer.due() == []
    assert pacer.next_due_in() is None
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(10)
    assert [d.sip_uri for d in pacer.due()] == [URI]


def test_at_most_one_call_per_agent(clock: FakeClock) -> None:
    pacer = make(clock)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(2)
    assert len(pacer.due()) == 1
    clock.advance(60)
    assert pacer.due() == []
    assert pacer.next_due_in() is None
    assert pacer.in_flight == 1


def test_after_an_answered_call_the_agent_must_be_ready_again(clock: FakeClock) -> None:
    pacer = make(clock)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(2)
    pacer.due()
    pacer.agent_changed("ana", "on_call", None)
    clock.advance(30)
    pacer.call_ended("ana", answered=True)
    pacer.agent_changed("ana", "wrap_up", None)
    clock.advance(30)
    assert pacer.due() == []
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(1.4)
    assert pacer.due() == []
    clock.advance(0.1)
    assert [d.agent for d in pacer.due()] == ["ana"]
    assert pacer.calls_launched == 2


def test_ready_that_arrives_before_the_dialer_sees_its_own_bye_still_counts(
    clock: FakeClock,
) -> None:
    """A fast wrap-up: the hub's ready overtakes the BYE of the call that just ended."""
    pacer = make(clock)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(2)
    pacer.due()
    pacer.agent_changed("ana", "on_call", None)
    pacer.agent_changed("ana", "wrap_up", None)
    pacer.agent_changed("ana", "ready", URI)
    pacer.call_ended("ana", answered=True)
    clock.advance(1.4)
    assert pacer.due() == []
    clock.advance(0.1)
    assert [d.agent for d in pacer.due()] == ["ana"]


def test_answered_call_needs_a_fresh_ready_even_if_the_hub_never_said_on_call(
    clock: FakeClock,
) -> None:
    pacer = make(clock)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(2)
    pacer.due()
    pacer.call_ended("ana", answered=True)
    clock.advance(60)
    assert pacer.due() == []
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(1.5)
    assert len(pacer.due()) == 1


def test_unanswered_call_redials_after_the_delay_if_still_ready(clock: FakeClock) -> None:
    pacer = make(clock)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(2)
    pacer.due()
    pacer.call_ended("ana", answered=False)
    assert pacer.due() == []
    clock.advance(1.5)
    assert len(pacer.due()) == 1
    assert pacer.calls_launched == 2


def test_cap_is_respected_across_agents(clock: FakeClock) -> None:
    pacer = make(clock, max_calls=2)
    for name in ("ana", "luis", "sofia"):
        pacer.agent_changed(name, "ready", f"sip:{name}@127.0.0.1:5070")
    clock.advance(2)
    assert len(pacer.due()) == 2
    assert pacer.exhausted
    for name in ("ana", "luis", "sofia"):
        pacer.call_ended(name, answered=False)
    clock.advance(10)
    assert pacer.due() == []
    assert pacer.next_due_in() is None
    assert pacer.calls_launched == 2


def test_zero_cap_never_dials(clock: FakeClock) -> None:
    pacer = make(clock, max_calls=0)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(10)
    assert pacer.due() == []
    assert pacer.exhausted


def test_refused_handoff_gives_the_slot_back_and_retries_later(clock: FakeClock) -> None:
    pacer = make(clock, max_calls=1)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(2)
    assert len(pacer.due()) == 1
    pacer.dial_refused("ana", retry_after_s=5.0)
    assert not pacer.exhausted
    assert pacer.calls_launched == 0
    clock.advance(4.9)
    assert pacer.due() == []
    assert pacer.next_due_in() == pytest.approx(0.1)
    clock.advance(0.1)
    assert len(pacer.due()) == 1
    assert pacer.exhausted


def test_agents_longest_waiting_are_dialed_first(clock: FakeClock) -> None:
    pacer = make(clock, max_calls=1)
    pacer.agent_changed("luis", "ready", "sip:luis@127.0.0.1:5071")
    clock.advance(0.5)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(5)
    assert [d.agent for d in pacer.due()] == ["luis"]


@pytest.mark.parametrize(
    ("mode", "auto_answer"),
    [("predictive", True), ("progressive", False), ("preview", False)],
)
def test_mode_decides_auto_answer(clock: FakeClock, mode: str, auto_answer: bool) -> None:
    pacer = make(clock, mode=mode)
    pacer.agent_changed("ana", "ready", URI)
    clock.advance(2)
    (dial,) = pacer.due()
    assert dial.mode == mode
    assert dial.auto_answer is auto_answer


def test_forgetting_availability_keeps_calls_in_flight(clock: FakeClock) -> None:
    pacer = make(clock)
    pacer.agent_changed("ana", "ready", URI)
    pacer.agent_changed("luis", "ready", "sip:luis@127.0.0.1:5071")
    clock.advance(2)
    pacer.due()
    pacer.call_ended("luis", answered=False)
    pacer.forget_availability()
    clock.advance(10)
    assert pacer.due() == []
    assert pacer.in_flight == 1
    # The replayed availability after reconnect makes luis dialable again, after the delay.
    pacer.agent_changed("luis", "ready", "sip:luis@127.0.0.1:5071")
    pacer.agent_changed("ana", "ready", URI)  # still dialing: no second call
    clock.advance(1.5)
    assert [d.agent for d in pacer.due()] == ["luis"]


def test_outcomes_for_unknown_agents_are_ignored(clock: FakeClock) -> None:
    pacer = make(clock)
    pacer.call_ended("ghost", answered=True)
    pacer.dial_refused("ghost", retry_after_s=1)
    assert pacer.calls_launched == 0


@pytest.mark.parametrize(
    "kwargs",
    [{"mode": "robocall"}, {"pacing_s": -1.0}, {"pacing_s": math.nan}, {"max_calls": -1}],
)
def test_bad_configuration_is_refused_clearly(clock: FakeClock, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"mode|pacing_s|max_calls"):
        make(clock, **kwargs)
