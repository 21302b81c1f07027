"""Pairs a dialer's INVITE with the hub's handoff offer by handoff id, whichever comes first.

The hub's `handoff.offer` (websockets) and the dialer's INVITE (SIP) race each other. This class
holds whichever half arrived first for at most `wait_s` seconds and hands back a `Pair` when the
other half shows up; halves that waited too long come out of `expired()` so the owner can apply
the unpaired policy (ring as a plain call, or reject). Pure logic on an injected clock: it must
never import pjsua2, touch the network or sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

OfferT = TypeVar("OfferT")


@dataclass(frozen=True)
class Pair(Generic[OfferT]):
    """Both halves of one handoff: the SIP call and the hub's offer."""

    handoff_id: str
    call_id: int
    offer: OfferT


@dataclass(frozen=True)
class Unpaired(Generic[OfferT]):
    """One half that found no partner in time (or was displaced by a newer duplicate)."""

    handoff_id: str
    kind: Literal["offer", "invite"]
    call_id: int | None  # set when kind == "invite"
    offer: OfferT | None  # set when kind == "offer"
    waited_s: float


@dataclass(frozen=True)
class _WaitingOffer(Generic[OfferT]):
    arrived_at: float
    offer: OfferT


@dataclass(frozen=True)
class _WaitingInvite:
    arrived_at: float
    call_id: int


class HandoffPairing(Generic[OfferT]):
    """Matches offers and INVITEs by handoff id within a bounded wait."""

    def __init__(self, wait_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        if wait_s < 0:
            raise ValueError(f"wait_s must not be negative, got {wait_s}")
        self._wait_s = wait_s
        self._clock = clock
        self._offers: dict[str, _WaitingOffer[OfferT]] = {}
        self._invites: dict[str, _WaitingInvite] = {}
        # Halves pushed out by a duplicate of the same handoff id; reported by the next expired().
        self._displaced: list[Unpaired[OfferT]] = []

    @property
    def waiting_offers(self) -> int:
        return len(self._offers)

    @property
    def waiting_invites(self) -> int:
        return len(self._invites)

    def offer_arrived(self, handoff_id: str, offer: OfferT) -> Pair[OfferT] | None:
        """Record the hub's offer; returns the Pair if the INVITE was already waiting."""
        _check_id(handoff_id)
        invite = self._invites.pop(handoff_id, None)
        if invite is not None:
            return Pair(handoff_id, invite.call_id, offer)
        previous = self._offers.get(handoff_id)
        if previous is not None:
            self._displaced.append(self._unpaired(handoff_id, previous))
        self._offers[handoff_id] = _WaitingOffer(self._clock(), offer)
        return None

    def invite_arrived(self, handoff_id: str, call_id: int) -> Pair[OfferT] | None:
        """Record the dialer's INVITE; returns the Pair if the offer was already waiting."""
        _check_id(handoff_id)
        offer = self._offers.pop(handoff_id, None)
        if offer is not None:
            return Pair(handoff_id, call_id, offer.offer)
        previous = self._invites.get(handoff_id)
        if previous is not None and previous.call_id != call_id:
            self._displaced.append(self._unpaired(handoff_id, previous))
        self._invites[handoff_id] = _WaitingInvite(self._clock(), call_id)
        return None

    def forget_call(self, call_id: int) -> bool:
        """Drop a waiting INVITE whose call ended before pairing; True if one was waiting."""
        for handoff_id, waiting in list(self._invites.items()):
            if waiting.call_id == call_id:
                del self._invites[handoff_id]
                return True
        return False

    def forget_offer(self, handoff_id: str) -> bool:
        """Drop a waiting offer the hub withdrew; True if one was waiting."""
        return self._offers.pop(handoff_id, None) is not None

    def expired(self) -> list[Unpaired[OfferT]]:
        """Remove and return every half that has waited `wait_s` or longer, oldest first."""
        now = self._clock()
        out = self._displaced
        self._displaced = []
        for handoff_id, offer in list(self._offers.items()):
            if now - offer.arrived_at >= self._wait_s:
                del self._offers[handoff_id]
                out.append(self._unpaired(handoff_id, offer))
        for handoff_id, invite in list(self._invites.items()):
            if now - invite.arrived_at >= self._wait_s:
                del self._invites[handoff_id]
                out.append(self._unpaired(handoff_id, invite))
        out.sort(key=lambda u: -u.waited_s)
        return out

    def _unpaired(
        self, handoff_id: str, waiting: _WaitingOffer[OfferT] | _WaitingInvite
    ) -> Unpaired[OfferT]:
        waited_s = max(0.0, self._clock() - waiting.arrived_at)
        if isinstance(waiting, _WaitingInvite):
            return Unpaired(handoff_id, "invite", waiting.call_id, None, waited_s)
        return Unpaired(handoff_id, "offer", None, waiting.offer, waited_s)


def _check_id(handoff_id: str) -> None:
    if not isinstance(handoff_id, str) or not handoff_id.strip():
        raise ValueError(f"handoff id must be a non-empty string, got {handoff_id!r}")
