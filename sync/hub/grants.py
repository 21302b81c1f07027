"""Signed, short-lived monitor grants: made by the hub, checked by the agent's softphone.

A grant is ``<payload>.<signature>``: the payload is the claims as compact JSON
in unpadded base64url, the signature is HMAC-SHA256 of the payload text under
the agent's grant key, also base64url. The agent's key is
``agent_grant_key(secret, username)`` = HMAC-SHA256(hub secret, "acuerdo/monitor/" +
username); the hub gives each agent only their own key (``Welcome.grant_key``), so a
desktop can check grants for its own phone and forge none for anyone else's.
``verify_grant`` checks the signature
in constant time and the expiry, and returns the claims. Pure (standard
library only, no I/O, no clock of its own) so the desktop can import it
without the hub's dependencies. It must never accept an unsigned, altered or
expired grant, nor put anything secret into the claims.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
from dataclasses import asdict, dataclass

MAX_TOKEN = 2_000


class GrantInvalid(ValueError):
    """The token is malformed, not signed with this secret, or expired."""


@dataclass(frozen=True)
class GrantClaims:
    agent: str
    supervisor: str
    handoff_id: str
    mode: str
    sip_uri: str | None
    # Seconds since the epoch (UTC).
    expires_at: int
    # Whether the agent's desk should show that someone is on the line.
    notify_agent: bool = False

    @property
    def expires(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.expires_at, dt.UTC)


def sign_grant(claims: GrantClaims, secret: bytes) -> str:
    payload = _b64(json.dumps(asdict(claims), separators=(",", ":"), sort_keys=True).encode())
    return f"{payload}.{_b64(_mac(payload, secret))}"


def verify_grant(token: str, secret: bytes, now: dt.datetime) -> GrantClaims:
    """The claims of a genuine, unexpired grant; raises ``GrantInvalid`` otherwise."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN or token.count(".") != 1:
        raise GrantInvalid("not a grant token")
    payload, signature = token.split(".")
    try:
        given = _unb64(signature)
        raw = json.loads(_unb64(payload))
        claims = GrantClaims(**raw)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise GrantInvalid("not a grant token") from exc
    if not hmac.compare_digest(given, _mac(payload, secret)):
        raise GrantInvalid("the grant was not signed by this hub")
    if not isinstance(claims.notify_agent, bool):
        raise GrantInvalid("not a grant token")
    if not isinstance(claims.expires_at, int) or now.timestamp() >= claims.expires_at:
        raise GrantInvalid("the grant has expired")
    return claims


def agent_grant_key(secret: bytes, username: str) -> bytes:
    """The key grants for ``username``'s phone are signed and checked with."""
    return hmac.new(secret, b"acuerdo/monitor/" + username.encode(), hashlib.sha256).digest()


def grant_key_text(key: bytes) -> str:
    """A key as ``Welcome.grant_key`` carries it: padded base64url."""
    return base64.urlsafe_b64encode(key).decode()


def grant_key_from_text(text: str) -> bytes:
    """The key from ``Welcome.grant_key`` (padding optional); raises ``GrantInvalid``."""
    try:
        return _unb64(text.rstrip("="))
    except (binascii.Error, ValueError) as exc:
        raise GrantInvalid("not a grant key") from exc


def _mac(payload: str, secret: bytes) -> bytes:
    return hmac.new(secret, payload.encode(), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
