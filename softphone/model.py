"""Plain value types of the softphone: its configuration, call snapshots and the listener.

These are what the desktop (and the dialer simulator) code against, so they carry no pjsua2
object and can be built, compared and logged freely. This module must never import pjsua2:
tests and view-models use these types without a SIP stack in the process.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Literal, Protocol

from softphone.quality import CallQuality

CallDirection = Literal["incoming", "outgoing"]
CallState = Literal["ringing", "calling", "connecting", "confirmed", "disconnected"]
UnpairedPolicy = Literal["ring", "reject"]
SipTransport = Literal["udp", "tcp", "tls"]
SrtpUse = Literal["off", "optional", "mandatory"]
RegistrationState = Literal["unregistered", "registering", "registered", "failed", "retrying"]


class SoftphoneError(Exception):
    """An operation on the softphone could not be done (bad call id, SIP stack refused...)."""


class UnknownCallError(SoftphoneError, LookupError):
    """The call id names no call the softphone knows (never existed or already cleaned up)."""


@dataclass(frozen=True)
class PhoneConfig:
    """How the agent's softphone binds and behaves; immutable once the phone starts."""

    user: str = "agent"
    display_name: str = "Acuerdo"
    bind_host: str = "127.0.0.1"
    # 0 asks the OS for a free port; the bound one is then in Phone.contact_uri.
    port: int = 0
    # First UDP port of the media range (RTP on even ports, RTCP on the next odd one, counting
    # up per call) so a firewall can be opened for it; 0 = pjsua's default base, 4000.
    rtp_port: int = 0
    # None = the dialer INVITEs our contact directly (the demo); registration comes later.
    registrar: str | None = None
    unpaired_policy: UnpairedPolicy = "ring"
    pairing_wait_s: float = 3.0
    log_level: int = 0
    # Digest credentials for the registrar; the desktop reads the password from the keyring.
    password: str | None = field(default=None, repr=False)
    auth_user: str | None = None  # defaults to `user`
    transport: SipTransport = "udp"
    register_expires_s: int = 300
    register_retry_s: int = 15  # wait after a failed registration before trying again
    # None = no OS audio (the bridge still runs, its frames go nowhere): tests, the dialer.
    audio: AudioPrefs | None = None
    # Calls the desk holds at once (a call, a waiting call, a consult); more INVITEs get 486.
    max_calls: int = 4
    # Dialer sources (IPs, networks, host names) whose auto-answer requests are honoured;
    # loopback by default so a fresh install auto-answers only the local demo dialer.
    trusted_sources: tuple[str, ...] = ("127.0.0.0/8",)
    untrusted_policy: UnpairedPolicy = "ring"  # "reject" answers untrusted INVITEs with 403
    # TLS (transport="tls"): our certificate and key (PEM), and the CA list that peers'
    # certificates must chain to; verify_server=False only for lab setups.
    tls_cert_file: str | None = None
    tls_key_file: str | None = None
    tls_ca_file: str | None = None
    tls_verify_server: bool = True
    srtp: SrtpUse = "off"  # "mandatory": a peer without SRTP is refused (488)
    stun_servers: tuple[str, ...] = ()  # "host[:port]"; empty = no STUN
    ice: bool = False

    def __post_init__(self) -> None:
        if not self.user or any(c in self.user for c in " @:;<>\"'"):
            raise ValueError(f"PhoneConfig.user must be a plain SIP user part, got {self.user!r}")
        if any(c in self.display_name for c in '"\\\r\n'):
            raise ValueError(f"display_name has quotes or line breaks: {self.display_name!r}")
        try:
            ipaddress.IPv4Address(self.bind_host)
        except ValueError:
            # IPv6 needs a UDP6 transport and bracketed URIs; not wired yet.
            raise ValueError(f"bind_host must be an IPv4 address: {self.bind_host!r}") from None
        if not 0 <= self.port <= 65535:
            raise ValueError(f"PhoneConfig.port must be 0..65535, got {self.port}")
        if self.rtp_port != 0 and not 1024 <= self.rtp_port <= 65_000:
            raise ValueError(f"PhoneConfig.rtp_port must be 0 or 1024..65000, got {self.rtp_port}")
        if self.unpaired_policy not in ("ring", "reject"):
            raise ValueError(f"unpaired_policy is 'ring' or 'reject': {self.unpaired_policy!r}")
        if self.pairing_wait_s < 0:
            raise ValueError("pairing_wait_s must not be negative")
        if not 0 <= self.log_level <= 6:
            raise ValueError("log_level must be 0..6 (pjsip log levels)")
        if self.registrar is not None and not self.registrar.startswith("sip:"):
            raise ValueError(f"registrar must be a sip: URI, got {self.registrar!r}")
        if self.registrar is not None and any(c in self.registrar for c in ' <>"\r\n'):
            raise ValueError(f"registrar is not a plain SIP URI: {self.registrar!r}")
        if self.transport not in ("udp", "tcp", "tls"):
            raise ValueError(f"transport is 'udp', 'tcp' or 'tls': {self.transport!r}")
        if not 1 <= self.max_calls <= 16:
            raise ValueError(f"max_calls must be 1..16, got {self.max_calls}")
        if self.untrusted_policy not in ("ring", "reject"):
            raise ValueError(f"untrusted_policy is 'ring' or 'reject': {self.untrusted_policy!r}")
        if self.srtp not in ("off", "optional", "mandatory"):
            raise ValueError(f"srtp is 'off', 'optional' or 'mandatory': {self.srtp!r}")
        if isinstance(self.trusted_sources, str) or isinstance(self.stun_servers, str):
            raise ValueError("trusted_sources and stun_servers are tuples of strings")
        if self.transport == "tls" and not (self.tls_cert_file and self.tls_key_file):
            raise ValueError("transport 'tls' needs tls_cert_file and tls_key_file")
        if not 1 <= self.register_expires_s <= 86_400:
            raise ValueError("register_expires_s must be 1..86400")
        if not 1 <= self.register_retry_s <= 3_600:
            raise ValueError("register_retry_s must be 1..3600")

    @property
    def registrar_host(self) -> str | None:
        """The host[:port] part of the registrar URI (the SIP domain we register in)."""
        if self.registrar is None:
            return None
        return self.registrar.removeprefix("sip:").split(";", 1)[0].split("@")[-1]


@dataclass(frozen=True)
class AudioPrefs:
    """Which OS audio devices the agent chose, by name (indices change when devices come
    and go); None = the system default. Names are what `softphone.audio.list_devices` gives."""

    headset_output: str | None = None
    headset_input: str | None = None
    ringer_output: str | None = None
    speaker_volume: float = 1.0  # 0.0 .. 2.0, applied in the bridge
    mic_volume: float = 1.0
    echo_cancel: bool = True

    def __post_init__(self) -> None:
        for name in ("speaker_volume", "mic_volume"):
            if not 0.0 <= getattr(self, name) <= 2.0:
                raise ValueError(f"{name} must be 0.0..2.0")


@dataclass(frozen=True)
class RegistrationInfo:
    """Where the phone stands with its registrar, for the status bar."""

    state: RegistrationState
    registrar: str | None
    sip_status: int | None = None
    reason: str = ""
    expires_s: int | None = None  # seconds the registrar granted, when registered
    retry_in_s: int | None = None  # when state == "retrying"


@dataclass(frozen=True)
class CallInfo:
    """A snapshot of one call leg, as the listener and the desktop see it."""

    call_id: int
    direction: CallDirection
    remote_uri: str
    handoff_id: str | None  # from the X-Acuerdo-Handoff header
    answer_after_s: float | None  # from Call-Info answer-after=N; None = no auto-answer asked
    state: CallState
    on_hold: bool
    muted: bool
    sip_status: int | None  # last SIP status code
    reason: str  # last reason phrase / disconnect reason
    invite_received_at: float | None  # time.monotonic() when the INVITE arrived
    confirmed_at: float | None  # time.monotonic() when the call became CONFIRMED
    rx_rtp_packets: int  # RTP packets received (0 if no media), from stream stats
    quality: CallQuality | None = None  # RTCP-based loss/jitter/RTT and MOS, when media ran
    conference: bool = False  # mixed with the agent's other confirmed calls
    recording: bool = False  # a recording of this call is being written
    recording_paused: bool = False  # paused (card data): silence is written meanwhile
    secure_media: bool = False  # the audio runs over SRTP


MonitorMode = Literal["listen", "coach", "join"]


@dataclass(frozen=True)
class MonitorInfo:
    """A supervisor's monitor leg as one side sees it (listener's optional `on_monitor`).

    Agent side: `customer_call_id` is the call being monitored; `mode` None means the leg
    ended; `notify_agent` says whether the agent is shown who listens (coach/join always).
    Supervisor side: `customer_call_id` is None and `sip_status` is the agent phone's last
    answer to our grant (200 accepted, 403 refused: `mode` then stays what it was)."""

    call_id: int
    customer_call_id: int | None
    supervisor: str
    mode: MonitorMode | None
    notify_agent: bool
    sip_status: int | None = None


class PhoneListener(Protocol):
    """What the phone tells its owner; both run on the pumping (GUI) thread."""

    def on_incoming(self, call: CallInfo) -> None: ...

    def on_call_changed(self, call: CallInfo) -> None: ...


class MonitorListener(Protocol):
    """Optional: a PhoneListener that also has this method hears about monitor legs."""

    def on_monitor(self, info: MonitorInfo) -> None: ...


class RegistrationListener(Protocol):
    """Optional: a PhoneListener that also has this method hears registration changes."""

    def on_registration(self, info: RegistrationInfo) -> None: ...
