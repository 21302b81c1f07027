"""The manual dial box (Ctrl+D): pick one of the debtor's phones or type a number, then dial.

The list shows the debtor's phone contact points with their label and flags (wrong number,
do not call) so the agent sees why one would be refused; typing is allowed for a number read
out in another format. A thin dialog: `OwnCalls.manual_dial` decides and dials, and the dialog
closes only when it did. It must never dial or validate numbers itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.phone_numbers import dialable_phones
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import ContactPoint, DebtorProfile


def phone_choice(contact: ContactPoint) -> str:
    flags = []
    if contact.do_not_call:
        flags.append(translate("Dial", "do not call"))
    if not contact.valid:
        flags.append(translate("Dial", "wrong number"))
    text = f"{contact.value} · {contact.label}" if contact.label else contact.value
    return f"{text} ({', '.join(flags)})" if flags else text


class ManualDialDialog(QDialog):
    def __init__(self, dial: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manualDial")
        self.setWindowTitle(translate("Dial", "Dial a number"))
        self.setAccessibleName(translate("Dial", "Dial one of the debtor's numbers"))
        self._dial = dial
        self.number = named(QComboBox(), "manualDialNumber")
        self.number.setEditable(True)
        self.number.setAccessibleName(translate("Dial", "Number to dial"))
        self.number.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        prompt = QLabel(translate("Dial", "&Number (from the debtor's record):"))
        prompt.setBuddy(self.number)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.dial_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.dial_button.setText(translate("Dial", "&Dial"))
        self.dial_button.setObjectName("manualDialGo")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.number)
        layout.addWidget(self.buttons)

    def prepare(self, debtor: DebtorProfile) -> None:
        self.number.clear()
        for contact in dialable_phones(debtor):
            self.number.addItem(phone_choice(contact), contact.value)
        self.number.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def chosen_text(self) -> str:
        index = self.number.currentIndex()
        typed = self.number.currentText()
        if index >= 0 and typed == self.number.itemText(index):
            return str(self.number.itemData(index))
        return typed

    def submit(self) -> None:
        if self._dial(self.chosen_text()):
            self.accept()
