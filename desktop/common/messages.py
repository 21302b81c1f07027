"""The one bridge every user-visible message goes through.

Softphone and sync code never touch widgets: the desktop's adapters turn their events into
calls to `info`, `warning` or `error` here, and whichever view is listening (the status bar,
a dialog) shows them. This module must never import QtWidgets nor log message text that
could carry a debtor's personal data (callers pass already-neutral, translated text).
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("acuerdo.desktop")

Level = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class UserMessage:
    level: Level
    text: str


class MessageBridge(QObject):
    """Emits one signal per level; keeps a short tail so a late view can show the last ones."""

    info = Signal(str)
    warning = Signal(str)
    error = Signal(str)
    posted = Signal(str, str)  # level, text: for views that show every level in one place

    def __init__(self, parent: QObject | None = None, tail: int = 50) -> None:
        super().__init__(parent)
        self._tail: deque[UserMessage] = deque(maxlen=tail)

    @property
    def recent(self) -> tuple[UserMessage, ...]:
        return tuple(self._tail)

    def post(self, level: Level, text: str) -> None:
        self._tail.append(UserMessage(level, text))
        getattr(self, level).emit(text)
        self.posted.emit(level, text)


_bridge: MessageBridge | None = None


def bridge() -> MessageBridge:
    """The process-wide bridge (created on first use, on the GUI thread)."""
    global _bridge
    if _bridge is None:
        _bridge = MessageBridge()
    return _bridge


def info(text: str) -> None:
    bridge().post("info", text)


def warning(text: str) -> None:
    bridge().post("warning", text)


def error(text: str) -> None:
    bridge().post("error", text)
