"""Whether an incoming INVITE is answered by itself, rings, or is refused: pure decisions.

Dialers and PBXs ask a phone to pick up by itself in several vendor dialects: `Call-Info:
<uri>;answer-after=N` (RFC 5373's predecessor, Snom, pjsua, our dialer), `Alert-Info:
<http://www.notused.com>;info=alert-autoanswer` (Broadsoft, Polycom), `Alert-Info: ...;
answer-after=0`, `Alert-Info: info=Auto Answer` / `Auto Answer` / `Ring Answer` (Yealink, Aastra),
`intercom` (Cisco), and RFC 5373's `Answer-Mode: Auto`. `auto_answer_request` reads all of them.
`AnswerRules.decide` then applies the desk's policy: an auto-answer request is honoured only from a
trusted dialer source (IP, network or resolved host); an untrusted INVITE rings as a plain call or
is refused with 403; an INVITE that can never pair with a handoff rings or is refused with 480.
This module must never import pjsua2, touch the network (host names are resolved by an injected
function, once, when the rules are built) or raise on anything that came from the wire.
"""

from __future__ import annotations

import ipaddress
import math
import socket
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from softphone.headers import answer_after_from

TrustPolicy = Literal["ring", "reject"]
Action = Literal["auto_answer", "ring", "reject"]

UNTRUSTED_STATUS = 403  # the source may not place calls on this desk at all
UNPAIRED_STATUS = 480  # nobody here is waiting for that call right now; try later
BUSY_STATUS = 486  # the desk already has as many calls as it can take

_MAX_DELAY_S = 86_400.0
# Alert-Info values (the URI-less token or `info=` parameter) that mean "answer by yourself".
_AUTO_TOKENS = frozenset(
    {"alert-autoanswer", "auto answer", "autoanswer", "ring answer", "intercom"}
)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str], list[str]]


def _resolve(host: str) -> list[str]:
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})
    except (OSError, UnicodeError):
        return []


@dataclass(frozen=True)
class TrustedSources:
    """Networks a dialer may send auto-answer INVITEs from; empty = nobody is trusted."""

    networks: tuple[Network, ...]

    @classmethod
    def from_entries(cls, entries: Iterable[str], resolve: Resolver = _resolve) -> TrustedSources:
        """IPs ("10.0.0.5"), networks ("10.0.0.0/24") or host names ("dialer.local").

        Raises ValueError for an empty entry or a host name that resolves to nothing, so a
        typo in the desk's configuration is found at start, not as a call that never answers."""
        networks: list[Network] = []
        for raw in entries:
            entry = str(raw).strip()
            if not entry:
                raise ValueError("a trusted source entry is empty")
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
                continue
            except ValueError:
                pass
            addresses = resolve(entry)
            if not addresses:
                raise ValueError(f"trusted source {entry!r} is not an IP, network or known host")
            networks.extend(ipaddress.ip_network(a, strict=False) for a in addresses)
        return cls(tuple(networks))

    def contains(self, source: str | None) -> bool:
        """Whether `source` ("ip", "ip:port" or "[v6]:port", as pjsip reports it) is trusted."""
        host = _host_of(source or "")
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self.networks)


def _host_of(source: str) -> str:
    source = source.strip()
    if source.startswith("["):
        return source[1 : source.find("]")] if "]" in source else ""
    if source.count(":") == 1:
        return source.split(":", 1)[0]
    return source


def _params(entry: str) -> tuple[str, dict[str, str]]:
    """(the part before the parameters, lower-cased parameters) of one header entry."""
    close = entry.rfind(">")
    head, tail = (entry[: close + 1], entry[close + 1 :]) if close >= 0 else ("", entry)
    parts = tail.split(";")
    if close < 0 and "=" not in parts[0]:
        head, parts = parts[0], parts[1:]  # a bare token ("Auto Answer"), not a parameter
    params: dict[str, str] = {}
    for part in parts:
        name, _, value = part.partition("=")
        if name.strip():
            params[name.strip().lower()] = value.strip().strip('"').strip()
    return head.strip(), params


def _seconds(raw: str | None) -> float | None:
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) and 0 <= value <= _MAX_DELAY_S else None


def _alert_info_delay(entry: str) -> float | None:
    head, params = _params(entry)
    if "answer-after" in params:
        return _seconds(params["answer-after"])
    info = params.get("info", "").lower()
    token = "" if head.startswith("<") else head.strip().lower()
    if info in _AUTO_TOKENS or token in _AUTO_TOKENS:
        delay = _seconds(params.get("delay"))
        return 0.0 if delay is None else delay
    return None


def auto_answer_request(headers: Mapping[str, list[str]]) -> float | None:
    """Seconds after which the INVITE asks to be answered by itself, or None if it does not.

    `headers` is `softphone.headers.parse_headers` output. The earliest request wins."""
    found: list[float] = []
    call_info = answer_after_from(dict(headers))
    if call_info is not None:
        found.append(call_info)
    for value in headers.get("alert-info", []):
        for entry in value.split(","):
            delay = _alert_info_delay(entry)
            if delay is not None:
                found.append(delay)
    for value in headers.get("answer-mode", []):
        if value.split(";", 1)[0].strip().lower() == "auto":
            found.append(0.0)
    return min(found) if found else None


@dataclass(frozen=True)
class IncomingDecision:
    """What to do with one incoming INVITE."""

    action: Action
    answer_after_s: float | None = None  # set when action == "auto_answer"
    status: int | None = None  # SIP status when action == "reject"
    reason: str = ""  # for the log and the reject's reason phrase; never personal data


@dataclass(frozen=True)
class AnswerRules:
    """The desk's policy for incoming calls."""

    trusted: TrustedSources
    untrusted_policy: TrustPolicy = "ring"
    unpaired_policy: TrustPolicy = "ring"

    def decide(
        self, headers: Mapping[str, list[str]], source: str | None, handoff_id: str | None
    ) -> IncomingDecision:
        trusted = self.trusted.contains(source)
        if not trusted and self.untrusted_policy == "reject":
            return IncomingDecision("reject", status=UNTRUSTED_STATUS, reason="Untrusted Source")
        if handoff_id is None and self.unpaired_policy == "reject":
            return IncomingDecision("reject", status=UNPAIRED_STATUS, reason="No Handoff")
        requested = auto_answer_request(headers)
        if requested is not None and trusted:
            return IncomingDecision("auto_answer", answer_after_s=requested, reason="requested")
        if requested is not None:
            return IncomingDecision("ring", reason="auto-answer asked by an untrusted source")
        return IncomingDecision("ring")

    def unpaired(self) -> IncomingDecision:
        """For an INVITE whose handoff offer never came within the pairing wait."""
        if self.unpaired_policy == "reject":
            return IncomingDecision("reject", status=UNPAIRED_STATUS, reason="No Handoff")
        return IncomingDecision("ring")
