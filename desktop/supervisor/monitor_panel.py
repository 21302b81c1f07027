"""The monitor strip: whom the supervisor is listening to, in which mode, for how long.

Shows the ``MonitorSession`` and the Listen / Coach / Join / Leave buttons (the window's
actions, with their shortcuts). Its one-second timer only runs while a session is open and
only rewrites the elapsed time. It must never start or change a session by itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from .i18n import duration_text, mode_label, tr
from .monitor import MonitorSession


class MonitorPanel(QFrame):
    def __init__(
        self, session: MonitorSession, actions: list[QAction], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("monitorPanel")
        self.setAccessibleName(tr("Call monitoring"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.session = session
        self.status = QLabel(self)
        self.status.setObjectName("monitorStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(tr("Monitoring status"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.buttons: dict[str, QToolButton] = {}
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(f"{action.objectName()}Button")
            button.setAccessibleName(action.text())
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            layout.addWidget(button)
            self.buttons[action.objectName()] = button
        layout.addWidget(self.status, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)
        session.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        session = self.session
        if session.state == "idle":
            self.timer.stop()
            text = tr("Not monitoring. Pick an agent on a call and press Enter to listen.")
        elif session.state == "connecting":
            text = tr("Connecting to {name}…").format(name=session.agent_name)
        else:
            self.timer.start()
            text = tr("{mode} · {name} · {elapsed}").format(
                mode=mode_label(session.mode or ""),
                name=session.agent_name,
                elapsed=duration_text(session.elapsed()),
            )
            if session.state == "switching":
                text = tr("{status} (changing mode…)").format(status=text)
        if text != self.status.text():
            self.status.setText(text)
            self.status.setAccessibleDescription(text)
        self.setProperty("live", session.state in ("live", "switching"))
