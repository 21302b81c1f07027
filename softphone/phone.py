"""The agent's softphone: takes the dialer's bridged calls and lets the desktop drive them.

`Phone` is the small API the desktop adapts to Qt signals: registration, answer, reject, hang
up, hold, mute, outgoing calls, DTMF, transfers, a local conference, audio devices, and
immutable `CallInfo` snapshots pushed to a `PhoneListener`. It runs entirely on the thread that
calls `start()` and `pump()` (the GUI thread) and wires each call's audio through the pjsua2
conference bridge to the headset port (softphone.audio). It must never touch widgets, never log
a debtor's identity (only call ids and handoff ids), and never let a bad call id or a SIP
failure escape as anything but a `SoftphoneError`.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from pathlib import Path

import pjsua2 as pj

from softphone import calls as features
from softphone import monitor
from softphone.answer_policy import BUSY_STATUS, AnswerRules, IncomingDecision, TrustedSources
from softphone.audio.headset import Headset
from softphone.audio.streams import AudioLevels
from softphone.burst import BurstLog
from softphone.codecs import apply_codec_policy
from softphone.endpoint import EndpointSettings, SipEndpoint
from softphone.headers import GRANT_HEADER, handoff_id_from, parse_headers
from softphone.leg import CallLeg, call_op
from softphone.model import (
    AudioPrefs,
    CallInfo,
    MonitorInfo,
    PhoneConfig,
    PhoneListener,
    RegistrationInfo,
    SoftphoneError,
)
from softphone.monitor import GrantVerifier, MonitorDesk
from softphone.monitor_legs import SupervisorLeg
from softphone.network import NetworkPlan
from softphone.recorder import Recorder
from softphone.registration import RegistrationTracker

log = logging.getLogger("acuerdo.softphone")

_LegAction = Callable[[CallLeg], None]


class Phone:
    """The agent's SIP endpoint and its calls; pump it about every 10 ms from the GUI thread."""

    def __init__(self, config: PhoneConfig, listener: PhoneListener) -> None:
        """Raises ValueError for settings that cannot work (a TLS file or trusted host that
        does not exist), so a bad deployment fails at start, not on the first call."""
        self._config = config
        self._listener = listener
        self._busy_log = BurstLog(log, "INVITE refused: the desk is at its call limit")
        self._refused_log = BurstLog(log, "INVITE refused by the answer policy")
        self._rules = AnswerRules(
            TrustedSources.from_entries(config.trusted_sources),
            config.untrusted_policy,
            config.unpaired_policy,
        )
        network = NetworkPlan(
            transport=config.transport,
            tls_cert_file=config.tls_cert_file,
            tls_key_file=config.tls_key_file,
            tls_ca_file=config.tls_ca_file,
            tls_verify_server=config.tls_verify_server,
            srtp=config.srtp,
            stun_servers=config.stun_servers,
            ice=config.ice,
        )
        self._endpoint = SipEndpoint(
            EndpointSettings(
                user=config.user,
                display_name=config.display_name,
                bind_host=config.bind_host,
                port=config.port,
                rtp_port=config.rtp_port,
                log_level=config.log_level,
                transport=config.transport,
                network=network,
                # pjsua refuses INVITEs beyond this with a stateless 486 before it opens RTP
                # sockets; refusing them ourselves would open 2 sockets per INVITE, held 0.5 s
                # after the call ends, and a flood exhausts pjlib's 64-socket I/O queue (abort).
                max_calls=config.max_calls,
                registrar=config.registrar,
                auth_user=config.auth_user,
                password=config.password,
                register_expires_s=config.register_expires_s,
                register_retry_s=config.register_retry_s,
            ),
            on_invite=self._invite_arrived,
            on_registration=self._registration_event,
            on_busy=lambda: self._busy_log.event("pjsua call limit"),
        )
        self._registration = RegistrationTracker(config.registrar, config.register_retry_s)
        self._headset = Headset(config.audio)
        self._next_device_check = 0.0
        self._recorder = Recorder(self._headset, self._endpoint.leg)
        self._monitor = MonitorDesk(
            self._endpoint, self._headset, config.user, self._tell_monitor, recorder=self._recorder
        )

    @property
    def config(self) -> PhoneConfig:
        return self._config

    @property
    def contact_uri(self) -> str:
        """Where the dialer sends INVITEs, e.g. "sip:agent@127.0.0.1:53211"."""
        return self._endpoint.contact_uri

    @property
    def registration(self) -> RegistrationInfo:
        return self._registration.info

    def start(self) -> None:
        """Create the SIP endpoint on the calling thread; raises SoftphoneError if it cannot.

        With a registrar configured, registration starts here and its progress is reported to
        the listener's `on_registration` (if it has one); failures never raise."""
        self._endpoint.start()
        # Speex garbles audio once two calls are up (a monitor leg, a consult): see codecs.py.
        apply_codec_policy(pj.Endpoint.instance())
        try:
            self._headset.start()
        except pj.Error as exc:
            self._endpoint.stop()
            raise SoftphoneError(f"cannot create the headset port: {exc.reason}") from None

    def pump(self) -> None:
        """Let pjsua2 run (callbacks fire here) and release ended calls; cheap when idle."""
        self._endpoint.pump(0)
        self._busy_log.flush()
        self._refused_log.flush()
        self._recorder.drain()
        self._monitor.pump()
        now = time.monotonic()
        if now >= self._next_device_check and self._endpoint.running:
            self._next_device_check = now + 0.1
            self._headset.check()

    def network_changed(self, registrar: str | None = None) -> None:
        """The laptop resumed or its network changed: register again (at `registrar` if the
        registrar moved) and carry live calls over with a re-INVITE; a call the peer cannot
        keep ends with its SIP reason in CallInfo.reason. Progress goes to the listener."""
        if registrar is not None:
            # replace() runs PhoneConfig's checks on the new registrar URI.
            self._config = dataclasses.replace(self._config, registrar=registrar)
            self._registration = RegistrationTracker(registrar, self._config.register_retry_s)
        self._endpoint.network_changed(registrar)
        log.info("network change handled (%d call(s) up)", len(self._endpoint.legs()))

    def apply_unpaired_policy(self, call_id: int) -> bool:
        """For an INVITE whose handoff offer never came: reject it with 480 when the policy
        says so (True), else leave it ringing as a plain call (False)."""
        decision = self._rules.unpaired()
        if decision.action != "reject" or decision.status is None:
            return False
        self._operate(
            call_id,
            "reject",
            lambda leg: leg.hangup(call_op(decision.status or 480, decision.reason)),
        )
        return True

    def reregister(self) -> None:
        """Register again now (network changed, laptop resumed); progress goes to the listener."""
        if self._config.registrar is None:
            raise SoftphoneError("no registrar is configured")
        try:
            self._endpoint.account.setRegistration(True)
        except pj.Error as exc:
            raise SoftphoneError(f"cannot register: {exc.reason}") from None

    # --- outgoing calls and in-call features (softphone.calls does the SIP work) -------------

    def make_call(
        self,
        target_uri: str,
        *,
        caller_id_user: str | None = None,
        caller_id_name: str | None = None,
        handoff_id: str | None = None,
    ) -> int:
        """Dial out (preview, callback, manual); returns the call id. The caller id replaces
        our From where the trunk allows it (and is asserted in P-Preferred-Identity)."""
        leg = features.dial(
            self._endpoint, self, target_uri, caller_id_user, caller_id_name, handoff_id
        )
        self._notify_changed(leg)
        return leg.call_id

    def send_dtmf(self, call_id: int, digits: str) -> str:
        """Send keypad digits; RFC 4733 events, or SIP INFO when the peer has no
        telephone-event. Returns the method used ("rfc4733" or "sip-info")."""
        return features.send_dtmf(self._endpoint.leg(call_id), digits)

    def transfer(self, call_id: int, target_uri: str) -> None:
        """Blind transfer: REFER the peer to `target_uri`; our leg ends when it succeeds."""
        features.blind_transfer(self._endpoint.leg(call_id), target_uri)

    def transfer_to_call(self, call_id: int, consult_call_id: int) -> None:
        """Attended transfer: connect `call_id`'s peer with the consulted party (REFER with
        Replaces of the consult call), after the agent talked to them on `consult_call_id`."""
        features.attended_transfer(self._endpoint.leg(call_id), self._endpoint.leg(consult_call_id))

    def conference(self, call_ids: list[int], on: bool = True) -> None:
        """Mix these calls with each other and the agent (local three-way), or split them."""
        legs = [self._endpoint.leg(cid) for cid in call_ids]
        features.conference(legs, on)
        for leg in legs:
            self._notify_changed(leg)

    # --- audio devices ---------------------------------------------------------------------

    def audio_levels(self) -> AudioLevels:
        """Peak levels of the last mic and speaker frames (0..1) and the devices in use."""
        return self._headset.levels()

    def set_volume(self, speaker: float | None = None, mic: float | None = None) -> None:
        self._headset.set_volume(speaker, mic)

    def set_devices(self, prefs: AudioPrefs) -> None:
        """Move the headset, mic and ringer to these devices now, calls staying up."""
        self._headset.set_devices(prefs)

    # --- recording ---------------------------------------------------------------------------

    def start_recording(self, call_id: int, path: Path) -> None:
        """Record the call to a stereo WAV at `path` (left customer, right agent plus a joined
        supervisor) with a sidecar `<path>.json`; raises SoftphoneError if the call has no
        audio or the file cannot be created. Stops by itself when the call ends."""
        leg = self._endpoint.leg(call_id)
        self._recorder.start(leg, path)
        self._monitor.recording_started(leg)  # a joined supervisor is part of the call
        self._notify_changed(leg)

    def pause_recording(self, call_id: int, by: str) -> None:
        """Pause (card data): silence is written until resumed; `by` (agent id, "supervisor")
        goes into the sidecar. Idempotent."""
        leg = self._endpoint.leg(call_id)
        self._recorder.set_paused(leg, True, by)
        self._notify_changed(leg)

    def resume_recording(self, call_id: int, by: str) -> None:
        leg = self._endpoint.leg(call_id)
        self._recorder.set_paused(leg, False, by)
        self._notify_changed(leg)

    def stop_recording(self, call_id: int) -> Path | None:
        """Finish the call's recording; the WAV's path, or None if it was not recording."""
        path = self._recorder.stop(call_id)
        if path is None:
            return None
        try:
            leg = self._endpoint.leg(call_id)
        except SoftphoneError:
            return path
        leg.recording = leg.recording_paused = False
        self._notify_changed(leg)
        return path

    def answer(self, call_id: int) -> None:
        self._operate(call_id, "answer", lambda leg: leg.answer(call_op(200)))

    def reject(self, call_id: int, status: int = 486) -> None:
        if not 400 <= status <= 699:
            raise ValueError(f"a rejection needs a 4xx-6xx status, not {status}")
        self._operate(call_id, "reject", lambda leg: leg.hangup(call_op(status)))

    def hangup(self, call_id: int) -> None:
        self._operate(call_id, "hang up", lambda leg: leg.hangup(call_op()))

    # --- supervisor monitoring (softphone.monitor does the work) ------------------------------

    def set_grant_key(self, key: bytes | None, verify: GrantVerifier | None = None) -> None:
        """Agent side: the key monitor grants for this user are signed with (None = refuse
        every monitor leg) and, once, the verifier (`sync.hub.grants.verify_grant`)."""
        self._monitor.set_key(key, verify)

    def start_monitor(self, sip_uri: str, token: str) -> int:
        """Supervisor side: dial the agent's phone with a hub grant; returns the call id. The
        agent's answer comes as `on_monitor` (and the call's own `on_call_changed`)."""
        leg = monitor.dial_monitor(self._endpoint, self, sip_uri, token, self._monitor_answered)
        self._notify_changed(leg)
        return leg.call_id

    def change_monitor(self, call_id: int, token: str) -> None:
        """Supervisor side: send a new grant (another mode) in-dialog; `on_monitor` follows."""
        monitor.regrant(self._endpoint.leg(call_id), token)

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
        """Whether the conference bridge carries our microphone into this call right now."""
        audio = self._endpoint.leg(call_id).audio()
        if audio is None or self._headset.port is None:
            return False
        port_info = self._headset.port.getPortInfo()  # a local: `.listeners` points into it
        return audio.getPortId() in list(port_info.listeners)

    @property
    def refused_invites(self) -> int:
        """INVITEs refused since start: over the call limit, by the flood guard (480 before
        any media), by the answer policy, or monitor legs without a valid grant."""
        refused = self._busy_log.total + self._refused_log.total + self._monitor.refused
        return refused + self._endpoint.flood_refused

    def local_rtp_port(self, call_id: int) -> int | None:
        """The UDP port this call's RTP arrives on (diagnostics, firewall checks)."""
        try:
            leg = self._endpoint.leg(call_id)
        except SoftphoneError:
            return None
        leg.refresh_media_stats()
        port = leg.local_rtp.rsplit(":", 1)[-1]
        return int(port) if port.isdigit() else None

    def call(self, call_id: int) -> CallInfo | None:
        try:
            leg = self._endpoint.leg(call_id)
            return None if leg.silent else leg.snapshot()
        except SoftphoneError:
            return None

    def calls(self) -> list[CallInfo]:
        return [leg.snapshot() for leg in self._endpoint.legs() if not leg.silent]

    def _live_legs(self) -> list[CallLeg]:
        return [leg for leg in self._endpoint.legs() if not leg.ended and not leg.silent]

    def stop(self) -> None:
        """Hang up every call, wait for them to end (bounded), destroy pjsua2. Idempotent."""
        self._endpoint.stop(release=self._release_media)

    # --- LegObserver -----------------------------------------------------------------------

    def leg_media_ready(self, leg: CallLeg, audio: pj.AudioMedia) -> None:
        port = self._headset.port
        if port is None:
            return
        audio.startTransmit(port)
        self._wire_capture(leg, audio)
        self._recorder.media_ready(leg, audio)  # a re-INVITE gave the call a new media slot
        if leg.conference:
            features.conference([other for other in self._endpoint.legs() if other.conference])
        self._monitor.customer_media_ready(leg)

    def leg_changed(self, leg: CallLeg) -> None:
        self._update_alerts()
        self._notify_changed(leg)
        self._monitor.customer_changed(leg)

    def leg_spawned(self, leg: CallLeg) -> None:
        """pjsua started a call for us (we follow a REFER, or a Replaces took over a call)."""
        self._endpoint.adopt(leg)

    # --- internals ---------------------------------------------------------------------------

    def _invite_arrived(self, call_id: int, message: str, source: str, arrived: float) -> None:
        headers = parse_headers(message)
        if GRANT_HEADER.lower() in headers:  # a supervisor's leg: decided before the policy
            self._monitor.invite_arrived(call_id, headers, arrived)
            return
        leg = CallLeg(self._endpoint.account, self, "incoming", call_id)
        leg.handoff_id = handoff_id_from(headers)
        leg.invite_at = arrived
        self._endpoint.adopt(leg)
        live = [o for o in self._live_legs() if o is not leg]
        if len(live) >= self._config.max_calls:
            self._busy_log.event(f"{len(live)} calls up")
            self._refuse(leg, IncomingDecision("reject", status=BUSY_STATUS, reason="Busy Here"))
            return
        decision = self._rules.decide(headers, source, leg.handoff_id)
        if decision.action == "reject":
            self._refused_log.event(f"{decision.status} {decision.reason}")
            self._refuse(leg, decision)
            return
        leg.answer_after_s = decision.answer_after_s
        leg.remote_uri = leg.getInfo().remoteUri
        log.info("incoming call %s (handoff %s, %s)", call_id, leg.handoff_id, decision.action)
        leg.answer(call_op(180))
        self._update_alerts()
        self._listener.on_incoming(leg.snapshot())

    def _monitor_answered(self, leg: SupervisorLeg) -> None:
        self._tell_monitor(monitor.supervisor_info(leg))

    def _tell_monitor(self, info: MonitorInfo) -> None:
        notify = getattr(self._listener, "on_monitor", None)
        if notify is None:
            return
        try:
            notify(info)
        except Exception:
            log.exception("listener failed on monitor leg %s", info.call_id)

    def _registration_event(self, event: str, status: int, reason: str, expires: int) -> None:
        if event == "started":
            info = self._registration.started()
        else:
            info = self._registration.result(status, reason, expires)
        if info is None:
            return
        log.info("registration %s (%s %s)", info.state, info.sip_status, info.reason)
        notify = getattr(self._listener, "on_registration", None)
        if notify is None:
            return
        try:
            notify(info)
        except Exception:
            log.exception("listener failed on a registration change")

    def _refuse(self, leg: CallLeg, decision: IncomingDecision) -> None:
        leg.silent = True  # the listener never heard of it; do not tell it it ended
        try:
            leg.hangup(call_op(decision.status or BUSY_STATUS, decision.reason))
        except pj.Error as exc:
            log.warning("cannot refuse call %s: %s", leg.call_id, exc.reason)

    def _release_media(self) -> None:
        self._recorder.close_all()
        self._headset.release()

    def _update_alerts(self) -> None:
        legs = self._live_legs()
        ringing = any(leg.state == "ringing" for leg in legs)
        busy = any(leg.state == "confirmed" for leg in legs)
        self._headset.alert(ringing=ringing and not busy, waiting=ringing and busy)

    def _wire_capture(self, leg: CallLeg, audio: pj.AudioMedia) -> None:
        port = self._headset.port
        if port is None:
            return
        # On hold the stream still sends (a=sendonly): without this the held customer would
        # hear everything the agent says to a colleague.
        live = not (leg.muted or leg.on_hold)
        if live:
            port.startTransmit(audio)
        else:
            port.stopTransmit(audio)
        self._recorder.set_agent_live(leg.call_id, live)

    def _notify_changed(self, leg: CallLeg) -> None:
        if leg.silent:
            return
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
