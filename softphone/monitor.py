"""Supervisor listen / coach / join at the agent's phone, and dialling a monitor leg.

Agent side (`MonitorDesk`): an INVITE carrying `X-Acuerdo-Grant` is a monitor leg, decided
before the answer policy. The grant must verify under this agent's key (the hub's HMAC; the
desktop hands in `sync.hub.grants.verify_grant`, which this package may not import), be
unexpired, name this phone's user and the handoff of a live, connected call: then the leg is
answered at once (no ring, no `on_incoming`) and mixed per ARCHITECTURE.md §6; otherwise it
is refused (403; 481 when no such call is up), logged once per burst. A re-INVITE carrying a
new grant for the same supervisor, agent and handoff changes the mode live (200), anything
else gets 403 and the mode stays. While the customer is on hold a joined supervisor is not
sent to them; a call's recording carries the supervisor exactly while the customer hears
them (join, not on hold). The leg ends with the customer call. Supervisor side:
`dial_monitor` / `regrant` put the token in the header. This module must never trust a grant
it did not verify, never route the supervisor's audio anywhere the mode does not list, and
never log a token or a debtor's identity (call ids, handoff ids and user names only).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, cast, get_args

import pjsua2 as pj

from softphone.audio.headset import Headset
from softphone.burst import BurstLog
from softphone.endpoint import SipEndpoint
from softphone.headers import GRANT_HEADER, grant_token_from, is_grant_token
from softphone.leg import CallLeg, LegObserver, call_op
from softphone.model import MonitorInfo, MonitorMode, SoftphoneError
from softphone.monitor_legs import (
    ALL_LINKS,
    TO_CUSTOMER,
    AgentSideLeg,
    Link,
    Media,
    SupervisorLeg,
    mixed_links,
    rewire_links,
)
from softphone.recorder import Recorder

log = logging.getLogger("acuerdo.softphone")

FORBIDDEN = 403
NO_SUCH_CALL = 481  # "Call/Transaction Does Not Exist": the handoff is not up here
MODES: tuple[MonitorMode, ...] = get_args(MonitorMode)


class GrantClaimsLike(Protocol):
    """What the phone reads of verified claims (sync.hub.grants.GrantClaims has it)."""

    @property
    def agent(self) -> str: ...

    @property
    def supervisor(self) -> str: ...

    @property
    def handoff_id(self) -> str: ...

    @property
    def mode(self) -> str: ...


# verify(token, key, now) -> claims, raising ValueError for a forged, altered or expired one.
GrantVerifier = Callable[[str, bytes, dt.datetime], GrantClaimsLike]
Report = Callable[[MonitorInfo], None]


@dataclass
class _Session:
    leg: AgentSideLeg
    customer: CallLeg
    supervisor: str
    handoff_id: str
    mode: MonitorMode | None  # None until the leg's media is up
    granted: MonitorMode
    notify_agent: bool
    wired: frozenset[Link] = frozenset()  # the bridge links made for this leg right now


class MonitorDesk:
    """The agent phone's monitor legs: admission, mixing, mode changes, teardown."""

    def __init__(
        self,
        endpoint: SipEndpoint,
        headset: Headset,
        user: str,
        report: Report,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        recorder: Recorder | None = None,
    ) -> None:
        self._endpoint = endpoint
        self._headset = headset
        self._recorder = recorder
        self._user = user
        self._report = report
        self._clock = clock
        self._key: bytes | None = None
        self._verify: GrantVerifier | None = None
        self._sessions: dict[int, _Session] = {}
        self._refused_log = BurstLog(log, "monitor leg refused")

    @property
    def refused(self) -> int:
        return self._refused_log.total

    def set_key(self, key: bytes | None, verify: GrantVerifier | None) -> None:
        if verify is not None:
            self._verify = verify
        if key is not None and (not isinstance(key, bytes) or not key):
            raise ValueError("a grant key is non-empty bytes")
        if key is not None and self._verify is None:
            raise ValueError("a grant key needs a verifier (sync.hub.grants.verify_grant)")
        self._key = key

    # --- agent side: admission ---------------------------------------------------------------

    def invite_arrived(self, call_id: int, headers: dict[str, list[str]], arrived: float) -> None:
        """Answer or refuse an INVITE that carries a grant header (valid or not)."""
        leg = AgentSideLeg(self._endpoint.account, self, call_id, self._regrant)
        leg.invite_at = arrived
        self._endpoint.adopt(leg)
        status, claims, customer = self._admit(grant_token_from(headers))
        if claims is None or customer is None:
            self._refuse(leg, status)
            return
        mode = cast(MonitorMode, claims.mode)
        session = _Session(
            leg=leg,
            customer=customer,
            supervisor=claims.supervisor,
            handoff_id=claims.handoff_id,
            mode=None,
            granted=mode,
            notify_agent=_notify(claims, mode),
        )
        leg.handoff_id = claims.handoff_id
        self._sessions[call_id] = session
        log.info(
            "monitor leg %s: %s %s on call %s", call_id, claims.supervisor, mode, customer.call_id
        )
        leg.answer(call_op(200))

    def _admit(self, token: str | None) -> tuple[int, GrantClaimsLike | None, CallLeg | None]:
        if token is None or self._key is None or self._verify is None:
            return FORBIDDEN, None, None
        try:
            claims = self._verify(token, self._key, self._clock())
        except ValueError as exc:
            log.debug("grant refused: %s", exc)
            return FORBIDDEN, None, None
        if claims.agent != self._user or claims.mode not in MODES:
            return FORBIDDEN, None, None
        for leg in self._endpoint.legs():
            live = not leg.silent and not leg.ended and leg.state == "confirmed"
            if live and leg.handoff_id == claims.handoff_id:
                return 200, claims, leg
        return NO_SUCH_CALL, claims, None

    def _regrant(self, leg: AgentSideLeg, token: str | None) -> int:
        session = self._sessions.get(leg.call_id)
        status, claims, customer = self._admit(token)
        if session is None or claims is None or customer is None:
            self._refused_log.event(f"mode change {status}")
            return FORBIDDEN if status == 200 else status
        if claims.supervisor != session.supervisor or customer is not session.customer:
            self._refused_log.event("mode change for another supervisor or call")
            return FORBIDDEN
        mode = cast(MonitorMode, claims.mode)
        session.granted = mode
        session.notify_agent = _notify(claims, mode)
        self._apply(session)
        return 200

    def _refuse(self, leg: AgentSideLeg, status: int) -> None:
        self._refused_log.event(str(status))
        try:
            leg.hangup(call_op(status, "Forbidden" if status == FORBIDDEN else ""))
        except pj.Error as exc:
            log.warning("cannot refuse monitor leg %s: %s", leg.call_id, exc.reason)

    # --- agent side: mixing (LegObserver of the monitor legs) ------------------------------------

    def leg_media_ready(self, leg: CallLeg, audio: pj.AudioMedia) -> None:
        session = self._sessions.get(leg.call_id)
        if session is not None:
            self._apply(session, fresh=True)

    def leg_changed(self, leg: CallLeg) -> None:
        if leg.ended:
            self._end(leg.call_id)

    def customer_media_ready(self, leg: CallLeg) -> None:
        """The monitored call's media came (back) with a new slot: wire the supervisor in."""
        for session in self._sessions.values():
            if session.customer is leg:
                self._apply(session, fresh=True)

    def recording_started(self, leg: CallLeg) -> None:
        """`leg` began recording: a supervisor the customer hears goes into the file too."""
        for session in self._sessions.values():
            if session.customer is leg:
                self._apply(session)

    def customer_changed(self, leg: CallLeg) -> None:
        """The monitored call ended: its monitor legs have nothing left to hear."""
        if not leg.ended:
            return
        for session in list(self._sessions.values()):
            if session.customer is leg and not session.leg.ended:
                try:
                    session.leg.hangup(call_op())
                except pj.Error as exc:
                    log.warning("cannot end monitor leg %s: %s", session.leg.call_id, exc.reason)

    def pump(self) -> None:
        self._refused_log.flush()
        for session in list(self._sessions.values()):
            status = session.leg.pending_status
            if status is not None:
                session.leg.pending_status = None
                try:
                    session.leg.answer(call_op(status, "Forbidden"))
                except pj.Error as exc:
                    log.warning("cannot refuse the mode change: %s", exc.reason)

    def _apply(self, session: _Session, fresh: bool = False) -> None:
        slots = self._slots(session)
        sup = slots["sup"]
        if sup is None:
            return  # wired when the leg's media is up
        target = mixed_links(session.granted, session.customer.on_hold)
        # A new slot has no links yet; a slot pjsua kept across a hold re-INVITE has the old
        # ones: either way, cut whatever the target does not list.
        old = ALL_LINKS - target if fresh else session.wired
        changed = session.mode != session.granted
        rewire_links(old, target, slots)
        session.wired = target
        session.mode = session.granted
        if self._recorder is not None:
            self._recorder.supervisor_heard(session.customer, sup, TO_CUSTOMER in target)
        if changed:
            log.info("monitor leg %s now %s", session.leg.call_id, session.mode)
            self._tell(session)

    def _slots(self, session: _Session) -> dict[str, Media | None]:
        return {
            "cust": session.customer.audio(),
            "sup": session.leg.audio(),
            "port": self._headset.port,
        }

    def _end(self, call_id: int) -> None:
        session = self._sessions.pop(call_id, None)
        if session is None:
            return
        # The leg's slot left the bridge and took its links with it: nothing to cut.
        log.info("monitor leg %s ended", call_id)
        if self._recorder is not None and TO_CUSTOMER in session.wired:
            self._recorder.supervisor_heard(session.customer, None, False)
        session.wired = frozenset()
        session.mode = None
        self._tell(session)

    def _tell(self, session: _Session) -> None:
        self._report(
            MonitorInfo(
                call_id=session.leg.call_id,
                customer_call_id=session.customer.call_id,
                supervisor=session.supervisor,
                mode=session.mode,
                notify_agent=session.notify_agent,
                sip_status=200 if session.mode is not None else None,
            )
        )


def _notify(claims: GrantClaimsLike, mode: MonitorMode) -> bool:
    # Coaching and joining are heard by the agent, so they are always announced.
    return mode != "listen" or bool(getattr(claims, "notify_agent", False))


# --- supervisor side ---------------------------------------------------------------------------


def peek_claims(token: str) -> dict[str, Any]:
    """The grant's claims, UNVERIFIED: for showing who/what on the supervisor's own screen
    only (the agent's phone is the one that checks the signature)."""
    try:
        payload = token.split(".", 1)[0]
        raw = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (binascii.Error, ValueError, IndexError):
        return {}
    return raw if isinstance(raw, dict) else {}


def _mode_of(token: str) -> MonitorMode:
    if not is_grant_token(token):
        raise ValueError("not a monitor grant token")
    mode = peek_claims(token).get("mode")
    if mode not in MODES:
        raise ValueError("the grant names no monitor mode")
    return cast(MonitorMode, mode)


def _grant_header(token: str) -> pj.SipHeader:
    header = pj.SipHeader()
    header.hName = GRANT_HEADER
    header.hValue = token
    return header


def dial_monitor(
    endpoint: SipEndpoint,
    observer: LegObserver,
    sip_uri: str,
    token: str,
    report: Callable[[SupervisorLeg], None],
) -> SupervisorLeg:
    """Dial the agent's phone with the grant (no auto-answer header: the grant is enough)."""
    from softphone.calls import check_uri

    check_uri(sip_uri)
    mode = _mode_of(token)
    prm = call_op()
    prm.txOption.headers.append(_grant_header(token))
    leg = SupervisorLeg(endpoint.account, observer, report)
    leg.asked_mode = mode
    leg.supervisor = str(peek_claims(token).get("supervisor", ""))
    leg.handoff_id = str(peek_claims(token).get("handoff_id", "")) or None
    leg.remote_uri = sip_uri
    leg.invite_at = time.monotonic()
    try:
        leg.makeCall(sip_uri, prm)
    except pj.Error as exc:
        raise SoftphoneError(f"cannot start monitoring: {exc.reason}") from None
    leg.call_id = leg.getId()
    endpoint.adopt(leg)
    log.info("monitor leg %s dialled (%s)", leg.call_id, mode)
    return leg


def regrant(leg: CallLeg, token: str) -> None:
    """Send a new grant in-dialog (re-INVITE); the agent's phone answers 200 or 403."""
    if not isinstance(leg, SupervisorLeg):
        raise SoftphoneError(f"call {leg.call_id} is not a monitor leg")
    if leg.state != "confirmed":
        raise SoftphoneError(f"monitor leg {leg.call_id} is not connected")
    leg.asked_mode = _mode_of(token)
    prm = call_op()
    prm.txOption.headers.append(_grant_header(token))
    try:
        leg.reinvite(prm)
    except pj.Error as exc:
        leg.asked_mode = None
        raise SoftphoneError(f"cannot change monitor leg {leg.call_id}: {exc.reason}") from None


def supervisor_info(leg: SupervisorLeg) -> MonitorInfo:
    return MonitorInfo(
        call_id=leg.call_id,
        customer_call_id=None,
        supervisor=leg.supervisor,
        mode=leg.mode,
        notify_agent=leg.mode in ("coach", "join"),
        sip_status=leg.grant_status,
    )
