"""The debtor's omnichannel history as a Qt table model with lazy paging.

The first page arrives with the handoff offer; older pages are asked for only when the view
scrolls to the end (`canFetchMore`/`fetchMore`). The model never does I/O itself: it emits
`more_requested(debtor_id, before_id)` and whoever owns the hub connection answers with
`append_page`. It must never render event text as rich text (the summary comes from outside).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.common.formatting import channel_label, format_datetime
from desktop.common.i18n import translate
from desktop.common.resources import icon
from sync.protocol import HistoryEvent, HistoryPage

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("channel", "when", "summary")


class HistoryModel(QAbstractTableModel):
    """Newest first; appends older pages at the bottom."""

    more_requested = Signal(int, int)  # debtor_id, before_id
    EventRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, locale: str = "es_MX", parent: Any = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._debtor_id: int | None = None
        self._events: list[HistoryEvent] = []
        self._seen: set[int] = set()
        self._next_before_id: int | None = None
        self._total = 0
        self._pending_before_id: int | None = None
        self._tz: Any = None

    # --- feeding ------------------------------------------------------------

    def reset(self, page: HistoryPage | None, tz: Any = None) -> None:
        """Show a new debtor's first page (or nothing)."""
        self.beginResetModel()
        self._tz = tz
        self._events = []
        self._seen = set()
        self._pending_before_id = None
        self._debtor_id = page.debtor_id if page else None
        self._next_before_id = page.next_before_id if page else None
        self._total = page.total if page else 0
        if page is not None:
            self._take(page.events)
        self.endResetModel()

    def append_page(self, page: HistoryPage) -> bool:
        """Append an older page; False (and no change) if it is not the one asked for."""
        if page.debtor_id != self._debtor_id or self._pending_before_id is None:
            return False
        self._pending_before_id = None
        fresh = [e for e in page.events if e.id not in self._seen]
        self._next_before_id = page.next_before_id
        self._total = page.total
        if fresh:
            first = len(self._events)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._take(fresh)
            self.endInsertRows()
        return True

    def page_failed(self) -> None:
        """The request for more failed; allow the view to ask again later."""
        self._pending_before_id = None

    def _take(self, events: list[HistoryEvent]) -> None:
        for event in events:
            self._seen.add(event.id)
            self._events.append(event)

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._pending_before_id is not None

    def event_at(self, row: int) -> HistoryEvent:
        return self._events[row]

    # --- Qt model -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._debtor_id is None:
            return False
        return self._next_before_id is not None and self._pending_before_id is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._debtor_id is not None and self._next_before_id is not None
        self._pending_before_id = self._next_before_id
        self.more_requested.emit(self._debtor_id, self._next_before_id)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            translate("History", "Channel"),
            translate("History", "Date"),
            translate("History", "Summary"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        column = COLUMNS[index.column()]
        if role == self.EventRole:
            return event
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "channel":
                return channel_label(event.channel)
            if column == "when":
                return format_datetime(event.occurred_at, self._locale, self._tz)
            return event.summary
        if role == Qt.ItemDataRole.DecorationRole and column == "channel":
            return icon(f"channel-{event.channel}")
        if role == Qt.ItemDataRole.ToolTipRole and column == "summary":
            return event.summary
        return None
