"""Walk the draft as an agent would: the real runner, a sample customer, variables filled in.

The team lead picks a sample customer and a language and clicks through the
answers and objections; any text that cannot be shown (an unknown variable, a
bad condition) appears as the runner's own error. This pane must never change
the document and never contact the hub.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scripts_engine import EngineError, Runner, Script

from .i18n import error_text, kind_label, tr
from .samples import SAMPLES

LOCALES = (("es_MX", "Español (México)"), ("en_US", "English (US)"))


class PreviewPane(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._script: Script | None = None
        self.runner: Runner | None = None
        self.sample_combo = QComboBox(objectName="sampleCombo")
        names = {
            "early": tr("Early stage customer"),
            "middle": tr("Middle stage customer"),
            "late": tr("Late stage customer"),
        }
        for sample in SAMPLES:
            self.sample_combo.addItem(names.get(sample.key, sample.key), sample.key)
        self.locale_combo = QComboBox(objectName="previewLocale")
        for code, name in LOCALES:
            self.locale_combo.addItem(name, code)
        self.restart_button = QPushButton(tr("Restart"), objectName="previewRestart")
        self.back_button = QPushButton(tr("Back"), objectName="previewBack")
        self.next_button = QPushButton(tr("Next"), objectName="previewNext")
        self.where = QLabel(objectName="previewWhere")
        self.text = QLabel(objectName="previewText")
        self.text.setWordWrap(True)
        self.text.setMinimumHeight(80)
        self.error = QLabel(objectName="previewError")
        self.error.setWordWrap(True)
        # Coloured by the theme's stylesheet (#previewError), readable in both looks.
        self.option_buttons: list[QPushButton] = []
        self.objection_buttons: list[QPushButton] = []
        self._options = QVBoxLayout()
        self._objections = QHBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.sample_combo, 1)
        top.addWidget(self.locale_combo)
        top.addWidget(self.restart_button)
        moves = QHBoxLayout()
        moves.addWidget(self.back_button)
        moves.addStretch(1)
        moves.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.where)
        layout.addWidget(self.text)
        layout.addLayout(self._options)
        layout.addLayout(moves)
        layout.addWidget(QLabel(tr("Objections")))
        layout.addLayout(self._objections)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.sample_combo.currentIndexChanged.connect(lambda _i: self.restart())
        self.locale_combo.currentIndexChanged.connect(lambda _i: self.restart())
        self.restart_button.clicked.connect(self.restart)
        self.back_button.clicked.connect(lambda: self._move(lambda r: r.back()))
        self.next_button.clicked.connect(lambda: self._move(lambda r: r.advance()))

    def load(self, script: Script | None, reason: str | None = None) -> None:
        self._script = script
        if script is None:
            self.runner = None
            self._render(reason or tr("Nothing to preview yet."))
            return
        self.restart()

    def restart(self) -> None:
        if self._script is None:
            return
        sample = SAMPLES[max(0, self.sample_combo.currentIndex())]
        locale = str(self.locale_combo.currentData())
        try:
            self.runner = Runner(self._script, sample.variables(locale), locale)
        except EngineError as exc:
            self.runner = None
            self._render(error_text(exc))
            return
        self._render()

    def _move(self, move: Callable[[Runner], None]) -> None:
        if self.runner is None:
            return
        try:
            move(self.runner)
        except EngineError as exc:
            self._render(error_text(exc))
            return
        self._render()

    def _render(self, error: str | None = None) -> None:
        for button in [*self.option_buttons, *self.objection_buttons]:
            button.deleteLater()
        self.option_buttons, self.objection_buttons = [], []
        self.error.setText(error or "")
        runner = self.runner
        if runner is None:
            self.text.setText("")
            self.where.setText("")
            for button in (self.back_button, self.next_button):
                button.setEnabled(False)
            return
        step = runner.current
        where = tr("{node} · {kind}").format(node=step.node_id, kind=kind_label(step.kind))
        if step.in_objection:
            where += " · " + tr("in an objection")
        if step.action:
            where += " · " + tr("action: {action}").format(action=step.action)
        self.where.setText(where)
        self.text.setText(step.text)
        for number, choice in enumerate(step.options, start=1):
            button = QPushButton(f"{number}. {choice.label}")
            button.clicked.connect(lambda _=False, c=choice.id: self._move(lambda r: r.choose(c)))
            self._options.addWidget(button)
            self.option_buttons.append(button)
        for choice in runner.objections:
            button = QPushButton(choice.label)
            button.clicked.connect(
                lambda _=False, c=choice.id: self._move(lambda r: r.objection(c))
            )
            self._objections.addWidget(button)
            self.objection_buttons.append(button)
        self.back_button.setEnabled(runner.can_go_back)
        self.next_button.setEnabled(step.kind in ("say", "action") or step.resumes)
