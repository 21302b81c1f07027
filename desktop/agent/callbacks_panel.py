"""The callbacks list on the agent's screen: due times, overdue rows highlighted, "Dial".

A thin view over `CallbackAgenda`'s model: a table the agent moves through with the arrow keys
and dials with Enter or the button; names show as plain text (the model gives strings only).
It must never fetch, dial or decide: it emits `dial_requested` with the chosen callback.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.callbacks_model import CallbacksModel
from desktop.common.i18n import translate
from desktop.common.widgets import named


class _CallbackTable(QTableView):
    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class CallbacksPanel(QWidget):
    dial_requested = Signal(object)  # CallbackItem

    def __init__(self, model: CallbacksModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callbacksPanel")
        self.setAccessibleName(translate("Callbacks", "My callbacks"))
        self._model = model
        self.count = named(QLabel(), "callbacksCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.table = named(_CallbackTable(), "callbacksTable")
        self.table.setAccessibleName(translate("Callbacks", "Pending callbacks"))
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.activated_row.connect(self._dial_row)
        self.table.doubleClicked.connect(lambda index: self._dial_row(index.row()))
        self.dial_button = named(QPushButton(translate("Callbacks", "Dia&l")), "callbackDial")
        self.dial_button.setAccessibleName(translate("Callbacks", "Dial the selected callback"))
        self.dial_button.clicked.connect(self.dial_selected)
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.dial_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        model.modelReset.connect(self._update_count)
        self._update_count()

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self._model.rowCount():
            self.table.selectRow(0)

    def select(self, callback_id: int) -> None:
        for row, item in enumerate(self._model.items):
            if item.id == callback_id:
                self.table.selectRow(row)
                return

    def dial_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._dial_row(index.row())

    def _dial_row(self, row: int) -> None:
        item = self._model.item(row)
        if item is not None:
            self.dial_requested.emit(item)

    def _update_count(self) -> None:
        n = self._model.rowCount()
        self.count.setText(translate("Callbacks", "{count} pending callbacks").format(count=n))
        self.dial_button.setEnabled(n > 0)
