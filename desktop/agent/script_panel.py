"""The script panel: the current step's text, its answer buttons, objections and back.

A thin view over `ScriptViewModel`. Step text comes from a script (and debtor variables), so it
is always shown as plain text. Number keys 1..9 pick answers; a line edit with focus keeps its
digits because QLineEdit claims plain keys before window shortcuts fire.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.script_view_model import ScriptViewModel
from desktop.common.i18n import translate
from desktop.common.widgets import named
from scripts_engine import Step

MAX_NUMBERED = 9
OBJECTION_COLUMNS = 3


class ScriptPanel(QFrame):
    def __init__(self, model: ScriptViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scriptPanel")
        self._model = model
        self.option_buttons: list[QPushButton] = []
        self.objection_buttons: list[QPushButton] = []

        self.title = named(QLabel(), "sectionTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.step_text = named(QLabel(), "stepText")
        self.step_text.setTextFormat(Qt.TextFormat.PlainText)
        self.step_text.setWordWrap(True)
        self.step_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.step_text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.step_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._options_box = QVBoxLayout()
        self._options_box.setSpacing(6)
        self.next_button = named(QPushButton(translate("Script", "Next")), "primary")
        self.next_button.clicked.connect(model.advance)
        self.back_button = QPushButton(translate("Script", "Back"))
        self.back_button.clicked.connect(model.back)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)

        self.objections_title = named(QLabel(translate("Script", "Objections")), "subtle")
        # A grid, not a row: five objections in one row would set the panel's minimum
        # width and squeeze the debtor's accounts and history on the left.
        self._objections_box = QGridLayout()
        self._objections_box.setSpacing(6)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.step_text)
        layout.addLayout(self._options_box)
        layout.addLayout(nav)
        layout.addStretch(1)
        layout.addWidget(self.objections_title)
        layout.addLayout(self._objections_box)

        for number in range(1, MAX_NUMBERED + 1):
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.activated.connect(lambda n=number: self._press_number(n))

        model.step_changed.connect(self.show_step)
        self.show_step(model.current)

    def _press_number(self, number: int) -> None:
        if 0 < number <= len(self.option_buttons):
            button = self.option_buttons[number - 1]
            if button.isEnabled() and button.isVisible():
                button.click()

    def show_step(self, step: Step | None) -> None:
        self.title.setText(
            self._model.title
            if self._model.script
            else translate("Script", "No script for this call yet")
        )
        self._rebuild_options(step)
        self._rebuild_objections(step)
        if step is None:
            self.step_text.setText(
                translate("Script", "The script appears here when a call is handed to you.")
            )
            self.next_button.setVisible(False)
            self.back_button.setEnabled(False)
            return
        self.step_text.setText(step.text)
        can_advance = step.kind in ("say", "action") or (step.kind == "end" and step.resumes)
        self.next_button.setVisible(can_advance)
        self.next_button.setText(
            translate("Script", "Continue") if step.kind == "end" else translate("Script", "Next")
        )
        self.back_button.setEnabled(self._model.can_go_back)

    def _rebuild_options(self, step: Step | None) -> None:
        _clear(self._options_box)
        self.option_buttons = []
        if step is None:
            return
        for number, choice in enumerate(step.options, start=1):
            prefix = f"{number}   " if number <= MAX_NUMBERED else ""
            button = named(QPushButton(prefix + choice.label), "scriptOption")
            button.setProperty("optionId", choice.id)
            button.clicked.connect(lambda _=False, cid=choice.id: self._model.choose(cid))
            self._options_box.addWidget(button)
            self.option_buttons.append(button)

    def _rebuild_objections(self, step: Step | None) -> None:
        _clear(self._objections_box)
        self.objection_buttons = []
        objections = self._model.objections if step is not None else ()
        self.objections_title.setVisible(bool(objections))
        for index, choice in enumerate(objections):
            button = named(QPushButton(choice.label), "objection")
            button.setProperty("objectionId", choice.id)
            button.clicked.connect(lambda _=False, oid=choice.id: self._model.objection(oid))
            row, column = divmod(index, OBJECTION_COLUMNS)
            self._objections_box.addWidget(button, row, column)
            self.objection_buttons.append(button)


def _clear(layout: QVBoxLayout | QHBoxLayout | QGridLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()
