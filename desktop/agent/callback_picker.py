"""The wrap-up's callback request: whether to call back, when, and who (me or anyone).

A view that only collects: `choice()` is None when no callback was asked for, else the moment
(aware, in this computer's zone) and whether it is for this agent. The session turns it into a
`ScheduleCallback` outbox write. It must never let a callback in the past through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QLocale
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QRadioButton,
    QWidget,
)

from desktop.common.i18n import translate
from desktop.common.widgets import named

DEFAULT_DELAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CallbackChoice:
    due_at: dt.datetime  # aware
    for_me: bool


class CallbackPicker(QFrame):
    def __init__(
        self,
        locale: str = "es_MX",
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone(),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callbackPicker")
        self.setAccessibleName(translate("WrapUp", "Callback"))
        self._now = now
        self.wanted = named(QCheckBox(translate("WrapUp", "Schedule a callback")), "callbackWanted")
        self.wanted.setAccessibleName(translate("WrapUp", "Schedule a callback"))
        self.when = named(QDateTimeEdit(), "callbackWhen")
        self.when.setCalendarPopup(True)
        self.when.setLocale(QLocale(locale))
        self.when.setDisplayFormat("d MMM yyyy HH:mm")
        self.when.setAccessibleName(translate("WrapUp", "Callback date and time"))
        self.for_me = named(QRadioButton(translate("WrapUp", "For me")), "callbackForMe")
        self.for_me.setAccessibleName(translate("WrapUp", "Callback for me"))
        self.for_anyone = named(
            QRadioButton(translate("WrapUp", "For anyone")), "callbackForAnyone"
        )
        self.for_anyone.setAccessibleName(translate("WrapUp", "Callback for anyone"))
        self._who = QButtonGroup(self)
        self._who.addButton(self.for_me)
        self._who.addButton(self.for_anyone)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.wanted)
        layout.addWidget(self.when, 1)
        layout.addWidget(self.for_me)
        layout.addWidget(self.for_anyone)
        self.wanted.toggled.connect(self._enable)
        self.reset()

    def reset(self) -> None:
        start = (self._now() + DEFAULT_DELAY).replace(second=0, microsecond=0)
        self.when.setMinimumDateTime(_qdatetime(self._now()))
        self.when.setDateTime(_qdatetime(start))
        self.for_me.setChecked(True)
        self.wanted.setChecked(False)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for widget in (self.when, self.for_me, self.for_anyone):
            widget.setEnabled(on)

    def set_due(self, when: dt.datetime) -> None:
        self.when.setDateTime(_qdatetime(when))

    def choice(self) -> CallbackChoice | None:
        if not self.wanted.isChecked():
            return None
        naive = self.when.dateTime().toPython()
        assert isinstance(naive, dt.datetime)
        return CallbackChoice(naive.astimezone(), self.for_me.isChecked())

    def problem(self) -> str | None:
        chosen = self.choice()
        if chosen is not None and chosen.due_at <= self._now():
            return translate("WrapUp", "The callback time has already passed; choose a later one.")
        return None


def _qdatetime(moment: dt.datetime) -> QDateTime:
    """The moment in this computer's zone, as the editor shows it (to the minute)."""
    local = moment.astimezone()
    return QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0)
