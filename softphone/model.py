"""Plain value types of the softphone: its configuration, call snapshots and the listener.

These are what the desktop (and the dialer simulator) code against, so they carry no pjsua2
object and can be built, compared and logged freely. This module must never import pjsua2:
tests and view-models use these types without a SIP stack in the process.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal, Protocol

CallDirection = Literal["incoming", "outgoing"]
CallState = Literal["ringing", "calling", "connecting", "confirmed", "disconnected"]
UnpairedPolicy = Literal["ring", "reject"]


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
    # None = the dialer INVITEs our contact directly (the demo); registration comes later.
    registrar: str | None = None
    unpaired_policy: UnpairedPolicy = "ring"
    pairing_wait_s: float = 3.0
    log_level: int = 0

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
        if self.unpaired_policy not in ("ring", "reject"):
            raise ValueError(f"unpaired_policy is 'ring' or 'reject': {self.unpaired_policy!r}")
        if self.pairing_wait_s < 0:
            raise ValueError("pairing_wait_s must not be negative")
        if not 0 <= self.log_level <= 6:
            raise ValueError("log_level must be 0..6 (pjsip log levels)")


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


class PhoneListener(Protocol):
    """What the phone tells its owner; both run on the pumping (GUI) thread."""

    def on_incoming(self, call: CallInfo) -> None: ...

    def on_call_changed(self, call: CallInfo) -> None: ...
