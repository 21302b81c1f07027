"""The top bar's help button and the small prompt where the agent types what they need.

Press it (or its shortcut) to open a non-modal prompt; once sent, the button reads "Help
requested" until a supervisor clears it or the agent presses it again to withdraw. A view over
`HelpRequest`: it must never send anything itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.help_request import HelpRequest
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import MAX_NAME


class HelpPrompt(QDialog):
    def __init__(self, help_request: HelpRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpPrompt")
        self.setWindowTitle(translate("Help", "Ask a supervisor for help"))
        self.setAccessibleName(translate("Help", "Ask a supervisor for help"))
        self._help = help_request
        self.text = named(QLineEdit(), "helpMessage")
        self.text.setMaxLength(MAX_NAME)
        self.text.setPlaceholderText(translate("Help", "What do you need? (e.g. debtor disputes)"))
        self.text.setAccessibleName(translate("Help", "Help message"))
        self.send_button = named(QPushButton(translate("Help", "Send")), "primary")
        self.send_button.setAccessibleName(translate("Help", "Send the help request"))
        self.send_button.setDefault(True)
        self.problem = named(QLabel(), "problems")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.send_button.clicked.connect(self.send)

    def send(self) -> None:
        problem = self._help.ask(self.text.text())
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        if problem is None:
            self.text.clear()
            self.accept()


class HelpButton(QToolButton):
    def __init__(self, help_request: HelpRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpButton")
        self._help = help_request
        self.prompt = HelpPrompt(help_request, self)
        self.clicked.connect(self.activate)
        help_request.changed.connect(self._show)
        self._show(help_request.raised)

    def activate(self) -> None:
        """Ask for help, or withdraw the request when one is up."""
        if self._help.raised:
            self._help.withdraw()
            return
        self.prompt.problem.hide()
        self.prompt.open()
        self.prompt.text.setFocus()

    def _show(self, raised: bool) -> None:
        text = (
            translate("Help", "Help requested · withdraw")
            if raised
            else translate("Help", "Ask for help")
        )
        self.setText(text)
        self.setAccessibleName(text)
        self.setProperty("raised", "yes" if raised else "no")
        self.style().unpolish(self)
        self.style().polish(self)
