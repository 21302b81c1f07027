"""The instalment rows of a payment plan: how many, how often, from when, each amount and date.

Changing the count, cadence, first date or total re-splits the plan evenly; the agent may then
edit any amount or date (the form checks the result against the campaign). It only edits rows
and emits `changed`; it must never validate, save, or format money by hand.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.instalment_plan import CADENCES, cadence_label, even_plan
from desktop.agent.promise_rules import amount_text
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import Instalment


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateEdit(QDateEdit):
    """A date edit as wide as its widest date in this locale.

    QDateEdit sizes itself by the texts of its range's ends ("1 ene 2000"); a two-digit day
    ("23 nov 2026") is wider and lost its last digit. The hint adds the difference."""

    def __init__(self, locale: str) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setLocale(QLocale(locale))
        self.setDisplayFormat("d MMM yyyy")

    def _extra(self) -> int:
        metrics = self.fontMetrics()
        shown = self.locale()
        widest = max(
            metrics.horizontalAdvance(shown.toString(QDate(2028, month, 28), self.displayFormat()))
            for month in range(1, 13)
        )
        ends = max(
            metrics.horizontalAdvance(self.textFromDateTime(self.minimumDateTime())),
            metrics.horizontalAdvance(self.textFromDateTime(self.maximumDateTime())),
        )
        return max(0, widest - ends)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + self._extra(), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width() + self._extra(), hint.height())


class PlanEditor(QFrame):
    changed = Signal()

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planEditor")
        self.setAccessibleName(translate("Plan", "Instalment plan"))
        self._locale = locale
        self._total = 0
        self.count = named(QSpinBox(), "planCount")
        self.count.setRange(2, 6)
        self.count.setAccessibleName(translate("Plan", "Number of instalments"))
        self.cadence = named(QComboBox(), "planCadence")
        self.cadence.setAccessibleName(translate("Plan", "How often"))
        for code in CADENCES:
            self.cadence.addItem(cadence_label(code), code)
        self.cadence.setCurrentIndex(self.cadence.findData("monthly"))
        self.first = named(DateEdit(locale), "planFirstDate")
        self.first.setAccessibleName(translate("Plan", "First payment date"))
        head = QHBoxLayout()
        head.addWidget(self.count)
        head.addWidget(self.cadence, 1)
        head.addWidget(QLabel(translate("Plan", "from")))
        head.addWidget(self.first)
        self.grid = QGridLayout()
        self.grid.setVerticalSpacing(4)
        self.amounts: list[QLineEdit] = []
        self.dates: list[QDateEdit] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addLayout(self.grid)
        self.count.valueChanged.connect(self.split)
        self.cadence.currentIndexChanged.connect(self.split)
        self.first.dateChanged.connect(self.split)

    def set_limits(self, max_instalments: int, first_min: dt.date, first_max: dt.date) -> None:
        self.count.setMaximum(max(2, max_instalments))
        self.first.setDateRange(qdate(first_min), qdate(first_max))

    def set_total(self, cents: int) -> None:
        self._total = cents
        self.split()

    def split(self) -> None:
        """Even payments of the total at the chosen cadence (the agent edits from there)."""
        count = self.count.value()
        if self._total < count:
            self._show([])
            return
        cadence = str(self.cadence.currentData())
        self._show(even_plan(self._total, count, pydate(self.first.date()), cadence))

    def set_plan(self, instalments: list[Instalment]) -> None:
        for widget in (self.count, self.first):
            widget.blockSignals(True)
        self.count.setValue(len(instalments))
        if instalments:
            self.first.setDate(qdate(instalments[0].due_date))
        for widget in (self.count, self.first):
            widget.blockSignals(False)
        self._total = sum(i.amount_cents for i in instalments)
        self._show(instalments)

    def rows(self) -> list[tuple[str, dt.date]]:
        return [(a.text(), pydate(d.date())) for a, d in zip(self.amounts, self.dates, strict=True)]

    def _show(self, instalments: list[Instalment]) -> None:
        while self.amounts and len(self.amounts) > len(instalments):
            self._drop_row()
        while len(self.amounts) < len(instalments):
            self._add_row()
        for edit, day, instalment in zip(self.amounts, self.dates, instalments, strict=True):
            edit.blockSignals(True)
            day.blockSignals(True)
            edit.setText(amount_text(instalment.amount_cents))
            day.setDateRange(qdate(dt.date(2000, 1, 1)), qdate(dt.date(2100, 1, 1)))
            day.setDate(qdate(instalment.due_date))
            edit.blockSignals(False)
            day.blockSignals(False)
        self.changed.emit()

    def _add_row(self) -> None:
        number = len(self.amounts) + 1
        label = QLabel(translate("Plan", "#{number}").format(number=number))
        edit = named(QLineEdit(), "planAmount")
        edit.setAccessibleName(
            translate("Plan", "Instalment {number} amount").format(number=number)
        )
        day = named(DateEdit(self._locale), "planDate")
        day.setAccessibleName(translate("Plan", "Instalment {number} date").format(number=number))
        edit.textEdited.connect(lambda _t: self.changed.emit())
        day.dateChanged.connect(lambda _d: self.changed.emit())
        row = number - 1
        self.grid.addWidget(label, row, 0)
        self.grid.addWidget(edit, row, 1)
        self.grid.addWidget(day, row, 2)
        self.amounts.append(edit)
        self.dates.append(day)

    def _drop_row(self) -> None:
        row = len(self.amounts) - 1
        for column in range(3):
            item = self.grid.itemAtPosition(row, column)
            widget = item.widget() if item is not None else None
            if widget is not None:
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.amounts.pop()
        self.dates.pop()
