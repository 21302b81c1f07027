"""The agent's raised hand: ask a supervisor for help with a short message, until cleared.

`HelpRequest` sends `RaiseHelp` / `ClearHelp` and remembers whether help is requested; a
supervisor's `clear_help` order lowers it too. A request that fails (offline) is not shown as
raised: the agent is told to try again. It must never import widgets or put debtor data in the
message it logs (it logs none).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.common import messages
from desktop.common.i18n import translate
from sync.protocol import MAX_NAME, ClearHelp, Message, RaiseHelp

log = logging.getLogger("acuerdo.desktop")
Spawn = Callable[[Coroutine[Any, Any, Any], str], None]


class HelpRequest(QObject):
    changed = Signal(bool)  # True while help is requested

    def __init__(
        self,
        request: Callable[[Message], Awaitable[Any]],
        spawn: Spawn,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._request = request
        self._spawn = spawn
        self.raised = False
        self.message = ""

    def ask(self, message: str) -> str | None:
        """Raise the hand; returns the problem to show, or None when it is on its way."""
        text = " ".join(message.split())
        if not text:
            return translate("Help", "Say in a few words what you need.")
        if len(text) > MAX_NAME:
            return translate("Help", "Keep it under {limit} characters.").format(limit=MAX_NAME)
        self._spawn(self._send(RaiseHelp(message=text), True, text), "help")
        return None

    def withdraw(self) -> None:
        if self.raised:
            self._spawn(self._send(ClearHelp(), False, ""), "help")

    def cleared_by_supervisor(self) -> None:
        self._set(False, "")

    async def _send(self, msg: Message, raised: bool, text: str) -> None:
        try:
            await self._request(msg)
        except Exception as exc:
            log.info("help %s not sent: %s", "raise" if raised else "clear", type(exc).__name__)
            messages.warning(
                translate("Help", "The help request could not reach the hub; try again.")
            )
            return
        self._set(raised, text)

    def _set(self, raised: bool, text: str) -> None:
        changed = raised != self.raised
        self.raised, self.message = raised, text
        if changed:
            self.changed.emit(raised)
