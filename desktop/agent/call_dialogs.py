"""Small dialogs the call bar opens: the DTMF keypad and the transfer / consult target.

The keypad sends each key as it is pressed (an IVR or a card terminal expects digits one by
one) and accepts the keyboard's digits too; the target dialog only collects text, which
`CallControl` validates. Neither dialog ever shows or keeps the digits after it closes (a card
number may be keyed in); neither talks to the softphone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.common.i18n import translate
from desktop.common.widgets import named

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")


class KeypadDialog(QDialog):
    digit = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self.setWindowTitle(translate("Keypad", "Keypad"))
        self.shown = named(QLabel(), "keypadDisplay")
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shown.setAccessibleName(translate("Keypad", "Digits sent"))
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(KEYS):
            button = named(QPushButton(key), "keypadKey")
            button.setAccessibleName(translate("Keypad", "Key {key}").format(key=key))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typed keys go to the dialog
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.buttons[key] = button
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.shown)
        layout.addLayout(grid)
        layout.addWidget(close)

    def press(self, key: str) -> None:
        if key not in KEYS:
            return
        # Only the count is shown: digits may be card data the screen must not keep.
        self.shown.setText("•" * min(len(self.shown.text()) + 1, 24))
        self.digit.emit(key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text in KEYS:
            self.press(text)
            return
        super().keyPressEvent(event)

    def open_fresh(self) -> None:
        self.shown.clear()
        self.open()

    def done(self, result: int) -> None:
        self.shown.clear()
        super().done(result)


class TargetDialog(QDialog):
    """Asks where to transfer or whom to consult; emits the raw text on OK."""

    chosen = Signal(str, str)  # purpose ("transfer" | "consult"), target text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferDialog")
        self._purpose = "transfer"
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.target = QLineEdit()
        self.target.setAccessibleName(translate("Transfer", "Transfer target"))
        self.target.setPlaceholderText(translate("Transfer", "Extension, number or sip:user@host"))
        self.intro.setBuddy(self.target)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.target)
        layout.addWidget(buttons)

    def ask(self, purpose: str) -> None:
        self._purpose = purpose
        if purpose == "consult":
            self.setWindowTitle(translate("Transfer", "Consult a colleague"))
            self.intro.setText(
                translate(
                    "Transfer",
                    "The customer waits on hold while you talk to the colleague; then complete "
                    "the transfer, join everyone in a conference, or return to the customer.",
                )
            )
        else:
            self.setWindowTitle(translate("Transfer", "Blind transfer"))
            self.intro.setText(
                translate("Transfer", "The call goes to the target at once and leaves your desk.")
            )
        self.target.clear()
        self.open()
        self.target.setFocus(Qt.FocusReason.PopupFocusReason)

    def _accept(self) -> None:
        text = self.target.text().strip()
        if not text:
            return
        self.accept()
        self.chosen.emit(self._purpose, text)
