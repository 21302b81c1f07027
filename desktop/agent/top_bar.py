"""The workspace's top bar: agent state with its toggle and clock, connection, unsynced count.

A thin view over `AgentSession`; the clock ticks once a second from a QTimer. It must never
change state itself beyond asking the session to toggle ready / not ready.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.agent.session import AgentSession
from desktop.common.formatting import format_duration
from desktop.common.i18n import translate
from desktop.common.widgets import named


def agent_state_label(state: str) -> str:
    return {
        "ready": translate("Agent", "Ready"),
        "not_ready": translate("Agent", "Not ready"),
        "on_call": translate("Agent", "On a call"),
        "wrap_up": translate("Agent", "Wrap-up"),
        "logged_out": translate("Agent", "Logged out"),
    }.get(state, state)


def connection_label(state: str) -> str:
    return {
        "online": translate("Connection", "Online"),
        "connecting": translate("Connection", "Connecting…"),
        "offline": translate("Connection", "Offline"),
        "auth_failed": translate("Connection", "Sign-in refused"),
    }.get(state, state)


class TopBar(QFrame):
    def __init__(self, session: AgentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        self._session = session
        self.agent = named(QLabel(), "agentName")
        self.agent.setTextFormat(Qt.TextFormat.PlainText)
        self.agent.setText(session.agent_name)
        self.state = named(QLabel(), "stateChip")
        self.state_clock = named(QLabel(), "subtle")
        self.ready_button = named(QPushButton(), "readyToggle")
        self.ready_button.setToolTip(translate("Agent", "Toggle ready / not ready (F9)"))
        self.ready_button.clicked.connect(session.toggle_ready)
        self.connection = named(QLabel(), "connectionChip")
        self.unsynced = named(QLabel(), "unsyncedChip")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(12)
        layout.addWidget(self.agent)
        layout.addWidget(self.state)
        layout.addWidget(self.state_clock)
        layout.addWidget(self.ready_button)
        layout.addStretch(1)
        layout.addWidget(self.unsynced)
        layout.addWidget(self.connection)

        session.agent_state_changed.connect(self._show_state)
        session.connection_changed.connect(self._show_connection)
        session.unsynced_changed.connect(self._show_unsynced)
        self._show_state(session.state)
        self._show_connection(session.connection, "")
        self._show_unsynced(0)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    def _show_state(self, state: str) -> None:
        self.state.setText(agent_state_label(state))
        _restyle(self.state, "state", state)
        self.ready_button.setText(
            translate("Agent", "Go not ready")
            if state == "ready"
            else translate("Agent", "Go ready")
        )
        self.ready_button.setEnabled(state in ("ready", "not_ready"))
        self._tick()

    def _show_connection(self, state: str, detail: str) -> None:
        self.connection.setText(connection_label(state))
        self.connection.setToolTip(detail)
        _restyle(self.connection, "state", state)

    def _show_unsynced(self, count: int) -> None:
        self.unsynced.setText(translate("Outbox", "Unsynced: {count}").format(count=count))
        _restyle(self.unsynced, "state", "pending" if count else "clear")

    def _tick(self) -> None:
        self.state_clock.setText(format_duration(time.monotonic() - self._session.state_since))


def _restyle(widget: QWidget, name: str, value: str) -> None:
    """Dynamic properties drive the theme's colours; Qt needs a re-polish to see a change."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
