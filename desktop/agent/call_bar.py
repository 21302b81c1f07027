"""The call bar: answer, hang up, hold, mute and the call timer, with F5..F8 shortcuts.

A thin view over `AgentSession`; buttons enable only when the action makes sense for the
current call state. It must never talk to the softphone directly.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.agent.session import AgentSession
from desktop.agent.top_bar import _restyle
from desktop.common.formatting import format_duration
from desktop.common.i18n import translate
from desktop.common.widgets import named
from softphone.model import CallInfo


def call_state_label(call: CallInfo | None) -> str:
    if call is None:
        return translate("Call", "No call")
    if call.state == "confirmed" and call.on_hold:
        return translate("Call", "On hold")
    return {
        "ringing": translate("Call", "Ringing"),
        "calling": translate("Call", "Calling"),
        "connecting": translate("Call", "Connecting"),
        "confirmed": translate("Call", "Connected"),
        "disconnected": translate("Call", "Ended"),
    }.get(call.state, call.state)


class CallBar(QFrame):
    def __init__(self, session: AgentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callBar")
        self._session = session
        self._call: CallInfo | None = None
        self.status = named(QLabel(), "callState")
        self.timer_label = named(QLabel("0:00"), "callTimer")
        self.answer_button = self._button(translate("Call", "Answer"), "F5", session.answer)
        self.answer_button.setObjectName("answer")
        self.hangup_button = self._button(translate("Call", "Hang up"), "F6", session.hang_up)
        self.hangup_button.setObjectName("hangup")
        self.hold_button = self._button(translate("Call", "Hold"), "F7", session.toggle_hold)
        self.mute_button = self._button(translate("Call", "Mute"), "F8", session.toggle_mute)
        self.hold_button.setCheckable(True)
        self.mute_button.setCheckable(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.setSpacing(8)
        layout.addWidget(self.status)
        layout.addWidget(self.timer_label)
        layout.addStretch(1)
        for button in (self.answer_button, self.hangup_button, self.hold_button, self.mute_button):
            layout.addWidget(button)

        session.call_updated.connect(self.show_call)
        session.agent_state_changed.connect(lambda _s: self.show_call(self._session.call))
        self._clock = QTimer(self)
        self._clock.setInterval(500)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self.show_call(None)

    def _button(self, text: str, key: str, slot: object) -> QPushButton:
        button = QPushButton(f"{text}  ({key})")
        button.setShortcut(QKeySequence(key))
        button.clicked.connect(slot)
        return button

    def show_call(self, call: CallInfo | None) -> None:
        self._call = call
        state = call.state if call else "none"
        live = call is not None and call.state == "confirmed"
        self.status.setText(call_state_label(call))
        _restyle(self.status, "state", "hold" if live and call.on_hold else state)  # type: ignore[union-attr]
        self.answer_button.setEnabled(call is not None and call.state == "ringing")
        self.hangup_button.setEnabled(
            (call is not None and call.state != "disconnected")
            or (self._session.offer is not None and self._session.state == "on_call")
        )
        self.hold_button.setEnabled(live)
        self.mute_button.setEnabled(live)
        self.hold_button.setChecked(bool(live and call.on_hold))  # type: ignore[union-attr]
        self.mute_button.setChecked(bool(live and call.muted))  # type: ignore[union-attr]
        self._tick()

    def _tick(self) -> None:
        call = self._call
        if call is None or call.confirmed_at is None:
            self.timer_label.setText("0:00")
            return
        if call.state == "confirmed":
            self.timer_label.setText(format_duration(time.monotonic() - call.confirmed_at))
