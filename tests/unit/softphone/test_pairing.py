"""HandoffPairing: offer and INVITE meet by handoff id, in either order, within a bounded wait."""

from __future__ import annotations

import pytest

from softphone.pairing import HandoffPairing, Pair, Unpaired


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


@pytest.fixture
def pairing(clock: FakeClock) -> HandoffPairing[str]:
    return HandoffPairing(wait_s=3.0, clock=clock)


def test_offer_first_then_invite_pairs(pairing: HandoffPairing[str]) -> None:
    assert pairing.offer_arrived("h-1", "offer-1") is None
    assert pairing.waiting_offers == 1
    assert pairing.invite_arrived("h-1", 7) == Pair("h-1", 7, "offer-1")
    assert pairing.waiting_offers == 0 and pairing.waiting_invites == 0


def test_invite_first_then_offer_pairs(pairing: HandoffPairing[str]) -> None:
    assert pairing.invite_arrived("h-1", 7) is None
    assert pairing.waiting_invites == 1
    assert pairing.offer_arrived("h-1", "offer-1") == Pair("h-1", 7, "offer-1")
    assert pairing.waiting_invites == 0 and pairing.waiting_offers == 0


def test_different_ids_do_not_pair(pairing: HandoffPairing[str]) -> None:
    assert pairing.offer_arrived("h-1", "offer-1") is None
    assert pairing.invite_arrived("h-2", 7) is None
    assert (pairing.waiting_offers, pairing.waiting_invites) == (1, 1)


def test_pairing_just_before_the_deadline_still_pairs(
    pairing: HandoffPairing[str], clock: FakeClock
) -> None:
    pairing.offer_arrived("h-1", "offer-1")
    clock.advance(2.999)
    assert pairing.expired() == []
    assert pairing.invite_arrived("h-1", 3) == Pair("h-1", 3, "offer-1")


def test_halves_expire_after_the_wait_and_are_gone(
    pairing: HandoffPairing[str], clock: FakeClock
) -> None:
    pairing.offer_arrived("h-offer", "offer-1")
    clock.advance(1.0)
    pairing.invite_arrived("h-invite", 4)
    clock.advance(2.0)  # the offer has waited 3.0 s, the INVITE 2.0 s
    assert pairing.expired() == [Unpaired("h-offer", "offer", None, "offer-1", 3.0)]
    clock.advance(1.0)
    assert pairing.expired() == [Unpaired("h-invite", "invite", 4, None, 3.0)]
    assert pairing.expired() == []
    # An expired half no longer pairs: the late partner waits on its own.
    assert pairing.invite_arrived("h-offer", 5) is None
    assert pairing.offer_arrived("h-invite", "late") is None


def test_expired_lists_the_longest_waiting_first(
    pairing: HandoffPairing[str], clock: FakeClock
) -> None:
    pairing.invite_arrived("h-a", 1)
    clock.advance(1.0)
    pairing.offer_arrived("h-b", "b")
    clock.advance(5.0)
    assert [u.handoff_id for u in pairing.expired()] == ["h-a", "h-b"]


def test_zero_wait_expires_at_once(clock: FakeClock) -> None:
    pairing: HandoffPairing[str] = HandoffPairing(wait_s=0.0, clock=clock)
    pairing.invite_arrived("h-1", 1)
    assert pairing.expired() == [Unpaired("h-1", "invite", 1, None, 0.0)]


def test_a_duplicate_offer_displaces_the_older_one(
    pairing: HandoffPairing[str], clock: FakeClock
) -> None:
    pairing.offer_arrived("h-1", "old")
    clock.advance(1.0)
    pairing.offer_arrived("h-1", "new")
    assert pairing.expired() == [Unpaired("h-1", "offer", None, "old", 1.0)]
    assert pairing.invite_arrived("h-1", 2) == Pair("h-1", 2, "new")


def test_a_second_invite_for_the_same_handoff_displaces_the_first(
    pairing: HandoffPairing[str],
) -> None:
    pairing.invite_arrived("h-1", 1)
    pairing.invite_arrived("h-1", 1)  # the same call reported twice is not a duplicate
    assert pairing.expired() == []
    pairing.invite_arrived("h-1", 2)
    assert pairing.expired() == [Unpaired("h-1", "invite", 1, None, 0.0)]
    assert pairing.offer_arrived("h-1", "offer") == Pair("h-1", 2, "offer")


def test_forgetting_a_call_or_an_offer(pairing: HandoffPairing[str]) -> None:
    pairing.invite_arrived("h-1", 9)
    pairing.offer_arrived("h-2", "offer-2")
    assert pairing.forget_call(9) is True
    assert pairing.forget_call(9) is False
    assert pairing.forget_offer("h-2") is True
    assert pairing.forget_offer("h-2") is False
    assert pairing.expired() == []
    assert pairing.offer_arrived("h-1", "offer-1") is None  # the INVITE is gone


def test_offers_may_be_any_object(clock: FakeClock) -> None:
    pairing: HandoffPairing[dict[str, str]] = HandoffPairing(wait_s=1.0, clock=clock)
    offer = {"debtor": "d-1"}
    pairing.offer_arrived("h-1", offer)
    pair = pairing.invite_arrived("h-1", 0)
    assert pair is not None and pair.offer is offer and pair.call_id == 0


@pytest.mark.parametrize("bad", ["", "   "])
def test_empty_handoff_ids_are_refused(pairing: HandoffPairing[str], bad: str) -> None:
    with pytest.raises(ValueError):
        pairing.offer_arrived(bad, "x")
    with pytest.raises(ValueError):
        pairing.invite_arrived(bad, 1)


def test_negative_wait_is_refused() -> None:
    with pytest.raises(ValueError):
        HandoffPairing(wait_s=-1.0)


def test_default_clock_is_monotonic_and_works() -> None:
    pairing: HandoffPairing[str] = HandoffPairing(wait_s=60.0)
    pairing.offer_arrived("h-1", "o")
    assert pairing.expired() == []
