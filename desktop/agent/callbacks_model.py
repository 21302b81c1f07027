"""The agent's pending callbacks: a Qt table model, and the agenda that fetches and reminds.

`CallbackAgenda` asks the hub for the list (`callbacks.fetch`) every minute and whenever the
hub accepted a wrap-up or a callback, keeps it in `CallbacksModel` ordered by due time, and
emits `due` once for each callback whose time has come. Due times show in the desk's local
time; overdue rows carry a flag the view highlights. It must never import widgets, never dial,
and never log a debtor's name (callback and debtor ids only).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from desktop.common.formatting import format_datetime
from desktop.common.i18n import translate
from sync.protocol import CallbackItem, CallbackList, FetchCallbacks

log = logging.getLogger("acuerdo.desktop")

Index = QModelIndex | QPersistentModelIndex
REFRESH_MS = 60_000
REMIND_CHECK_MS = 5_000
OVERDUE_COLOR = QColor("#fde2e1")


def newly_due(
    items: list[CallbackItem], now: dt.datetime, reminded: set[int]
) -> list[CallbackItem]:
    """Callbacks whose time has come and that were not reminded yet (oldest first)."""
    return [i for i in items if i.due_at <= now and i.id not in reminded]


class CallbacksModel(QAbstractTableModel):
    ItemRole = Qt.ItemDataRole.UserRole + 1
    OverdueRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, locale: str = "es_MX", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._items: list[CallbackItem] = []
        self.now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)

    @property
    def items(self) -> list[CallbackItem]:
        return list(self._items)

    def reset(self, items: list[CallbackItem]) -> None:
        self.beginResetModel()
        self._items = sorted(items, key=lambda i: (i.due_at, i.id))
        self.endResetModel()

    def item(self, row: int) -> CallbackItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            translate("Callbacks", "Due"),
            translate("Callbacks", "Debtor"),
            translate("Callbacks", "Note"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        overdue = item.due_at <= self.now()
        if role == self.ItemRole:
            return item
        if role == self.OverdueRole:
            return overdue
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return OVERDUE_COLOR
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if index.column() == 0:
                when = format_datetime(
                    item.due_at, self._locale, dt.datetime.now().astimezone().tzinfo
                )
                if overdue:
                    return translate("Callbacks", "{time} · overdue").format(time=when)
                return when
            return item.debtor_name if index.column() == 1 else item.note
        return None


class CallbackAgenda(QObject):
    due = Signal(object)  # CallbackItem whose time has come
    refreshed = Signal(int)  # how many are pending
    failed = Signal()

    def __init__(
        self,
        request: Callable[..., Coroutine[Any, Any, Any]],
        locale: str = "es_MX",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._request = request
        self.model = CallbacksModel(locale, self)
        self._reminded: set[int] = set()
        self._task: asyncio.Task[None] | None = None
        self._again = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._remind_timer = QTimer(self)
        self._remind_timer.setInterval(REMIND_CHECK_MS)
        self._remind_timer.timeout.connect(self.check_due)

    def check_every(self, ms: int) -> None:
        """How often due times are checked (a test makes it short rather than wait)."""
        self._remind_timer.setInterval(ms)

    def start(self) -> None:
        self._refresh_timer.start()
        self._remind_timer.start()
        self.refresh()

    def stop(self) -> None:
        self._refresh_timer.stop()
        self._remind_timer.stop()
        if self._task is not None:
            self._task.cancel()

    def on_item(self, item: Any) -> None:
        """An outbox item changed: once the hub took a wrap-up (it may close a callback) or a
        new callback, the list is out of date."""
        if item.kind in ("wrapup", "callback") and str(item.state) == "synced":
            self.refresh()

    def refresh(self) -> None:
        if self._task is not None and not self._task.done():
            self._again = True  # the answer on its way may predate what changed
            return
        self._again = False
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # Qt ran a timer outside the app's loop (shutdown): nothing to fetch into
        self._task = loop.create_task(self._fetch())
        self._task.add_done_callback(self._fetched)

    async def _fetch(self) -> None:
        try:
            reply = await self._request(FetchCallbacks())
        except Exception as exc:  # offline or refused: keep the list we have
            log.info("callbacks not fetched: %s", type(exc).__name__)
            self.failed.emit()
            return
        if not isinstance(reply, CallbackList):
            return
        self.model.reset(reply.callbacks)
        log.info("callbacks refreshed (%d pending)", len(reply.callbacks))
        self.refreshed.emit(len(reply.callbacks))
        self.check_due()

    def _fetched(self, task: asyncio.Task[None]) -> None:
        if self._again and not task.cancelled():
            self.refresh()

    def check_due(self) -> None:
        now = self.model.now()
        for item in newly_due(self.model.items, now, self._reminded):
            self._reminded.add(item.id)
            log.info("callback %d is due (debtor %d)", item.id, item.debtor_id)
            self.due.emit(item)
        if self.model.rowCount():
            # Rows turn overdue with time alone; let the view repaint their highlight.
            last = self.model.index(self.model.rowCount() - 1, 0)
            self.model.dataChanged.emit(self.model.index(0, 0), last)
