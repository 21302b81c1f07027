"""PhoneListener -> Qt signals, plus the timer that pumps the softphone on the GUI thread.

pjsua2 runs with no threads of its own (ARCHITECTURE.md §2): its callbacks only happen inside
`Phone.pump()`, which `PhonePump` calls every 10 ms from a QTimer. This module must never call
pjsua2 from any other thread, and a failing pump is logged and survived, never raised into Qt.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger("acuerdo.desktop")

PUMP_INTERVAL_MS = 10


class Pumpable(Protocol):
    def pump(self) -> None: ...


class PhoneSignals(QObject):
    """Implements the PhoneListener protocol; re-emits each CallInfo snapshot."""

    incoming = Signal(object)  # CallInfo
    call_changed = Signal(object)  # CallInfo
    monitor_changed = Signal(object)  # MonitorInfo: a supervisor's leg came, changed mode, went

    def on_incoming(self, call: Any) -> None:
        self.incoming.emit(call)

    def on_call_changed(self, call: Any) -> None:
        self.call_changed.emit(call)

    def on_monitor(self, info: Any) -> None:
        self.monitor_changed.emit(info)


class PhonePump(QObject):
    """Calls `phone.pump()` on a precise 10 ms timer until stopped."""

    def __init__(self, phone: Pumpable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._phone = phone
        self._failures = 0
        self._timer = QTimer(self)
        self._timer.setInterval(PUMP_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        try:
            self._phone.pump()
        except Exception:
            # Log the first few only: a broken stack would otherwise flood the log 100x/s.
            self._failures += 1
            if self._failures <= 3:
                log.exception("softphone pump failed")
