"""In-call features on pjsua2 legs: dialling out, DTMF, transfers and the local conference.

Kept out of phone.py so each SIP procedure reads on its own: `dial` (with the caller-id choice
in From and P-Preferred-Identity), `send_dtmf` (RFC 4733 first, SIP INFO when the peer did not
offer telephone-event), `blind_transfer` (REFER) and `attended_transfer` (REFER with Replaces),
and `conference` (cross-connect calls in the bridge). Every input from the agent is validated
here; it must never put unchecked text into a SIP header, and never log a dialled number.
"""

from __future__ import annotations

import logging
import re
import time
from typing import TYPE_CHECKING

import pjsua2 as pj

from softphone.headers import HANDOFF_HEADER, handoff_headers
from softphone.leg import CallLeg, LegObserver, call_op
from softphone.model import SoftphoneError

if TYPE_CHECKING:
    from softphone.endpoint import SipEndpoint

log = logging.getLogger("acuerdo.softphone")

_DTMF = re.compile(r"^[0-9A-Da-d*#]{1,32}$")
_USER = re.compile(r"^[A-Za-z0-9+._\-]{1,64}$")
_URI = re.compile(r"^sips?:[^\s<>\"]+$")


def check_uri(uri: str) -> str:
    if not isinstance(uri, str) or not _URI.match(uri):
        raise ValueError(f"not a SIP URI: {uri!r}")
    return uri


def _header(name: str, value: str) -> pj.SipHeader:
    header = pj.SipHeader()
    header.hName = name
    header.hValue = value
    return header


def dial(
    endpoint: SipEndpoint,
    observer: LegObserver,
    target_uri: str,
    caller_id_user: str | None,
    caller_id_name: str | None,
    handoff_id: str | None,
) -> CallLeg:
    check_uri(target_uri)
    prm = call_op()
    if caller_id_user is not None or caller_id_name is not None:
        if caller_id_user is not None and not _USER.match(caller_id_user):
            raise ValueError(f"caller id must be a plain number or user: {caller_id_user!r}")
        if caller_id_name is not None and any(c in caller_id_name for c in '"\\\r\n<>'):
            raise ValueError("caller id name has quotes, brackets or line breaks")
        own = endpoint.contact_uri.removeprefix("sip:").split(";", 1)[0]
        host = own.split("@", 1)[1]
        user = caller_id_user or own.split("@", 1)[0]
        name = f'"{caller_id_name}" ' if caller_id_name else ""
        identity = f"{name}<sip:{user}@{host}>"
        prm.txOption.localUri = identity
        prm.txOption.headers.append(_header("P-Preferred-Identity", identity))
    if handoff_id is not None:
        for hname, value in handoff_headers(handoff_id, auto_answer=False, host="acuerdo"):
            if hname == HANDOFF_HEADER:
                prm.txOption.headers.append(_header(hname, value))
    leg = CallLeg(endpoint.account, observer, "outgoing")
    leg.handoff_id = handoff_id
    leg.remote_uri = target_uri
    leg.invite_at = time.monotonic()
    try:
        leg.makeCall(target_uri, prm)
    except pj.Error as exc:
        raise SoftphoneError(f"cannot place the call: {exc.reason}") from None
    leg.call_id = leg.getId()
    endpoint.adopt(leg)
    log.info("outgoing call %s", leg.call_id)
    return leg


def send_dtmf(leg: CallLeg, digits: str) -> str:
    if not isinstance(digits, str) or not _DTMF.match(digits):
        raise ValueError(f"DTMF digits are 0-9, A-D, * and #: {digits!r}")
    prm = pj.CallSendDtmfParam()
    prm.digits = digits
    prm.duration = 100  # ms per digit: long enough for any IVR's detector
    prm.method = pj.PJSUA_DTMF_METHOD_RFC2833
    try:
        leg.sendDtmf(prm)
        return "rfc4733"
    except pj.Error:
        pass  # the peer offered no telephone-event; SIP INFO is the common fallback
    prm.method = pj.PJSUA_DTMF_METHOD_SIP_INFO
    try:
        leg.sendDtmf(prm)
    except pj.Error as exc:
        raise SoftphoneError(f"cannot send DTMF on call {leg.call_id}: {exc.reason}") from None
    return "sip-info"


def blind_transfer(leg: CallLeg, target_uri: str) -> None:
    check_uri(target_uri)
    try:
        leg.xfer(target_uri, call_op())
    except pj.Error as exc:
        raise SoftphoneError(f"cannot transfer call {leg.call_id}: {exc.reason}") from None
    log.info("call %s transferred (blind)", leg.call_id)


def attended_transfer(leg: CallLeg, consult: CallLeg) -> None:
    if leg is consult:
        raise ValueError("a call cannot be transferred to itself")
    if consult.state != "confirmed":
        raise SoftphoneError(f"consult call {consult.call_id} is not connected")
    prm = call_op()
    prm.options = 0  # keep Require: replaces (PJSUA_XFER_NO_REQUIRE_REPLACES unset)
    try:
        leg.xferReplaces(consult, prm)
    except pj.Error as exc:
        raise SoftphoneError(f"cannot transfer call {leg.call_id}: {exc.reason}") from None
    log.info("call %s transferred to call %s (attended)", leg.call_id, consult.call_id)


def conference(legs: list[CallLeg], on: bool = True) -> None:
    """Connect (or disconnect) every pair of these calls' audio in the bridge; each call
    keeps its own link to the headset, so the agent hears and is heard by all."""
    if on and len(legs) < 2:
        raise ValueError("a conference needs at least two calls")
    media = [(leg, leg.audio()) for leg in legs]
    for leg, audio in media:
        leg.conference = on
        if audio is None:
            continue  # on hold or not up yet; wired again when its media comes back
        for other, other_audio in media:
            if other is leg or other_audio is None:
                continue
            try:
                if on:
                    audio.startTransmit(other_audio)
                else:
                    audio.stopTransmit(other_audio)
            except pj.Error as exc:
                raise SoftphoneError(f"cannot mix call {leg.call_id}: {exc.reason}") from None
