"""Tells the hub, during a call, the softphone's live MOS and the script node the agent is on.

A `ReportCallStatus` goes on every script node change and every few seconds while a call is up,
so the supervisor board shows call quality and where in the script each agent is. At most one
report is in flight; a failed one is dropped (the next replaces it). It must never import
widgets, block, or send debtor data (handoff id, a number and a node id only).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, QTimer

from sync.protocol import Message, ReportCallStatus

log = logging.getLogger("acuerdo.desktop")
REPORT_EVERY_MS = 5000
Spawn = Callable[[Coroutine[Any, Any, Any], str], None]


class CallStatusReporter(QObject):
    def __init__(
        self,
        request: Callable[[Message], Awaitable[Any]],
        spawn: Spawn,
        status: Callable[[], tuple[str | None, float | None, str | None]],
        parent: QObject | None = None,
    ) -> None:
        """`status()` answers (handoff id, MOS, script node) for the call on screen now."""
        super().__init__(parent)
        self._request = request
        self._spawn = spawn
        self._status = status
        self._busy = False
        self.sent = 0
        self._timer = QTimer(self)
        self._timer.setInterval(REPORT_EVERY_MS)
        self._timer.timeout.connect(self.report)

    def call_started(self) -> None:
        if not self._timer.isActive():
            self._timer.start()
            self.report()

    def call_ended(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def report(self) -> None:
        handoff_id, mos, node = self._status()
        if self._busy or handoff_id is None:
            return
        self._busy = True
        msg = ReportCallStatus(handoff_id=handoff_id, mos=mos, script_node=node)
        self._spawn(self._send(msg), "call status")

    async def _send(self, msg: ReportCallStatus) -> None:
        try:
            await self._request(msg)
            self.sent += 1
        except Exception as exc:
            # Offline or the hub is busy: the next tick reports the fresher status anyway.
            log.info("call status not reported: %s", type(exc).__name__)
        finally:
            self._busy = False
