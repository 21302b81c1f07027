"""What part of the debtor's history the agent wants to see, and the bar that sets it.

`HistoryQuery` is the plain value (channels, a date range, a search text) that travels to the
hub as `FetchHistory`'s optional filters; `HistoryFilterBar` is the row of channel toggles,
date pickers and the search box above the history table. The bar debounces typing so the hub
is asked once per pause, not once per key. It must never talk to the hub itself nor filter
events locally: filtering happens on the hub so paging and totals stay exact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, get_args

from PySide6.QtCore import QDate, QSignalBlocker, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from desktop.common.formatting import channel_label
from desktop.common.i18n import translate
from desktop.common.resources import icon
from desktop.common.widgets import named
from sync.protocol import Channel

ALL_CHANNELS: tuple[Channel, ...] = get_args(Channel)
SEARCH_PAUSE_MS = 300
MAX_SEARCH = 200  # the hub refuses longer search texts


@dataclass(frozen=True)
class HistoryQuery:
    """A history filter; the empty query shows everything."""

    channels: tuple[Channel, ...] | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    text: str | None = None

    @property
    def is_empty(self) -> bool:
        return self == HistoryQuery()

    def wire(self) -> dict[str, Any]:
        """`FetchHistory` keyword arguments for this query."""
        return {
            "channels": list(self.channels) if self.channels else None,
            "since": self.since,
            "until": self.until,
            "text": self.text or None,
        }


class HistoryFilterBar(QWidget):
    """Channel toggles, an optional date range and a debounced search box."""

    query_changed = Signal(object)  # HistoryQuery

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyFilterBar")
        self.channel_buttons: dict[Channel, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for channel in ALL_CHANNELS:
            button = named(QToolButton(), f"historyChannel-{channel}")
            button.setCheckable(True)
            button.setIcon(icon(f"channel-{channel}"))
            button.setIconSize(QSize(16, 16))
            label = channel_label(channel)
            button.setToolTip(translate("History", "Show {channel} events").format(channel=label))
            button.setAccessibleName(label)
            button.toggled.connect(self._emit)
            self.channel_buttons[channel] = button
            layout.addWidget(button)
        self.dates = QCheckBox(translate("History", "From"))
        self.dates.setAccessibleName(translate("History", "Filter by date"))
        self.since = self._date_edit(translate("History", "First day shown"))
        self.until = self._date_edit(translate("History", "Last day shown"))
        self.dates.toggled.connect(self._dates_toggled)
        layout.addSpacing(8)
        layout.addWidget(self.dates)
        layout.addWidget(self.since)
        layout.addWidget(QLabel(translate("History", "to")))
        layout.addWidget(self.until)
        self.search = named(QLineEdit(), "historySearch")
        self.search.setPlaceholderText(translate("History", "Search the history…"))
        self.search.setAccessibleName(translate("History", "Search the history"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(MAX_SEARCH)
        layout.addWidget(self.search, 1)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self._emit)
        self.search.textEdited.connect(lambda _text: self._pause.start())
        # Enter searches at once, without waiting for the pause.
        self.search.returnPressed.connect(self._emit)
        self._last = HistoryQuery()
        self._dates_toggled(False)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate())
        edit.setCalendarPopup(True)
        edit.setAccessibleName(name)
        edit.dateChanged.connect(self._emit)
        return edit

    def _dates_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self._emit()

    def query(self) -> HistoryQuery:
        """The query the bar shows now (local dates, whole days, in the agent's zone)."""
        chosen = tuple(c for c, b in self.channel_buttons.items() if b.isChecked())
        since = until = None
        if self.dates.isChecked():
            first, last = sorted((self.since.date(), self.until.date()))
            since = _local_midnight(first)
            until = _local_midnight(last.addDays(1))
        text = self.search.text().strip()
        return HistoryQuery(chosen or None, since, until, text or None)

    def clear(self) -> None:
        """Back to everything, without asking for a refetch (a new debtor just popped)."""
        self._pause.stop()
        blockers = [QSignalBlocker(w) for w in (*self.channel_buttons.values(), self.dates)]
        for button in self.channel_buttons.values():
            button.setChecked(False)
        self.dates.setChecked(False)
        self.since.setEnabled(False)
        self.until.setEnabled(False)
        self.search.clear()
        del blockers
        self._last = HistoryQuery()

    def _emit(self) -> None:
        self._pause.stop()
        query = self.query()
        if query != self._last:
            self._last = query
            self.query_changed.emit(query)


def _local_midnight(day: QDate) -> dt.datetime:
    moment = dt.datetime(day.year(), day.month(), day.day())
    # The agent picks days on their own calendar; the hub compares aware instants.
    return moment.astimezone()
