"""SyncListener -> Qt signals, so views and view-models hear the hub without knowing sync.

The SyncClient calls these methods on the asyncio loop, which under qasync is the GUI thread,
so the signals are delivered directly. This adapter must never hold state of its own, block,
or touch a widget: it only re-emits.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("acuerdo.desktop")


class SyncSignals(QObject):
    """Implements the SyncListener protocol; one signal per callback."""

    connection_changed = Signal(str, str)  # ConnectionState value, detail
    welcomed = Signal(object)  # Welcome
    offer_received = Signal(object)  # HandoffOffer
    offer_cancelled = Signal(object)  # HandoffCancel
    stream_event = Signal(object)  # any other stream event, e.g. ScriptUpdated
    item_changed = Signal(object)  # OutboxItem

    def on_connection(self, state: Any, detail: str) -> None:
        self.connection_changed.emit(str(state), detail)

    def on_welcome(self, welcome: Any) -> None:
        self.welcomed.emit(welcome)

    def on_offer(self, offer: Any) -> None:
        self.offer_received.emit(offer)

    def on_cancel(self, cancel: Any) -> None:
        self.offer_cancelled.emit(cancel)

    def on_event(self, event: Any) -> None:
        self.stream_event.emit(event)

    def on_item(self, item: Any) -> None:
        self.item_changed.emit(item)
