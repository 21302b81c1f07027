"""The agent's banner saying a supervisor is on the line: "Carmen is coaching you" and so on.

Fed by the softphone's `MonitorInfo` (through `PhoneSignals.monitor_changed`). Coaching and
joining are always announced, because the agent hears the supervisor; silent listening only
when the hub's grant says so (`notify_agent`, the centre's policy). The banner is plain text,
takes no focus and has nothing to click: it comes and goes with the monitor leg. It must never
show anything about the debtor, and never decide who may listen (the hub and the phone do).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from desktop.common.i18n import translate
from desktop.common.widgets import named


class MonitorLike(Protocol):
    """What the banner reads of softphone.model.MonitorInfo."""

    @property
    def call_id(self) -> int: ...

    @property
    def customer_call_id(self) -> int | None: ...

    @property
    def supervisor(self) -> str: ...

    @property
    def mode(self) -> str | None: ...

    @property
    def notify_agent(self) -> bool: ...


def notice_text(info: MonitorLike) -> str | None:
    """What the agent is told about this monitor leg, or None when nothing is shown."""
    if info.customer_call_id is None or info.mode is None:
        return None  # the supervisor's own side, or the leg ended
    name = info.supervisor.strip() or translate("MonitorNotice", "A supervisor")
    if info.mode == "coach":
        return translate("MonitorNotice", "{name} is coaching you: only you hear them").format(
            name=name
        )
    if info.mode == "join":
        return translate(
            "MonitorNotice", "{name} has joined the call: the customer hears them too"
        ).format(name=name)
    if info.notify_agent:
        return translate("MonitorNotice", "{name} is listening to this call").format(name=name)
    return None


class MonitorNotice(QFrame):
    """One line above the screen pop while a supervisor listens (if told), coaches or joins."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monitorNotice")
        self.setAccessibleName(translate("MonitorNotice", "Supervisor on the line"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text = named(QLabel(), "monitorNoticeText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.text, 1)
        self._shown: dict[int, str] = {}  # monitor leg -> its line, newest last
        self.hide()

    def show_monitor(self, info: MonitorLike) -> None:
        """Take one MonitorInfo (any side, any state); the banner follows."""
        if info.customer_call_id is None:
            return  # our own monitor legs (a supervisor's desk): not an announcement
        text = notice_text(info)
        self._shown.pop(info.call_id, None)
        if text is not None:
            self._shown[info.call_id] = text
        self._refresh()

    def clear(self) -> None:
        self._shown.clear()
        self._refresh()

    def _refresh(self) -> None:
        if not self._shown:
            self.text.clear()
            self.setAccessibleDescription("")
            self.hide()
            return
        line = "\n".join(self._shown.values())
        self.text.setText(line)
        self.setAccessibleDescription(line)
        self.show()
