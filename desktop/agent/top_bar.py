"""The workspace's top bar: agent state with its toggle and clock, connection, unsynced count.

A thin view over `AgentSession`; the clock ticks once a second from a QTimer. It must never
change state itself beyond asking the session to toggle ready / not ready.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget

from desktop.agent.campaign_rules import CampaignRules, pause_label
from desktop.agent.help_button import HelpButton
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
        self.state_clock = named(QLabel(), "stateClock")
        self.state_clock.setAccessibleName(translate("Agent", "Time in state"))
        self.ready_button = named(QPushButton(), "readyToggle")
        self.ready_button.setToolTip(translate("Agent", "Toggle ready / not ready (F9)"))
        self.ready_button.clicked.connect(session.toggle_ready)
        self.ready_button.setAccessibleName(translate("Agent", "Ready / not ready"))
        # Not ready with a reason: the campaign's pause codes, defined on the hub.
        self.pause_button = named(QToolButton(), "pauseMenu")
        self.pause_button.setText(translate("Agent", "Pause"))
        self.pause_button.setAccessibleName(translate("Agent", "Not ready with a reason"))
        self.pause_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pause_menu = QMenu(self.pause_button)
        self.pause_button.setMenu(self.pause_menu)
        session.rules_changed.connect(self._fill_pauses)
        self._fill_pauses(session.rules)
        self.help_button = HelpButton(session.help)
        self.connection = named(QLabel(), "connectionChip")
        self.unsynced = named(QLabel(), "unsyncedChip")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(12)
        layout.addWidget(self.agent)
        layout.addWidget(self.state)
        layout.addWidget(self.state_clock)
        layout.addWidget(self.ready_button)
        layout.addWidget(self.pause_button)
        layout.addStretch(1)
        layout.addWidget(self.help_button)
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

    def _fill_pauses(self, rules: CampaignRules) -> None:
        self.pause_menu.clear()
        for code in rules.pause_codes:
            action = self.pause_menu.addAction(pause_label(code))
            action.setData(code.code)
            action.triggered.connect(
                lambda _c=False, c=code.code: self._session.go("not_ready", pause_code=c)
            )

    def open_pause_menu(self) -> None:
        if self.pause_button.isEnabled():
            self.pause_button.showMenu()

    def _show_state(self, state: str) -> None:
        label = agent_state_label(state)
        pause = self._session.rules.pause_code(self._session.pause_code)
        if state == "not_ready" and pause is not None:
            label = translate("Agent", "Not ready · {reason}").format(reason=pause_label(pause))
        elif state == "not_ready" and self._session.pause_code == "supervisor":
            label = translate("Agent", "Not ready · set by a supervisor")
        self.state.setText(label)
        self.state.setAccessibleName(translate("Agent", "Agent state: {state}").format(state=label))
        self.pause_button.setEnabled(state in ("ready", "not_ready"))
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
        elapsed = time.monotonic() - self._session.state_since
        session = self._session
        text = format_duration(elapsed)
        over = False
        pause = session.rules.pause_code(session.pause_code)
        if session.state == "not_ready" and pause is not None and pause.max_minutes:
            over = elapsed > pause.max_minutes * 60
            text = translate("Agent", "{elapsed} of {limit} min").format(
                elapsed=text, limit=pause.max_minutes
            )
        deadline = session.wrapup_deadline
        if session.state == "wrap_up" and deadline is not None:
            left = max(0.0, deadline - time.monotonic())
            text = translate("Agent", "{elapsed} · ready in {left}").format(
                elapsed=text, left=format_duration(left)
            )
        self.state_clock.setText(text)
        _restyle(self.state_clock, "over", "yes" if over else "no")


def _restyle(widget: QWidget, name: str, value: str) -> None:
    """Dynamic properties drive the theme's colours; Qt needs a re-polish to see a change."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
