"""The plain shapes the sync client shows to the desktop: states, outbox items, the listener.

These are the only types the desktop needs to react to the sync client (connection
state, one outbox item's state, the hub's reply errors). This module holds data shapes
and a Protocol only: it must never do I/O, hold a live database row, or import Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Protocol

from sync.protocol import HandoffCancel, HandoffOffer, ServerMessage, Welcome

WriteKind = Literal["promise", "wrapup", "callback", "contact", "message"]


class ConnectionState(StrEnum):
    """How the desk stands with the hub, as the status bar shows it."""

    OFFLINE = "offline"
    CONNECTING = "connecting"
    ONLINE = "online"
    # The hub refused the credentials; nothing is retried until they change.
    AUTH_FAILED = "auth_failed"


class ItemState(StrEnum):
    """Where one outbox write stands: saved locally, in flight, or answered by the hub."""

    SAVED = "saved"
    SYNCING = "syncing"
    SYNCED = "synced"
    REJECTED = "rejected"

    @property
    def is_final(self) -> bool:
        return self in (ItemState.SYNCED, ItemState.REJECTED)


@dataclass(frozen=True)
class OutboxItem:
    """One durable write (promise or wrap-up) as the UI lists it.

    ``summary`` never carries personal data (no name, phone or amount), so it is
    safe to show in a list and to log.
    """

    key: str
    kind: WriteKind
    state: ItemState
    reason: str
    created_at: dt.datetime
    summary: str


class HubError(Exception):
    """The hub answered a request with ``Error(code, reason)``."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


class SyncListener(Protocol):
    """What the desktop hears from the sync client. Every call runs on the asyncio loop thread."""

    def on_connection(self, state: ConnectionState, detail: str) -> None: ...

    def on_welcome(self, welcome: Welcome) -> None: ...

    def on_offer(self, offer: HandoffOffer) -> None: ...

    def on_cancel(self, cancel: HandoffCancel) -> None: ...

    def on_event(self, event: ServerMessage) -> None:
        """Any other event of the user's stream (script.updated, ...), in sequence order."""

    def on_item(self, item: OutboxItem) -> None: ...
