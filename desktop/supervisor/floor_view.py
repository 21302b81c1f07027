"""The floor table with its filter bar: what the supervisor looks at all day.

A ``QTableView`` over ``FloorFilter`` over ``FloorModel``; filters for state, campaign, free
text (Ctrl+F) and "needs attention"; sorting by any column; a context menu with the row
actions the window hands in; Enter on a row asks to listen. One timer a second moves the
model's clock (thresholds) and repaints only the visible viewport, so ticking times never
resets the model. It must never send anything to the hub itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .floor_delegate import FloorDelegate
from .floor_filter import FloorFilter
from .floor_model import COL, ENTRY_ROLE, FloorModel
from .i18n import state_label, tr

TICK_MS = 1000
STATES = ("on_call", "wrap_up", "ready", "not_ready", "logged_out")


class FloorView(QWidget):
    agent_activated = Signal(str)  # Enter / double-click on a row: listen to that agent
    selection_changed = Signal()

    def __init__(
        self,
        model: FloorModel,
        clock: Callable[[], dt.datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("floorView")
        self.model = model
        self.proxy = FloorFilter(self)
        self.proxy.setSourceModel(model)
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._row_actions: list[QAction] = []

        self.search = QLineEdit(self)
        self.search.setObjectName("floorSearch")
        self.search.setPlaceholderText(tr("Find an agent, pause, step or help message (Ctrl+F)"))
        self.search.setAccessibleName(tr("Filter the floor by text"))
        self.search.setClearButtonEnabled(True)
        self.state = QComboBox(self)
        self.state.setObjectName("floorStateFilter")
        self.state.setAccessibleName(tr("Filter by state"))
        self.state.addItem(tr("All states"), None)
        for state in STATES:
            self.state.addItem(state_label(state), state)
        self.campaign = QComboBox(self)
        self.campaign.setObjectName("floorCampaignFilter")
        self.campaign.setAccessibleName(tr("Filter by campaign"))
        self.campaign.addItem(tr("All campaigns"), None)
        self.attention = QCheckBox(tr("Needs attention only"), self)
        self.attention.setObjectName("floorAttentionOnly")
        self.attention.setAccessibleName(tr("Show only agents who need attention"))
        self.counts = QLabel(self)
        self.counts.setObjectName("floorCounts")
        self.counts.setTextFormat(Qt.TextFormat.PlainText)

        self.table = QTableView(self)
        self.table.setObjectName("floorTable")
        self.table.setAccessibleName(tr("Agents on the floor"))
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(FloorDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL["state"], Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)  # row colour means attention
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Room for each header in either language, at least what the column's values need.
        widths = {"agent": 170, "state": 180, "pause": 100, "campaign": 100, "debtor": 70}
        widths |= {"call": 70, "node": 110, "mos": 50, "contacts": 70, "promises": 70}
        metrics = header.fontMetrics()
        for name, width in widths.items():
            title = str(self.proxy.headerData(COL[name], Qt.Orientation.Horizontal))
            self.table.setColumnWidth(COL[name], max(width, metrics.horizontalAdvance(title) + 28))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.doubleClicked.connect(self._activated)
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit()
        )

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.state, 1)
        bar.addWidget(self.campaign, 1)
        bar.addWidget(self.attention)
        bar.addWidget(self.counts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        find = QAction(tr("Find on the floor"), self)
        find.setObjectName("floorFind")
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        self.find_action = find

        self.search.textChanged.connect(self.proxy.set_text)
        self.state.currentIndexChanged.connect(
            lambda _: self.proxy.set_state(self.state.currentData())
        )
        self.campaign.currentIndexChanged.connect(
            lambda _: self.proxy.set_campaign(self.campaign.currentData())
        )
        self.attention.toggled.connect(self.proxy.set_attention_only)
        for signal in (model.modelReset, model.rowsInserted, self.proxy.layoutChanged):
            signal.connect(self._refresh_counts)
        self.proxy.rowsInserted.connect(self._refresh_counts)
        self.proxy.rowsRemoved.connect(self._refresh_counts)
        model.modelReset.connect(self._refresh_campaigns)
        model.rowsInserted.connect(self._refresh_campaigns)
        model.dataChanged.connect(self._campaign_seen)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self._refresh_counts()
        self._refresh_campaigns()

    # --- public ------------------------------------------------------------------------

    def set_row_actions(self, actions: list[QAction]) -> None:
        self._row_actions = actions

    def current_agent(self) -> str | None:
        index = self.table.currentIndex()
        return self.proxy.agent_at(index.row()) if index.isValid() else None

    def select_agent(self, agent: str) -> bool:
        row = self.proxy.row_of(agent)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.proxy.index(row, 0))
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def tick(self) -> None:
        """Thresholds crossed by time re-filter their rows; the rest is a repaint."""
        self.model.tick(self._clock())
        self.table.viewport().update()

    # --- internals ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self._activated(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _activated(self, index: QModelIndex) -> None:
        agent = self.proxy.agent_at(index.row()) if index.isValid() else None
        if agent is not None:
            self.agent_activated.emit(agent)

    def _menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid() or not self._row_actions:
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setObjectName("floorRowMenu")
        menu.setAccessibleName(tr("Actions on this agent"))
        for action in self._row_actions:
            if action.isSeparator():
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _refresh_counts(self, *_: object) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        text = tr("{shown} of {total} agents").format(shown=shown, total=total)
        if text != self.counts.text():
            self.counts.setText(text)

    def _campaign_seen(self, top_left: QModelIndex, *_: object) -> None:
        # One delta, one row: only its campaign can be new (the others were seen already).
        entry = top_left.data(ENTRY_ROLE)
        name = getattr(entry, "campaign", None)
        if name and self.campaign.findData(name) < 0:
            self.campaign.addItem(name, name)

    def _refresh_campaigns(self, *_: object) -> None:
        known = {self.campaign.itemData(i) for i in range(1, self.campaign.count())}
        for name in self.model.campaigns():
            if name not in known:
                self.campaign.addItem(name, name)
