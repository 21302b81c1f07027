"""Hands the agent's softphone the key its supervisors' monitor grants are signed with.

The hub derives one key per agent (`sync.hub.grants.agent_grant_key`) and sends it in
`Welcome.grant_key`; the phone then answers a supervisor's leg only with a grant that verifies
under it (softphone.monitor). This module must never log the key, and a missing or unreadable
key leaves the phone refusing every monitor leg rather than trusting any.
"""

from __future__ import annotations

import logging
from typing import Protocol

from softphone.monitor import GrantVerifier
from sync.hub.grants import GrantInvalid, grant_key_from_text, verify_grant

log = logging.getLogger("acuerdo.desktop")


class GrantTaker(Protocol):
    def set_grant_key(self, key: bytes | None, verify: GrantVerifier | None = None) -> None: ...


def trust_monitor_grants(phone: GrantTaker, grant_key: str | None) -> bool:
    """Give `phone` the key from the hub's Welcome; True when monitor legs can be admitted."""
    key: bytes | None = None
    if grant_key:
        try:
            key = grant_key_from_text(grant_key)
        except GrantInvalid:
            log.warning("the hub sent an unreadable monitor grant key; monitor legs refused")
    phone.set_grant_key(key, verify_grant)
    return key is not None
