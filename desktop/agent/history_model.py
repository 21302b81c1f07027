"""The debtor's omnichannel history as a Qt table model with lazy paging.

The first page arrives with the handoff offer; older pages are asked for only when the view
scrolls to the end (`canFetchMore`/`fetchMore`). The model never does I/O itself: it emits
`more_requested(debtor_id, before_id)` (before_id 0 meaning "the newest page", after a new
filter) and whoever owns the hub connection answers with `append_page` under the `query` it
asked with. It also marks a conversation's earlier turns for the selected event. It must never
render event text as rich text (the summary comes from outside).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desktop.agent.history_filter import HistoryQuery
from desktop.common.formatting import channel_label, format_datetime
from desktop.common.i18n import translate
from desktop.common.resources import icon
from sync.protocol import HistoryEvent, HistoryPage

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("channel", "when", "summary")
FIRST_PAGE = 0  # `more_requested` before_id meaning "the newest page"
CONVERSATION_CHANNELS = frozenset({"sms", "whatsapp", "email", "messenger"})
THREAD_KEYS = ("thread_id", "conversation_id", "thread")
# Without a thread id, turns of one conversation are the same channel's events this close.
SAME_CONVERSATION = dt.timedelta(days=2)
TURN_COLOUR = QColor(255, 196, 0, 60)  # translucent, readable on light and dark themes


def conversation_rows(events: list[HistoryEvent], row: int) -> set[int]:
    """Rows of the other turns of the conversation the event at ``row`` belongs to."""
    event = events[row]
    if event.channel not in CONVERSATION_CHANNELS:
        return set()
    key = next((k for k in THREAD_KEYS if event.detail.get(k) not in (None, "")), None)
    if key is not None:
        thread = event.detail[key]
        return {i for i, other in enumerate(events) if i != row and other.detail.get(key) == thread}
    return {
        i
        for i, other in enumerate(events)
        if i != row
        and other.channel == event.channel
        and abs(other.occurred_at - event.occurred_at) <= SAME_CONVERSATION
    }


class HistoryModel(QAbstractTableModel):
    """Newest first; appends older pages at the bottom."""

    more_requested = Signal(int, int)  # debtor_id, before_id (FIRST_PAGE after a new filter)
    debtor_changed = Signal()  # a new debtor (or none): the filter starts empty again
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
        self._query = HistoryQuery()
        self._turns: set[int] = set()

    # --- feeding ------------------------------------------------------------

    def reset(self, page: HistoryPage | None, tz: Any = None) -> None:
        """Show a new debtor's first page (or nothing)."""
        self.beginResetModel()
        self._tz = tz
        self._query = HistoryQuery()
        self._turns = set()
        self._events = []
        self._seen = set()
        self._pending_before_id = None
        self._debtor_id = page.debtor_id if page else None
        self._next_before_id = page.next_before_id if page else None
        self._total = page.total if page else 0
        if page is not None:
            self._take(page.events)
        self.endResetModel()
        self.debtor_changed.emit()

    @property
    def query(self) -> HistoryQuery:
        """The filter every page request must carry (pass it back to `append_page`)."""
        return self._query

    def apply_query(self, query: HistoryQuery) -> None:
        """Show only what ``query`` matches: empty the table and ask for the newest page."""
        if query == self._query:
            return
        self.beginResetModel()
        self._query = query
        self._events = []
        self._seen = set()
        self._turns = set()
        self._next_before_id = None
        self._total = 0
        self._pending_before_id = FIRST_PAGE if self._debtor_id is not None else None
        self.endResetModel()
        if self._debtor_id is not None:
            self.more_requested.emit(self._debtor_id, FIRST_PAGE)

    def append_page(self, page: HistoryPage, query: HistoryQuery | None = None) -> bool:
        """Append an older page; False (and no change) if it is not the one asked for.

        A page fetched under another filter than the current one (the agent typed on while
        it travelled) is dropped; ``query`` None means "the current one".
        """
        if page.debtor_id != self._debtor_id or self._pending_before_id is None:
            return False
        if query is not None and query != self._query:
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
    def tz(self) -> Any:
        """The debtor's zone the times are shown in (None: as stored)."""
        return self._tz

    @property
    def loading(self) -> bool:
        return self._pending_before_id is not None

    def event_at(self, row: int) -> HistoryEvent:
        return self._events[row]

    def mark_conversation(self, row: int | None) -> set[int]:
        """Highlight the earlier (and later) turns of the selected event's conversation."""
        turns = conversation_rows(self._events, row) if row is not None else set()
        changed = turns ^ self._turns
        self._turns = turns
        if changed:
            last = len(COLUMNS) - 1
            self.dataChanged.emit(
                self.index(min(changed), 0),
                self.index(max(changed), last),
                [Qt.ItemDataRole.BackgroundRole],
            )
        return turns

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
        if role == Qt.ItemDataRole.BackgroundRole:
            return TURN_COLOUR if index.row() in self._turns else None
        if role == Qt.ItemDataRole.ToolTipRole and column == "summary":
            return event.summary
        return None
