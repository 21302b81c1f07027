"""The promises and wrap-ups of this shift with their sync state (saved, synced, rejected).

Rows are keyed by the outbox idempotency key, so each state change from the sync client updates
its row in place. Only the non-personal `summary` of an item is shown; the model must never
hold a debtor's name or contact data.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.common.i18n import translate
from desktop.common.theme import status_colour

Index = QModelIndex | QPersistentModelIndex

# Calm status inks from the theme (AA in both looks): amber pending, blue in flight, green
# done, red refused. Looked up on every paint, so a theme switch re-colours the rows.
STATE_COLORS: dict[str, str] = {
    "saved": "warn",
    "syncing": "info",
    "synced": "good",
    "rejected": "bad",
}


def state_label(state: str) -> str:
    labels = {
        "saved": translate("Outbox", "Saved locally"),
        "syncing": translate("Outbox", "Sending"),
        "synced": translate("Outbox", "Synced"),
        "rejected": translate("Outbox", "Rejected"),
    }
    return labels.get(state, state)


class OutboxModel(QAbstractListModel):
    ItemRole = Qt.ItemDataRole.UserRole + 1
    StateRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, kinds: frozenset[str] = frozenset({"promise"}), parent: Any = None) -> None:
        super().__init__(parent)
        self._kinds = kinds
        self._items: list[Any] = []  # OutboxItem, newest first
        self._rows: dict[str, int] = {}
        # Localised descriptions of this shift's own writes; older items show their summary.
        self._labels: dict[str, str] = {}

    def describe(self, key: str, label: str) -> None:
        self._labels[key] = label
        row = self._rows.get(key)
        if row is not None:
            self.dataChanged.emit(self.index(row), self.index(row))

    def upsert(self, item: Any) -> None:
        if item.kind not in self._kinds:
            return
        row = self._rows.get(item.key)
        if row is not None:
            self._items[row] = item
            index = self.index(row)
            self.dataChanged.emit(index, index)
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._items.insert(0, item)
        self._rows = {it.key: i for i, it in enumerate(self._items)}
        self.endInsertRows()

    def item(self, key: str) -> Any | None:
        row = self._rows.get(key)
        return None if row is None else self._items[row]

    def state_of(self, key: str) -> str | None:
        item = self.item(key)
        return None if item is None else str(item.state)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        state = str(item.state)
        if role == self.ItemRole:
            return item
        if role == self.StateRole:
            return state
        if role == Qt.ItemDataRole.DisplayRole:
            # The sync client's summary already names the kind (and carries no personal data).
            text = f"{self._labels.get(item.key, item.summary)} — {state_label(state)}"
            if state == "rejected" and item.reason:
                text += f": {item.reason}"
            return text
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(status_colour(STATE_COLORS.get(state, "muted")))
        if role == Qt.ItemDataRole.ToolTipRole and item.reason:
            return item.reason
        return None
