"""The screen pop's contact points: each with its validity and do-not-call flags, and actions.

A view over `ContactBook`: "Wrong number" and "Valid" act on the selected point, "Add number"
on the number typed beside it; every button is reachable with Tab and the list with the arrow
keys. Values are plain text. It must never decide anything itself beyond enabling buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.contact_actions import ContactBook
from desktop.common.i18n import translate
from desktop.common.widgets import named


def _button(text: str, object_name: str) -> QPushButton:
    button = named(QPushButton(text), object_name)
    button.setAccessibleName(text)
    return button


class ContactList(QFrame):
    def __init__(self, book: ContactBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactList")
        self.setAccessibleName(translate("Contacts", "Contact points"))
        self._book = book
        title = named(QLabel(translate("Contacts", "Contact points")), "sectionTitle")
        self.view = named(QListView(), "contactPoints")
        self.view.setAccessibleName(translate("Contacts", "Contact points"))
        self.view.setModel(book)
        self.view.setMaximumHeight(96)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.wrong_button = _button(translate("Contacts", "Wrong number"), "contactWrong")
        self.valid_button = _button(translate("Contacts", "Valid"), "contactValid")
        self.new_number = named(QLineEdit(), "contactNewNumber")
        self.new_number.setPlaceholderText(translate("Contacts", "New number"))
        self.new_number.setAccessibleName(translate("Contacts", "New number"))
        self.add_button = _button(translate("Contacts", "Add number"), "contactAdd")
        self.problem = named(QLabel(), "problems")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.wrong_button)
        actions.addWidget(self.valid_button)
        actions.addStretch(1)
        actions.addWidget(self.new_number, 2)
        actions.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(self.view)
        layout.addLayout(actions)
        layout.addWidget(self.problem)
        self.wrong_button.clicked.connect(lambda: self._mark("wrong_number"))
        self.valid_button.clicked.connect(lambda: self._mark("valid"))
        self.add_button.clicked.connect(self.add)
        self.new_number.returnPressed.connect(self.add)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        book.changed.connect(self._enable)
        book.modelReset.connect(self._reset)
        self._enable()

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self._book.index(row))

    def _selected(self, _s: QItemSelection, _d: QItemSelection) -> None:
        self._enable()

    def _reset(self) -> None:
        self.problem.hide()
        self.new_number.clear()
        self._enable()

    def _enable(self) -> None:
        point = self._book.point(self.view.currentIndex().row())
        actionable = point is not None and point.id >= 0
        self.wrong_button.setEnabled(actionable and point is not None and point.valid)
        self.valid_button.setEnabled(actionable and point is not None and not point.valid)

    def _mark(self, action: str) -> None:
        self._book.mark(self.view.currentIndex().row(), action)  # type: ignore[arg-type]
        self._enable()

    def add(self) -> None:
        problem = self._book.add_number(self.new_number.text())
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        if problem is None:
            self.new_number.clear()
