"""The sign-in dialog: hub URL, user, password and "remember password" (keyring only).

The dialog validates what the agent typed and emits `sign_in_requested`; the composition root
tries the credentials against the hub and answers with `fail(text)` or `succeed()`. Nothing the
agent typed is cleared on failure. It must never store the password anywhere but the keyring.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.common import messages
from desktop.common.i18n import translate
from desktop.common.widgets import named
from desktop.login.vault import PasswordVault


class LoginDialog(QDialog):
    sign_in_requested = Signal(str, str, str)  # hub_url, user, password
    cancelled = Signal()

    def __init__(
        self,
        vault: PasswordVault,
        hub_url: str,
        user: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(translate("Login", "Acuerdo — Sign in"))
        self.setMinimumWidth(420)
        self._vault = vault
        self._busy = False

        title = named(QLabel(translate("Login", "Sign in to your contact centre")), "title")
        self.hub = QLineEdit(hub_url)
        self.user = QLineEdit(user or "")
        self.user.setPlaceholderText(translate("Login", "for example ana"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.request)
        self.remember = QCheckBox(translate("Login", "Remember password on this computer"))
        self.keyring_note = named(QLabel(), "subtle")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_note.hide()
        self.error = named(QLabel(), "problems")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        self.sign_in_button = named(QPushButton(translate("Login", "Sign in")), "primary")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.request)
        quit_button = QPushButton(translate("Login", "Quit"))
        quit_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(translate("Login", "Hub address"), self.hub)
        form.addRow(translate("Login", "User"), self.user)
        form.addRow(translate("Login", "Password"), self.password)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        usable = vault.usable()
        if not usable.ok:
            self.remember.setEnabled(False)
            self.keyring_note.setText(usable.reason)
            self.keyring_note.show()
        elif user:
            stored = vault.load(hub_url, user)
            if stored:
                self.password.setText(stored)
                self.remember.setChecked(True)
        (self.password if user else self.user).setFocus()

    def request(self) -> bool:
        if self._busy:
            return False
        hub, user, password = (
            self.hub.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )
        if not hub.startswith(("ws://", "wss://")):
            self.fail(translate("Login", "The hub address must start with ws:// or wss://."))
            return False
        if not user or not password:
            self.fail(translate("Login", "Enter your user and password."))
            return False
        self._set_busy(True)
        self.error.hide()
        self.sign_in_requested.emit(hub, user, password)
        return True

    def fail(self, text: str) -> None:
        """Show why signing in did not work; keep everything the agent typed."""
        self._set_busy(False)
        self.error.setText(text)
        self.error.show()
        self.password.setFocus()
        self.password.selectAll()

    def succeed(self) -> None:
        hub, user = self.hub.text().strip(), self.user.text().strip()
        if self.remember.isChecked():
            result = self._vault.save(hub, user, self.password.text())
            if not result.ok:
                messages.warning(result.reason)
        else:
            self._vault.forget(hub, user)
        self._set_busy(False)
        self.accept()

    def reject(self) -> None:
        if not self._busy:
            self.cancelled.emit()
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.hub, self.user, self.password, self.remember, self.sign_in_button):
            widget.setEnabled(not busy and (widget is not self.remember or self._vault.usable().ok))
        self.sign_in_button.setText(
            translate("Login", "Signing in…") if busy else translate("Login", "Sign in")
        )
