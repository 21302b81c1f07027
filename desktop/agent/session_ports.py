"""What the agent session needs from the sync client and the softphone, and own-call ids.

Protocols only (the session is tested against the real client and phone, these just say which
part of them it uses), plus the rule that own calls' made-up handoff ids never reach the hub.
It must never import widgets, the sync client or pjsua2.
"""

from __future__ import annotations

from typing import Any, Protocol

from softphone.model import CallInfo
from sync.protocol import CreatePromise, Message, SubmitWrapUp

# Offers the desk makes up itself for the agent's own calls (callback, manual dial) carry
# handoff ids with this prefix; the hub never saw them, so writes go without a handoff id.
OWN_CALL_PREFIX = "own-"


def hub_handoff_id(handoff_id: str) -> str | None:
    return None if handoff_id.startswith(OWN_CALL_PREFIX) else handoff_id


def is_own_call(handoff_id: str) -> bool:
    return handoff_id.startswith(OWN_CALL_PREFIX)


class HubSession(Protocol):
    """The part of sync.client.SyncClient the agent session uses."""

    async def set_state(
        self, state: Any, sip_uri: str | None = None, pause_code: str | None = None
    ) -> None: ...

    async def save_promise(self, msg: CreatePromise) -> Any: ...

    async def save_wrapup(self, msg: SubmitWrapUp) -> Any: ...

    async def save_write(self, msg: Any) -> Any: ...

    async def request(self, msg: Message, timeout: float = 10.0) -> Any: ...

    def pending_count(self) -> int: ...


class CallPhone(Protocol):
    @property
    def contact_uri(self) -> str: ...

    def answer(self, call_id: int) -> None: ...

    def hangup(self, call_id: int) -> None: ...

    def set_hold(self, call_id: int, on: bool) -> None: ...

    def set_mute(self, call_id: int, on: bool) -> None: ...

    def call(self, call_id: int) -> CallInfo | None: ...

    def apply_unpaired_policy(self, call_id: int) -> bool: ...
