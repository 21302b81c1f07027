"""The process's one pjsua2 Endpoint: creation, pumping, the call registry and a safe shutdown.

Shared by the agent's Phone and the dialer simulator's SipCaller so the delicate parts live once:
the endpoint is created on the calling thread with no pjsua2 worker threads (`threadCnt = 0`,
`mainThreadOnly = True`) and advances only when its owner calls `pump()`; the null sound device
clocks the conference bridge so RTP flows without audio hardware; calls live in one registry
keyed by call id and are dropped on the pump after DISCONNECTED, never inside a callback. It must
never let a Call, media object or Account outlive `libDestroy()` (that aborts the process), and
never be created twice in one process at the same time.
"""

from __future__ import annotations

import atexit
import dataclasses
import gc
import logging
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

import pjsua2 as pj

from softphone.audio.port import FRAME_MS
from softphone.burst import BurstLog
from softphone.flood_guard import FloodGuard, FloodLimits
from softphone.guard import guarded
from softphone.leg import CallLeg, call_op
from softphone.model import SoftphoneError, UnknownCallError
from softphone.network import NetworkPlan, apply_account, apply_endpoint, apply_transport

log = logging.getLogger("acuerdo.softphone")

# (call id, raw INVITE text, source "ip:port", monotonic arrival time); the handler adopts the
# call or rejects it.
IncomingInvite = Callable[[int, str, str, float], None]
# (event, SIP status, reason, expires): event is "started" (a REGISTER went out) or "result".
RegistrationEvent = Callable[[str, int, str, int], None]

_running: SipEndpoint | None = None  # pjsua is a process-wide singleton
# The pj.Endpoint object itself is made once and reused by every start(): pjsua2 aborts the
# process if a second one is constructed while an old wrapper is still referenced anywhere
# (a traceback, a test report), and libCreate() after libDestroy() on the same object works.
_endpoint_object: _Library | None = None

# (source "ip:port") -> None to let the INVITE reach call creation as usual, or the index of
# the account that must take it instead (the refusing one).
AdmitInvite = Callable[[str], "int | None"]
RETRY_AFTER_S = 2  # what a refused INVITE is told (503 + Retry-After)


class _Library(pj.Endpoint):  # type: ignore[misc]
    """The pjsua2 Endpoint, with the one hook that runs before pjsua creates a call's media.

    pjsua asks `onSelectAccount` which account takes a new out-of-dialog request; for an INVITE
    that is inside pjsua_call_on_incoming, after the `maxCalls` check and before
    pjsua_media_channel_init opens the RTP/RTCP sockets. pjsua 2.15 ignores an invalid index
    here (it falls back to the default account), so an INVITE over budget is handed to the
    refusing account instead: it uses a loop media transport (no socket) and answers 503."""

    def __init__(self) -> None:
        super().__init__()
        self.admit_invite: AdmitInvite | None = None

    @guarded
    def onSelectAccount(self, prm: pj.OnSelectAccountParam) -> None:
        admit = self.admit_invite
        if admit is None:
            return
        rdata = prm.rdata
        # info reads "Request msg INVITE/cseq=1 (rdata0x...)"; other methods (OPTIONS,
        # MESSAGE) open no media and keep pjsua's choice.
        if " INVITE/" not in str(rdata.info):
            return
        instead = admit(str(rdata.srcAddress))
        if instead is not None:
            prm.accountIndex = instead


def _library() -> _Library:
    global _endpoint_object
    if _endpoint_object is None:
        _endpoint_object = _Library()
    return _endpoint_object


@atexit.register
def _stop_forgotten_endpoint() -> None:
    # Interpreter teardown with pjsua still up frees Calls in arbitrary order and aborts;
    # an owner that forgot stop() gets it here, while the modules are still intact.
    if _running is not None:
        _running.stop(grace_s=1.0)


@dataclass(frozen=True)
class EndpointSettings:
    """Where and as whom the endpoint listens."""

    user: str
    display_name: str
    bind_host: str = "127.0.0.1"
    port: int = 0
    rtp_port: int = 0  # first media (RTP) port; 0 = pjsua's default base (4000)
    log_level: int = 0
    user_agent: str = "Acuerdo"
    max_calls: int = 4  # pjsua's default; the dialer simulator needs more (up to 32)
    transport: str = "udp"  # kept for callers that only need UDP/TCP; `network` wins
    network: NetworkPlan | None = None
    registrar: str | None = None  # "sip:host:port"; None = no registration
    auth_user: str | None = None
    password: str | None = field(default=None, repr=False)
    register_expires_s: int = 300
    register_retry_s: int = 15
    # New INVITEs admitted to call creation; None = the most the I/O queue allows (max_calls).
    flood_limits: FloodLimits | None = None


class _StackLog(pj.LogWriter):  # type: ignore[misc]
    """pjsip's own log: printed up to the configured level, and watched for the INVITEs pjsua
    refuses by itself (over maxCalls: a stateless 486, which has no callback of its own)."""

    def __init__(self, print_level: int, on_busy: Callable[[], None] | None) -> None:
        super().__init__()
        self.print_level = print_level
        self.on_busy = on_busy

    @guarded
    def write(self, entry: pj.LogEntry) -> None:
        message = str(entry.msg)
        if self.on_busy is not None and "too many calls" in message:
            self.on_busy()
        if int(entry.level) <= self.print_level:
            print(message.rstrip("\n"), flush=True)


class _LocalAccount(pj.Account):  # type: ignore[misc]
    """A registrar-less account: it names us in From/Contact and receives INVITEs."""

    def __init__(
        self, on_invite: IncomingInvite, on_registration: RegistrationEvent | None
    ) -> None:
        super().__init__()
        self._on_invite = on_invite
        self._on_registration = on_registration

    @guarded
    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        rdata = prm.rdata
        self._on_invite(prm.callId, rdata.wholeMsg, str(rdata.srcAddress), time.monotonic())

    @guarded
    def onRegStarted(self, prm: pj.OnRegStartedParam) -> None:
        if self._on_registration is not None and prm.renew:
            self._on_registration("started", 0, "", 0)

    @guarded
    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        if self._on_registration is not None:
            self._on_registration("result", int(prm.code), str(prm.reason), int(prm.expiration))


class _RefusingAccount(pj.Account):  # type: ignore[misc]
    """Takes the INVITEs the flood guard turned away: loop media (no socket), then 503."""

    def __init__(self, on_invite: Callable[[int], None]) -> None:
        super().__init__()
        self._on_invite = on_invite

    @guarded
    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        self._on_invite(prm.callId)


class SipEndpoint:
    """Owns the pjsua2 Endpoint, the UDP transport, the local account and every CallLeg."""

    def __init__(
        self,
        settings: EndpointSettings,
        on_invite: IncomingInvite | None = None,
        on_registration: RegistrationEvent | None = None,
        on_busy: Callable[[], None] | None = None,
    ):
        self._settings = settings
        self._on_invite = on_invite
        self._on_registration = on_registration
        self._on_busy = on_busy
        self._guard = FloodGuard(settings.flood_limits or FloodLimits.for_calls(settings.max_calls))
        self._flood_log = BurstLog(log, "INVITE refused: too many new calls per second (flood)")
        self._stack_log: _StackLog | None = None
        self._ep: pj.Endpoint | None = None
        self._stopping = False
        self._account: _LocalAccount | None = None
        self._refusing: _RefusingAccount | None = None
        self._contact_uri = ""
        self._transport_id = -1
        self._legs: dict[int, CallLeg] = {}
        # Calls pushed out of the registry inside a callback; released on the next pump.
        self._released: list[pj.Call] = []
        # Every wrapper ever made, weakly: the ones still alive at libDestroy get leaked on purpose.
        self._wrappers: weakref.WeakSet[pj.Call] = weakref.WeakSet()

    @property
    def running(self) -> bool:
        return self._ep is not None

    @property
    def flood_refused(self) -> int:
        """INVITEs refused (480, stateless, no media) by the flood guard since creation."""
        return self._guard.refused

    @property
    def contact_uri(self) -> str:
        if not self._contact_uri:
            raise SoftphoneError("the SIP endpoint is not started")
        return self._contact_uri

    @property
    def account(self) -> pj.Account:
        if self._account is None:
            raise SoftphoneError("the SIP endpoint is not started")
        return self._account

    def start(self) -> None:
        """Create the endpoint on this thread, bind UDP, create the local account."""
        global _running
        if self._ep is not None:
            return
        if _running is not None:
            raise SoftphoneError("a SIP endpoint already runs in this process (pjsua2 allows one)")
        s = self._settings
        plan = s.network or NetworkPlan(transport=s.transport)
        ep = _library()
        ep.libCreate()
        try:
            cfg = pj.EpConfig()
            cfg.uaConfig.threadCnt = 0
            cfg.uaConfig.mainThreadOnly = True
            cfg.uaConfig.userAgent = s.user_agent
            cfg.uaConfig.maxCalls = s.max_calls
            # Level 2 at least so pjsua's "too many calls" refusals reach _StackLog.
            cfg.logConfig.level = max(2, s.log_level)
            cfg.logConfig.consoleLevel = max(2, s.log_level)
            self._stack_log = _StackLog(s.log_level, self._on_busy)
            cfg.logConfig.writer = self._stack_log
            cfg.logConfig.msgLogging = s.log_level >= 5
            # Without this, silence suppression stops RTP and a muted or quiet leg looks dead.
            cfg.medConfig.noVad = True
            # The bridge frame is the headset bridge's unit of latency: one constant (port.py).
            cfg.medConfig.audioFramePtime = FRAME_MS
            apply_endpoint(cfg, plan)
            ep.libInit(cfg)
            ep.audDevManager().setNullDev()
            tcfg = pj.TransportConfig()
            tcfg.port = s.port
            tcfg.boundAddress = s.bind_host
            tcfg.publicAddress = s.bind_host  # else pjsua advertises a guessed interface
            apply_transport(tcfg, plan)
            transport_id = ep.transportCreate(plan.kind, tcfg)
            ep.admit_invite = self._admit_invite
            ep.libStart()
            local_name = ep.transportGetInfo(transport_id).localName
            port = int(local_name.rsplit(":", 1)[1])
            account = _LocalAccount(self._invite, self._on_registration)
            acfg = pj.AccountConfig()
            acfg.idUri = f'"{s.display_name}" <sip:{s.user}@{s.bind_host}:{port}>'
            if s.registrar is not None:
                _registration_config(acfg, s, plan, transport_id)
            apply_account(acfg, plan)
            _media_transport(acfg, s)
            # An answer listing several codecs would otherwise trigger a codec-locking re-INVITE
            # that simple peers (sipp scenarios, some dialers) treat as unexpected.
            acfg.mediaConfig.lockCodecEnabled = False
            account.create(acfg, True)
            refusing = _refusing_account(self._refuse_flooded, s, transport_id)
        except (pj.Error, ValueError) as exc:
            ep.admit_invite = None
            ep.libDestroy()
            raise SoftphoneError(f"cannot start SIP endpoint: {_describe(exc)}") from None
        self._ep = ep
        self._account = account
        self._refusing = refusing
        self._transport_id = transport_id
        self._contact_uri = f"sip:{s.user}@{s.bind_host}:{port}{plan.uri_suffix}"
        _running = self
        log.info("SIP endpoint up at %s", self._contact_uri)

    def pump(self, wait_ms: int = 0) -> None:
        """Run due pjsua2 work (callbacks fire here), then release ended calls."""
        if self._ep is None:
            return
        self._ep.libHandleEvents(wait_ms)
        self._flood_log.flush()
        for call_id in [cid for cid, leg in self._legs.items() if leg.ended]:
            self._released.append(self._legs.pop(call_id))
        # A Call wrapper's destructor clears the user data of *its call id* and hangs that id
        # up if active. Once pjsua reused the id for a new INVITE, deleting the old wrapper
        # would orphan the new call (its callbacks stop: it stays "ringing" for us) and hang
        # it up at once. So an old wrapper waits here until its id holds no live call.
        self._released = [call for call in self._released if _holds_live_call(call)]

    def _admit_invite(self, source: str) -> int | None:
        if self._guard.admit(source) or self._refusing is None:
            return None
        self._flood_log.event(f"budget {self._guard.limits.per_window} per s")
        return int(self._refusing.getId())

    def _refuse_flooded(self, call_id: int) -> None:
        assert self._refusing is not None
        call = pj.Call(self._refusing, call_id)
        self._released.append(call)  # never deleted inside its own callback
        self._wrappers.add(call)
        prm = call_op(503, "Service Unavailable")
        retry = pj.SipHeader()
        retry.hName = "Retry-After"
        retry.hValue = str(RETRY_AFTER_S)
        prm.txOption.headers.append(retry)
        try:
            call.hangup(prm)
        except pj.Error as exc:
            log.warning("cannot refuse flooded call %s: %s", call_id, _describe(exc))

    def _invite(self, call_id: int, message: str, source: str, arrived: float) -> None:
        if self._on_invite is not None:
            self._on_invite(call_id, message, source, arrived)
            return
        # Nobody takes calls here (the dialer side): decline, and keep the wrapper until the
        # next pump because deleting a Call inside its own callback is unsafe.
        call = pj.Call(self.account, call_id)
        self._released.append(call)
        self._wrappers.add(call)
        call.hangup(call_op(603))

    def adopt(self, leg: CallLeg) -> None:
        """Put a leg in the registry; a same-id leg still there is released on the next pump."""
        previous = self._legs.get(leg.call_id)
        if previous is not None and previous is not leg:
            self._released.append(previous)
        self._legs[leg.call_id] = leg
        self._wrappers.add(leg)

    def leg(self, call_id: int) -> CallLeg:
        leg = self._legs.get(call_id)
        if leg is None:
            raise UnknownCallError(f"no call with id {call_id}")
        return leg

    def legs(self) -> list[CallLeg]:
        return list(self._legs.values())

    def network_changed(self, registrar: str | None = None) -> None:
        """The network under us changed (new address, resume from sleep): let pjsua drop stale
        TCP/TLS connections, register again (at `registrar` if it moved) and re-INVITE live
        calls with our new contact; calls that cannot follow end with the peer's reason."""
        if self._ep is None or self._account is None:
            raise SoftphoneError("the SIP endpoint is not started")
        if registrar is not None:
            self._move_registrar(registrar)
        prm = pj.IpChangeParam()
        prm.restartListener = False  # our port stays: the dialer and registrar know it
        try:
            self._ep.handleIpChange(prm)
        except pj.Error as exc:
            raise SoftphoneError(f"cannot follow the network change: {_describe(exc)}") from None

    def _move_registrar(self, registrar: str) -> None:
        s = self._settings
        plan = s.network or NetworkPlan(transport=s.transport)
        self._settings = dataclasses.replace(s, registrar=registrar)
        assert self._account is not None
        acfg = pj.AccountConfig()
        acfg.idUri = f'"{s.display_name}" <sip:{s.user}@{s.bind_host}>'
        _registration_config(acfg, self._settings, plan, self._transport_id)
        apply_account(acfg, plan)
        _media_transport(acfg, s)
        acfg.mediaConfig.lockCodecEnabled = False
        try:
            self._account.modify(acfg)
        except pj.Error as exc:
            raise SoftphoneError(f"cannot use registrar {registrar}: {_describe(exc)}") from None

    def audio_devices(self) -> pj.AudDevManager:
        if self._ep is None:
            raise SoftphoneError("the SIP endpoint is not started")
        return self._ep.audDevManager()

    def stop(self, grace_s: float = 3.0, release: Callable[[], None] | None = None) -> None:
        """Hang up everything, wait (bounded) for the calls to end, then destroy pjsua2.

        `release` lets the owner drop its own pjsua2 objects (players...) before the library
        goes away. Idempotent, and never raises: shutdown runs on quit paths.
        """
        global _running
        ep = self._ep
        if ep is None or self._stopping:
            return
        self._stopping = True
        try:
            self._end_calls(ep, grace_s)
            # The media clock thread calls our AudioMediaPorts (headset, recordings) every
            # 20 ms, and the bridge removes a port asynchronously: a port released while the
            # clock runs is called mid-deallocation (AttributeError, then a segfault). Stopping
            # the clock first (it joins its thread) means nothing calls them any more.
            _stop_media_clock(ep)
            if release is not None:
                release()
            if self._refusing is not None:
                self._refusing.shutdown()
            if self._account is not None:
                self._account.shutdown()
        except Exception:
            log.exception("winding down the SIP endpoint failed; destroying it anyway")
        finally:
            self._legs.clear()
            self._released.clear()
            self._account = None
            self._refusing = None
            gc.collect()  # any Call wrapper still in a cycle must go before the library does
            self._disown_strays()
            _library().admit_invite = None
            try:
                ep.libDestroy()
            except pj.Error as exc:
                log.warning("libDestroy failed: %s", _describe(exc))
            self._ep = None
            self._stopping = False
            _running = None
        log.info("SIP endpoint stopped")

    def _end_calls(self, ep: pj.Endpoint, grace_s: float) -> None:
        try:
            ep.hangupAllCalls()
        except pj.Error as exc:
            log.warning("hang-up on stop failed: %s", _describe(exc))
        deadline = time.monotonic() + grace_s
        while True:
            self.pump(10)
            if all(leg.ended for leg in self._legs.values()) or time.monotonic() >= deadline:
                break
        self.pump(0)  # release the legs that just ended, outside their callbacks
        if self._legs:
            log.warning("%d call(s) did not end within %.1f s of stop", len(self._legs), grace_s)

    def _disown_strays(self) -> None:
        # A Call wrapper deleted after libDestroy() runs pjsua code on freed state and aborts the
        # process. If someone still holds one, hand it to C++ so it is never deleted: a small
        # leak at shutdown instead of a crash.
        strays = list(self._wrappers)
        for call in strays:
            call.__disown__()
        if strays:
            log.warning("%d call object(s) still referenced at shutdown; leaked", len(strays))
        self._wrappers = weakref.WeakSet()


def _refusing_account(
    on_invite: Callable[[int], None], s: EndpointSettings, transport_id: int
) -> _RefusingAccount:
    account = _RefusingAccount(on_invite)
    acfg = pj.AccountConfig()
    # A user nobody dials, so pjsua's own matching never picks it; only the guard does.
    acfg.idUri = f"<sip:flood-guard@{s.bind_host}>"
    acfg.sipConfig.transportId = transport_id
    acfg.mediaConfig.useLoopMedTp = True  # pjmedia's loop transport: no RTP/RTCP socket
    account.create(acfg, False)
    return account


def rtp_port_span(max_calls: int) -> int:
    """How many media ports from `rtp_port` on a desk uses: a pair per call, with room for
    pairs a just-ended call still holds (about 0.5 s) and for ports another program took."""
    return max(32, 8 * max_calls)


def _media_transport(acfg: pj.AccountConfig, s: EndpointSettings) -> None:
    tcfg = acfg.mediaConfig.transportConfig
    tcfg.boundAddress = s.bind_host
    tcfg.publicAddress = s.bind_host
    if s.rtp_port:
        # pjsua counts up from here (an RTP+RTCP pair per call, skipping taken ports) for the
        # life of the process; the range makes it wrap so a firewall rule can name every port.
        tcfg.port = s.rtp_port
        tcfg.portRange = rtp_port_span(s.max_calls)


def _stop_media_clock(ep: pj.Endpoint) -> None:
    try:
        ep.audDevManager().setNoDev()  # closes the null device and joins its clock thread
    except pj.Error as exc:
        log.warning("cannot stop the media clock: %s", _describe(exc))


def _holds_live_call(call: pj.Call) -> bool:
    try:
        return int(call.getId()) >= 0 and bool(call.isActive())
    except pj.Error:
        return False


def _registration_config(
    acfg: pj.AccountConfig, s: EndpointSettings, plan: NetworkPlan, transport_id: int
) -> None:
    registrar = s.registrar or ""
    domain = registrar.removeprefix("sip:").split(";", 1)[0]
    suffix = plan.uri_suffix
    acfg.idUri = f'"{s.display_name}" <sip:{s.user}@{domain}>'
    acfg.regConfig.registrarUri = f"{registrar}{suffix}" if suffix not in registrar else registrar
    acfg.regConfig.timeoutSec = s.register_expires_s
    acfg.regConfig.retryIntervalSec = s.register_retry_s
    acfg.regConfig.firstRetryIntervalSec = s.register_retry_s
    # Refresh a little before expiry, but never before half of a short expiry has passed.
    acfg.regConfig.delayBeforeRefreshSec = max(1, min(5, s.register_expires_s // 2))
    acfg.sipConfig.transportId = transport_id
    if s.password is not None:
        cred = pj.AuthCredInfo("digest", "*", s.auth_user or s.user, 0, s.password)
        acfg.sipConfig.authCreds.append(cred)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, pj.Error):
        return f"{exc.title}: {exc.reason} (status {exc.status})"
    return str(exc)
