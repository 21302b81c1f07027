"""The tray icon and the "call arriving" notification for an agent whose window is hidden.

When a screen pops or a call rings while the workspace is minimised (or behind other windows),
the agent gets a system notification and the taskbar entry asks for attention; clicking the
tray icon brings the workspace back. Where the platform has no tray (offscreen tests, some
Linux desktops) only the taskbar alert remains. It must never put the debtor's name or number
in a notification: other people can see a screen corner.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon

from desktop.common.i18n import translate
from desktop.common.resources import icon

log = logging.getLogger("acuerdo.desktop")

NOTIFY_MS = 8000


def _tray_icon() -> QIcon:
    found = icon("channel-call")
    if not found.isNull():
        return found
    pixmap = QPixmap(32, 32)
    pixmap.fill(QColor("#2f5f98"))
    return QIcon(pixmap)


class CallAlert(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.tray: QSystemTrayIcon | None = None
        self.notified = 0  # how many alerts were raised (for tests and the support log)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(_tray_icon(), self)
            self.tray.setToolTip(translate("Tray", "Acuerdo — agent workspace"))
            self.tray.activated.connect(lambda _reason: self.bring_back())
            self.tray.show()

    def window_hidden(self) -> bool:
        window = self._window
        return window.isMinimized() or not window.isVisible() or not window.isActiveWindow()

    def call_arriving(self, ringing: bool) -> bool:
        """Alert the agent if they cannot see the workspace; True when an alert was raised."""
        if not self.window_hidden():
            return False
        self.notified += 1
        title = translate("Tray", "Incoming call")
        text = (
            translate("Tray", "A call is ringing: answer it from the workspace.")
            if ringing
            else translate("Tray", "A customer is being connected to you.")
        )
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, NOTIFY_MS)
        QApplication.alert(self._window, 0)
        log.info("call alert raised while the workspace was hidden")
        return True

    def bring_back(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def hide(self) -> None:
        if self.tray is not None:
            self.tray.hide()
