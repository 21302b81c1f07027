"""How the desk's transport, TLS, SRTP, STUN and ICE settings become pjsua2 configuration.

`NetworkPlan.from_settings` is the pure half (checked values, which pjsip transport, the URI
suffix, the SRTP mode); `apply_*` write it into pjsua2's config structs before the library
starts, so the mapping is unit-tested without a running endpoint. STUN and ICE are only flags
here: a desk behind NAT lists its STUN servers and turns ICE on; nothing is contacted until the
library starts. It must never read certificate contents (pjsip does, and reports its own
errors) nor log key paths' contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pjsua2 as pj

_SRTP = {
    "off": pj.PJMEDIA_SRTP_DISABLED,
    "optional": pj.PJMEDIA_SRTP_OPTIONAL,
    "mandatory": pj.PJMEDIA_SRTP_MANDATORY,
}
_KIND = {
    "udp": pj.PJSIP_TRANSPORT_UDP,
    "tcp": pj.PJSIP_TRANSPORT_TCP,
    "tls": pj.PJSIP_TRANSPORT_TLS,
}


@dataclass(frozen=True)
class NetworkPlan:
    """The transport and media-security choices of one endpoint, validated."""

    transport: str = "udp"
    tls_cert_file: str | None = None
    tls_key_file: str | None = None
    tls_ca_file: str | None = None
    tls_verify_server: bool = True
    srtp: str = "off"
    stun_servers: tuple[str, ...] = ()
    ice: bool = False

    def __post_init__(self) -> None:
        if self.transport not in _KIND:
            raise ValueError(f"unknown SIP transport {self.transport!r}")
        if self.srtp not in _SRTP:
            raise ValueError(f"unknown SRTP setting {self.srtp!r}")
        for path in (self.tls_cert_file, self.tls_key_file, self.tls_ca_file):
            if path is not None and not Path(path).is_file():
                raise ValueError(f"TLS file not found: {path}")
        for server in self.stun_servers:
            if not server or any(c in server for c in ' /;<>"\r\n'):
                raise ValueError(f"a STUN server is host[:port], got {server!r}")

    @property
    def kind(self) -> int:
        return int(_KIND[self.transport])

    @property
    def uri_suffix(self) -> str:
        """What a SIP URI needs to say to reach us over this transport."""
        return "" if self.transport == "udp" else f";transport={self.transport}"

    @property
    def srtp_use(self) -> int:
        return int(_SRTP[self.srtp])


def apply_transport(tcfg: pj.TransportConfig, plan: NetworkPlan) -> None:
    """TLS certificate, key and CA for the listening transport (ignored for UDP/TCP)."""
    if plan.transport != "tls":
        return
    tls = tcfg.tlsConfig
    tls.certFile = plan.tls_cert_file or ""
    tls.privKeyFile = plan.tls_key_file or ""
    tls.CaListFile = plan.tls_ca_file or ""
    tls.verifyServer = plan.tls_verify_server
    tls.verifyClient = False  # dialers rarely present client certificates
    tls.method = pj.PJSIP_TLSV1_2_METHOD


def apply_endpoint(cfg: pj.EpConfig, plan: NetworkPlan) -> None:
    """STUN servers are process-wide in pjsua."""
    for server in plan.stun_servers:
        cfg.uaConfig.stunServer.append(server)


def apply_account(acfg: pj.AccountConfig, plan: NetworkPlan) -> None:
    """SRTP mode, STUN use and ICE for our calls."""
    acfg.mediaConfig.srtpUse = plan.srtp_use
    # SRTP keys travel in SDP (SDES); requiring sips: would refuse every plain-TLS dialer.
    acfg.mediaConfig.srtpSecureSignaling = 0
    stun = pj.PJSUA_STUN_USE_DEFAULT if plan.stun_servers else pj.PJSUA_STUN_USE_DISABLED
    acfg.natConfig.sipStunUse = stun
    acfg.natConfig.mediaStunUse = stun
    acfg.natConfig.iceEnabled = plan.ice
