"""The agent's softphone: takes the dialer's bridged calls and lets the desktop drive them.

`Phone` is the small API the desktop adapts to Qt signals: answer, reject, hang up, hold, mute,
and immutable `CallInfo` snapshots pushed to a `PhoneListener`. It runs entirely on the thread
that calls `start()` and `pump()` (the GUI thread) and wires each call's audio into the pjsua2
conference bridge (capture -> call, call -> playback) so RTP flows both ways. It must never
touch widgets, never log a debtor's identity (only call ids and handoff ids), and never let a
bad call id or a SIP failure escape as anything but a `SoftphoneError`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pjsua2 as pj

from softphone.endpoint import EndpointSettings, SipEndpoint
from softphone.headers import answer_after_from, handoff_id_from, parse_headers
from softphone.leg import CallLeg, call_op
from softphone.model import CallInfo, PhoneConfig, PhoneListener, SoftphoneError

log = logging.getLogger("acuerdo.softphone")

_LegAction = Callable[[CallLeg], None]


class Phone:
    """The agent's SIP endpoint and its calls; pump it about every 10 ms from the GUI thread."""

    def __init__(self, config: PhoneConfig, listener: PhoneListener) -> None:
        self._config = config
        self._listener = listener
        self._endpoint = SipEndpoint(
            EndpointSettings(
                user=config.user,
                display_name=config.display_name,
                bind_host=config.bind_host,
                port=config.port,
                log_level=config.log_level,
            ),
            on_invite=self._invite_arrived,
        )

    @property
    def config(self) -> PhoneConfig:
        return self._config

    @property
    def contact_uri(self) -> str:
        """Where the dialer sends INVITEs, e.g. "sip:agent@127.0.0.1:53211"."""
        return self._endpoint.contact_uri

    def start(self) -> None:
        """Create the SIP endpoint on the calling thread; raises SoftphoneError if it cannot."""
        if self._config.registrar is not None:
            raise SoftphoneError("registering with a registrar is not supported yet")
        self._endpoint.start()

    def pump(self) -> None:
        """Let pjsua2 run (callbacks fire here) and release ended calls; cheap when idle."""
        self._endpoint.pump(0)

    def answer(self, call_id: int) -> None:
        self._operate(call_id, "answer", lambda leg: leg.answer(call_op(200)))

    def reject(self, call_id: int, status: int = 486) -> None:
        if not 400 <= status <= 699:
            raise ValueError(f"a rejection needs a 4xx-6xx status, not {status}")
        self._operate(call_id, "reject", lambda leg: leg.hangup(call_op(status)))

    def hangup(self, call_id: int) -> None:
        self._operate(call_id, "hang up", lambda leg: leg.hangup(call_op()))

    def set_hold(self, call_id: int, on: bool) -> None:
        """Put the call on hold (re-INVITE, a=sendonly) or take it off; CallInfo follows."""

        def hold(leg: CallLeg) -> None:
            if on:
                leg.setHold(call_op())
            else:
                prm = call_op()
                prm.opt.flag = pj.PJSUA_CALL_UNHOLD
                leg.reinvite(prm)

        self._operate(call_id, "hold" if on else "unhold", hold)

    def set_mute(self, call_id: int, on: bool) -> None:
        """Stop (or resume) sending our capture into the call; the RTP stream itself goes on."""
        leg = self._endpoint.leg(call_id)
        if leg.muted == on:
            return
        leg.muted = on
        audio = leg.audio()
        if audio is not None:
            self._wire_capture(leg, audio)
        self._notify_changed(leg)

    def is_sending_capture(self, call_id: int) -> bool:
        """Whether the conference bridge carries our capture into this call right now."""
        audio = self._endpoint.leg(call_id).audio()
        if audio is None:
            return False
        capture = self._endpoint.audio_devices().getCaptureDevMedia()
        port_info = capture.getPortInfo()  # kept in a local: `.listeners` points into it
        return audio.getPortId() in list(port_info.listeners)

    def call(self, call_id: int) -> CallInfo | None:
        try:
            return self._endpoint.leg(call_id).snapshot()
        except SoftphoneError:
            return None

    def calls(self) -> list[CallInfo]:
        return [leg.snapshot() for leg in self._endpoint.legs()]

    def stop(self) -> None:
        """Hang up every call, wait for them to end (bounded), destroy pjsua2. Idempotent."""
        self._endpoint.stop()

    # --- LegObserver -----------------------------------------------------------------------

    def leg_media_ready(self, leg: CallLeg, audio: pj.AudioMedia) -> None:
        audio.startTransmit(self._endpoint.audio_devices().getPlaybackDevMedia())
        self._wire_capture(leg, audio)

    def leg_changed(self, leg: CallLeg) -> None:
        self._notify_changed(leg)

    # --- internals ---------------------------------------------------------------------------

    def _invite_arrived(self, call_id: int, message: str, arrived: float) -> None:
        headers = parse_headers(message)
        leg = CallLeg(self._endpoint.account, self, "incoming", call_id)
        leg.handoff_id = handoff_id_from(headers)
        leg.answer_after_s = answer_after_from(headers)
        leg.invite_at = arrived
        leg.remote_uri = leg.getInfo().remoteUri
        self._endpoint.adopt(leg)
        log.info("incoming call %s (handoff %s)", call_id, leg.handoff_id)
        leg.answer(call_op(180))
        self._listener.on_incoming(leg.snapshot())

    def _wire_capture(self, leg: CallLeg, audio: pj.AudioMedia) -> None:
        capture = self._endpoint.audio_devices().getCaptureDevMedia()
        if leg.muted:
            capture.stopTransmit(audio)
        else:
            capture.startTransmit(audio)

    def _notify_changed(self, leg: CallLeg) -> None:
        try:
            self._listener.on_call_changed(leg.snapshot())
        except Exception:
            log.exception("listener failed on call %s change", leg.call_id)

    def _operate(self, call_id: int, what: str, action: _LegAction) -> None:
        leg = self._endpoint.leg(call_id)
        try:
            action(leg)
        except pj.Error as exc:
            raise SoftphoneError(f"cannot {what} call {call_id}: {exc.reason}") from None
