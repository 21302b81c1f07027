"""A non-modal notice for a supervisor's message or order, with a tray notification when hidden.

Sits above the screen pop until the agent dismisses it (button or Escape-free: it never steals
focus from a call), so a message is not missed but never blocks the work. The text is shown as
plain text. It must never carry debtor data to the tray (orders carry none).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSystemTrayIcon, QWidget

from desktop.agent.tray import NOTIFY_MS, CallAlert
from desktop.common.i18n import translate
from desktop.common.widgets import named


class OrderNotice(QFrame):
    def __init__(self, alert: CallAlert | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderNotice")
        self.setAccessibleName(translate("Orders", "Notice from a supervisor"))
        self._alert = alert
        self.title = named(QLabel(), "orderNoticeTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.text = named(QLabel(), "orderNoticeText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.dismiss_button = named(QPushButton(translate("Orders", "Dismiss")), "orderDismiss")
        self.dismiss_button.setAccessibleName(translate("Orders", "Dismiss the notice"))
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss_button)
        self.tray_notices = 0
        self.hide()

    def show_notice(self, title: str, text: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.setAccessibleDescription(f"{title}: {text}")
        self.show()
        alert = self._alert
        if alert is not None and alert.window_hidden():
            self.tray_notices += 1
            if alert.tray is not None and QSystemTrayIcon.supportsMessages():
                alert.tray.showMessage(
                    title, text, QSystemTrayIcon.MessageIcon.Information, NOTIFY_MS
                )
