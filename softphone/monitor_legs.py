"""The two ends of a supervisor's monitor leg on pjsua2, and how its audio is mixed.

`MIX` is ARCHITECTURE.md §6 as data: which conference-bridge connections each mode makes
between the customer call (`cust`), the agent's headset (`mic` as source, `speaker` as sink)
and the supervisor's leg (`sup`). `rewire` moves from one mode to another by adding and
removing only the difference, so links both modes share (cust->sup, mic->sup) are never
interrupted and nobody hears a gap. While the customer is on hold, join drops `sup -> cust`
(`mixed_links`): the held stream still sends, and a held customer must hear nobody.
`AgentSideLeg` (the agent's phone) hands in-dialog
re-INVITEs that carry a new grant to its owner before pjsua answers them; `SupervisorLeg`
(the supervisor's phone) reports the agent's answer to each grant. Neither may keep a pjsua2
media object between callbacks, nor route supervisor audio anywhere its mode does not list.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Protocol

import pjsua2 as pj

from softphone.guard import guarded
from softphone.headers import GRANT_HEADER, grant_token_from, parse_headers
from softphone.leg import CallLeg, LegObserver
from softphone.model import MonitorMode

log = logging.getLogger("acuerdo.softphone")

Link = tuple[str, str]  # (source, sink) by role name: "cust", "mic", "sup", "speaker"

_LISTEN: tuple[Link, ...] = (("cust", "sup"), ("mic", "sup"))
_COACH = (*_LISTEN, ("sup", "speaker"))
MIX: dict[MonitorMode, tuple[Link, ...]] = {
    "listen": _LISTEN,
    "coach": _COACH,
    "join": (*_COACH, ("sup", "cust")),
}


class Media(Protocol):
    """What the bridge needs of a slot: pjsua2's AudioMedia (and the headset port) have it."""

    def startTransmit(self, sink: Media) -> None: ...

    def stopTransmit(self, sink: Media) -> None: ...


ALL_LINKS: frozenset[Link] = frozenset(MIX["join"])
TO_CUSTOMER: Link = ("sup", "cust")


def links(mode: MonitorMode | None) -> frozenset[Link]:
    return frozenset(MIX[mode]) if mode is not None else frozenset()


def mixed_links(mode: MonitorMode | None, customer_held: bool) -> frozenset[Link]:
    """The links `mode` makes now: on hold the customer hears nobody, the supervisor included
    (the agent and the supervisor keep talking to each other)."""
    wanted = links(mode)
    return wanted - {TO_CUSTOMER} if customer_held else wanted


def rewire(
    old: MonitorMode | None, new: MonitorMode | None, slots: dict[str, Media | None]
) -> None:
    """Connect what `new` adds over `old` and cut what it drops; a missing slot (media not
    up yet, or gone) is skipped: it is wired when its media comes (back)."""
    rewire_links(links(old), links(new), slots)


def rewire_links(
    old: frozenset[Link], new: frozenset[Link], slots: dict[str, Media | None]
) -> None:
    """`rewire` on link sets: start `new - old`, stop `old - new`."""
    sources = {"cust": "cust", "mic": "port", "sup": "sup"}
    sinks = {"cust": "cust", "speaker": "port", "sup": "sup"}
    for source, sink in sorted(old - new):
        a, b = slots.get(sources[source]), slots.get(sinks[sink])
        if a is not None and b is not None:
            with contextlib.suppress(pj.Error):  # a port already gone has no links left
                a.stopTransmit(b)
    for source, sink in sorted(new - old):
        a, b = slots.get(sources[source]), slots.get(sinks[sink])
        if a is not None and b is not None:
            a.startTransmit(b)


# Decides a grant carried by a re-INVITE: the SIP status to answer (200 or a refusal).
RegrantCheck = Callable[["AgentSideLeg", str | None], int]


class AgentSideLeg(CallLeg):
    """The agent's end of a monitor leg: never shown as a call, never rings."""

    def __init__(
        self, account: pj.Account, observer: LegObserver, call_id: int, regrant: RegrantCheck
    ) -> None:
        super().__init__(account, observer, "incoming", call_id)
        self.silent = True  # not a call of the agent's: the call bar never hears of it
        self._regrant = regrant
        self.pending_status: int | None = None  # a refusal to send on the next pump

    @guarded
    def onCallRxReinvite(self, prm: pj.OnCallRxReinviteParam) -> None:
        headers = parse_headers(str(prm.rdata.wholeMsg))
        if GRANT_HEADER.lower() not in headers:
            return  # a session refresh or hold: pjsua answers it as usual
        status = self._regrant(self, grant_token_from(headers))
        if status != 200:
            # pjsua only answers a re-INVITE with 200 or 488 by itself; anything else is
            # sent asynchronously (Call.answer) once this callback has returned.
            prm.isAsync = True
            self.pending_status = status


class SupervisorLeg(CallLeg):
    """The supervisor's end: a normal outgoing call (mic to the leg, the leg to the speaker)
    that also reports how the agent's phone answered each grant."""

    def __init__(
        self,
        account: pj.Account,
        observer: LegObserver,
        report: Callable[[SupervisorLeg], None],
    ) -> None:
        super().__init__(account, observer, "outgoing")
        self.supervisor = ""
        self.mode: MonitorMode | None = None  # what the agent's phone accepted last
        self.asked_mode: MonitorMode | None = None  # what our pending grant asks for
        self.grant_status: int | None = None
        self._report = report

    @guarded
    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        was = self.state
        super().onCallState(prm)
        if self.state == "confirmed" and was != "confirmed":
            self._answered(200)
        elif self.state == "disconnected" and was != "disconnected":
            if self.mode is None:
                self.grant_status = self.sip_status  # refused before it ever started
            self.mode = None
            self._report(self)

    @guarded
    def onCallTsxState(self, prm: pj.OnCallTsxStateParam) -> None:
        tsx = prm.e.body.tsxState.tsx
        if int(tsx.role) != int(pj.PJSIP_ROLE_UAC) or str(tsx.method) != "INVITE":
            return
        status = int(tsx.statusCode)
        if self.mode is None or status < 200 or self.asked_mode is None:
            return  # the first INVITE is reported through the call state instead
        if int(tsx.state) in (
            int(pj.PJSIP_TSX_STATE_COMPLETED),
            int(pj.PJSIP_TSX_STATE_TERMINATED),
        ):
            self._answered(status)

    def _answered(self, status: int) -> None:
        self.grant_status = status
        if 200 <= status < 300 and self.asked_mode is not None:
            self.mode = self.asked_mode
        self.asked_mode = None
        self._report(self)
