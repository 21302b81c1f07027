"""Monitor grant tokens: a genuine one verifies; altered, foreign, expired or junk ones do not."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.hub.grants import GrantClaims, GrantInvalid, sign_grant, verify_grant

SECRET = b"s" * 32
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
CLAIMS = GrantClaims(
    "ana", "carmen", "h-1", "listen", "sip:ana@127.0.0.1", int(NOW.timestamp()) + 60
)


def test_genuine_grant_verifies_until_it_expires() -> None:
    token = sign_grant(CLAIMS, SECRET)
    assert verify_grant(token, SECRET, NOW) == CLAIMS
    with pytest.raises(GrantInvalid, match="expired"):
        verify_grant(token, SECRET, NOW + dt.timedelta(seconds=60))


def test_other_secret_and_altered_payload_are_refused() -> None:
    token = sign_grant(CLAIMS, SECRET)
    with pytest.raises(GrantInvalid, match="signed"):
        verify_grant(token, b"other", NOW)
    forged = sign_grant(GrantClaims(**{**CLAIMS.__dict__, "mode": "join"}), b"other")
    _, signature = token.split(".")
    with pytest.raises(GrantInvalid):
        verify_grant(f"{forged.split('.')[0]}.{signature}", SECRET, NOW)


@given(st.text(max_size=300))
def test_junk_never_verifies_and_never_crashes(junk: str) -> None:
    with pytest.raises(GrantInvalid):
        verify_grant(junk, SECRET, NOW)
