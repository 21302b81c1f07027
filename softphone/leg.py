"""One SIP call leg on pjsua2: its callbacks, its state as plain values, and its media slot.

`CallLeg` is the only `pj.Call` subclass of the project; the agent's Phone and the dialer's
SipCaller both use it and differ only in the `LegObserver` they hand in (what to wire into the
conference bridge, whom to tell about changes). It must never keep pjsua2 media objects
(AudioMedia) between callbacks nor outlive the endpoint: the endpoint's registry owns the only
long-lived reference, so that `libDestroy()` never finds a stray Call.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Protocol

import pjsua2 as pj

from softphone.guard import guarded
from softphone.model import CallDirection, CallInfo, CallState
from softphone.quality import CallQuality, assess

log = logging.getLogger("acuerdo.softphone")

_EARLY_STATES = (pj.PJSIP_INV_STATE_NULL, pj.PJSIP_INV_STATE_CALLING, pj.PJSIP_INV_STATE_EARLY)
# Media we still send or receive on; NONE and ERROR have no conference slot worth wiring.
_LIVE_MEDIA = (
    pj.PJSUA_CALL_MEDIA_ACTIVE,
    pj.PJSUA_CALL_MEDIA_LOCAL_HOLD,
    pj.PJSUA_CALL_MEDIA_REMOTE_HOLD,
)

_SECURE_PROTOS = frozenset(
    int(p)
    for p in (
        pj.PJMEDIA_TP_PROTO_RTP_SAVP,
        pj.PJMEDIA_TP_PROTO_RTP_SAVPF,
        pj.PJMEDIA_TP_PROTO_DTLS_SRTP,
        pj.PJMEDIA_TP_PROTO_DTLS_SRTPF,
    )
)


class LegObserver(Protocol):
    """What a leg's owner does when pjsua2 reports on it (always on the pumping thread)."""

    def leg_media_ready(self, leg: CallLeg, audio: pj.AudioMedia) -> None: ...

    def leg_changed(self, leg: CallLeg) -> None: ...


class SpawningObserver(LegObserver, Protocol):
    """Optional: an observer that also takes calls pjsua creates on its own (we follow a
    REFER as the transferee, or an INVITE with Replaces takes over one of our calls)."""

    def leg_spawned(self, leg: CallLeg) -> None: ...


class CallLeg(pj.Call):  # type: ignore[misc]
    """A pjsua2 Call that keeps its own state as plain values for snapshots."""

    def __init__(
        self,
        account: pj.Account,
        observer: LegObserver,
        direction: CallDirection,
        call_id: int = pj.PJSUA_INVALID_ID,
    ) -> None:
        super().__init__(account, call_id)
        self.account = account
        self.observer = observer
        self.direction: CallDirection = direction
        self.call_id = call_id
        self.remote_uri = ""
        self.handoff_id: str | None = None
        self.answer_after_s: float | None = None
        self.state: CallState = "ringing" if direction == "incoming" else "calling"
        self.on_hold = False
        self.muted = False
        self.sip_status: int | None = None
        self.reason = ""
        self.invite_at: float | None = None  # INVITE received (incoming) or sent (outgoing)
        self.confirmed_at: float | None = None
        self._rx_closed = 0  # packets of streams already destroyed (re-INVITEs recreate them)
        self._rx_live = 0  # last reading of the current stream
        self.quality: CallQuality | None = None  # last RTCP reading; kept after the call ends
        self.conference = False
        self.transferred = False
        self.dtmf_received = ""  # digits the peer sent (RFC 4733 or SIP INFO)
        self.ended = False
        self.silent = False  # refused by policy before anyone saw it: never reported
        self.recording = False
        self.recording_paused = False
        self.secure_media = False  # SRTP negotiated
        self.local_rtp = ""  # "ip:port" our RTP listened on (kept after the call ends)
        # Calls pjsua started for this one (following its REFER), kept alive until adopted.
        self.spawned: list[CallLeg] = []
        self.spawned_by: CallLeg | None = None

    @guarded
    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        info = self.getInfo()
        if self.call_id == pj.PJSUA_INVALID_ID:
            self.call_id = info.id
            if self.spawned_by is not None:
                self.spawned_by.spawned.remove(self)
                self.spawned_by = None
                _tell_spawned(self)
        self.remote_uri = info.remoteUri
        if info.lastStatusCode:
            self.sip_status = int(info.lastStatusCode)
        self.reason = info.lastReason
        if info.state == pj.PJSIP_INV_STATE_CONFIRMED and self.confirmed_at is None:
            self.confirmed_at = time.monotonic()
        if info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            self.ended = True
        else:
            self.refresh_media_stats()
        self.state = _state_name(info.state, self.direction)
        log.debug("call %s %s (%s %s)", self.call_id, self.state, self.sip_status, self.reason)
        self.observer.leg_changed(self)

    @guarded
    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        info = self.getInfo()
        was_on_hold = self.on_hold
        for index, media in enumerate(info.media):
            if media.type != pj.PJMEDIA_TYPE_AUDIO or media.status not in _LIVE_MEDIA:
                continue
            self.on_hold = media.status == pj.PJSUA_CALL_MEDIA_LOCAL_HOLD
            self.observer.leg_media_ready(self, self.getAudioMedia(index))
            break
        if self.on_hold != was_on_hold:
            self.observer.leg_changed(self)

    @guarded
    def onStreamDestroyed(self, prm: pj.OnStreamDestroyedParam) -> None:
        # Last chance to read the stream's counters: DISCONNECTED is reported after this.
        self._read_rx(prm.streamIdx)
        self._rx_closed += self._rx_live
        self._rx_live = 0

    @guarded
    def onCallTransferStatus(self, prm: pj.OnCallTransferStatusParam) -> None:
        # The transferee reports progress in NOTIFYs; once it is connected, our leg has no job.
        if prm.finalNotify and 200 <= int(prm.statusCode) <= 299:
            self.transferred = True
            prm.cont = False
            self.hangup(call_op())

    @guarded
    def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:
        # We are the transferee: pjsua dials the Refer-To target (with its Replaces, for an
        # attended transfer) as a new call; give it a leg now or its audio goes nowhere.
        if int(prm.statusCode) // 100 > 2:
            return
        leg = CallLeg(self.account, self.observer, "outgoing")
        leg.handoff_id = self.handoff_id
        leg.remote_uri = str(prm.dstUri).split("?", 1)[0]  # never the Replaces dialog ids
        leg.invite_at = time.monotonic()
        leg.spawned_by = self
        self.spawned.append(leg)
        prm.newCall = leg
        log.info("call %s transferred by the peer; following the REFER", self.call_id)

    @guarded
    def onCallReplaced(self, prm: pj.OnCallReplacedParam) -> None:
        # An INVITE with Replaces took over this call (an attended transfer ending at us):
        # pjsua already answered it; the new leg carries on where this one stops.
        leg = CallLeg(self.account, self.observer, self.direction, int(prm.newCallId))
        leg.handoff_id = self.handoff_id
        leg.invite_at = time.monotonic()
        prm.newCall = leg
        _tell_spawned(leg)
        log.info("call %s replaced by call %s", self.call_id, leg.call_id)

    @guarded
    def onDtmfDigit(self, prm: pj.OnDtmfDigitParam) -> None:
        self.dtmf_received = (self.dtmf_received + str(prm.digit))[-64:]
        self.observer.leg_changed(self)

    @property
    def rx_rtp_packets(self) -> int:
        """RTP packets received over the whole call, across re-created streams."""
        return self._rx_closed + self._rx_live

    def audio(self) -> pj.AudioMedia | None:
        """The call's audio conference slot now, or None when it has no live audio."""
        index = self._live_audio_index()
        return None if index is None else self.getAudioMedia(index)

    def refresh_media_stats(self) -> int:
        """Read the received-RTP count from the stream; keeps the last value once media is gone."""
        index = self._live_audio_index()
        if index is not None:
            self._read_rx(index)
        return self.rx_rtp_packets

    def _live_audio_index(self) -> int | None:
        if self.ended or not self.isActive():
            return None
        # Keep the CallInfo in a local: iterating `getInfo().media` directly walks a vector
        # inside a temporary SWIG frees mid-loop, and reads garbage.
        info = self.getInfo()
        for index, media in enumerate(info.media):
            if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status in _LIVE_MEDIA:
                return index
        return None

    def _read_rx(self, index: int) -> None:
        # The stream may go away between getInfo and getStreamStat; then keep the last count.
        with contextlib.suppress(pj.Error):
            stat = self.getStreamStat(index)
            self._rx_live = int(stat.rtcp.rxStat.pkt)
            stream = self.getStreamInfo(index)
            self.secure_media = int(stream.proto) in _SECURE_PROTOS
            self.quality = _quality(stream.codecName, stat.rtcp) or self.quality
            self.local_rtp = str(self.getMedTransportInfo(index).localRtpName)

    def snapshot(self) -> CallInfo:
        """The leg's state as an immutable value (reads fresh RTP stats while media lives)."""
        self.refresh_media_stats()
        return CallInfo(
            call_id=self.call_id,
            direction=self.direction,
            remote_uri=self.remote_uri,
            handoff_id=self.handoff_id,
            answer_after_s=self.answer_after_s,
            state=self.state,
            on_hold=self.on_hold,
            muted=self.muted,
            sip_status=self.sip_status,
            reason=self.reason,
            invite_received_at=self.invite_at if self.direction == "incoming" else None,
            confirmed_at=self.confirmed_at,
            rx_rtp_packets=self.rx_rtp_packets,
            quality=self.quality,
            conference=self.conference,
            recording=self.recording,
            recording_paused=self.recording_paused,
            secure_media=self.secure_media,
        )


def _quality(codec: str, rtcp: pj.RtcpStat) -> CallQuality | None:
    rx = rtcp.rxStat
    expected = int(rx.pkt) + int(rx.loss)
    if expected == 0:
        return None  # no media yet: nothing to judge
    tx = rtcp.txStat  # filled from the peer's receiver reports
    tx_expected = int(tx.pkt) + int(tx.loss)
    rtt = rtcp.rttUsec
    return assess(
        codec=codec,
        rx_loss_pct=100.0 * int(rx.loss) / expected,
        tx_loss_pct=100.0 * int(tx.loss) / tx_expected if tx_expected else 0.0,
        rx_jitter_ms=int(rx.jitterUsec.mean) / 1000.0 if int(rx.jitterUsec.n) else 0.0,
        rtt_ms=int(rtt.mean) / 1000.0 if int(rtt.n) else None,
    )


def _tell_spawned(leg: CallLeg) -> None:
    adopt = getattr(leg.observer, "leg_spawned", None)
    if adopt is None:
        log.warning("call %s started by pjsua has no owner; it runs unobserved", leg.call_id)
    else:
        adopt(leg)


def call_op(status: int = 0, reason: str = "") -> pj.CallOpParam:
    """A CallOpParam with the default call settings (audio only) and an optional status."""
    prm = pj.CallOpParam(True)
    if status:
        prm.statusCode = status
    if reason:
        prm.reason = reason
    return prm


def _state_name(state: int, direction: CallDirection) -> CallState:
    if state == pj.PJSIP_INV_STATE_DISCONNECTED:
        return "disconnected"
    if state == pj.PJSIP_INV_STATE_CONFIRMED:
        return "confirmed"
    if state == pj.PJSIP_INV_STATE_CONNECTING:
        return "connecting"
    if state == pj.PJSIP_INV_STATE_INCOMING or (state in _EARLY_STATES and direction == "incoming"):
        return "ringing"
    return "calling"
