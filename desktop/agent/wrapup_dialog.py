"""The wrap-up dialog shown after a call ends: a required disposition and optional notes.

The dialog only collects; the session sends `SubmitWrapUp` through the outbox. It is non-modal
(`open()`), so the asyncio loop keeps running while the agent types. It must never let a
wrap-up through without a disposition.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.common.formatting import format_duration
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import DEFAULT_DISPOSITIONS

# Labels for the protocol's default codes (what the hub stores), in the order agents see.
_LABELS: dict[str, str] = {
    "promise_to_pay": str(QT_TRANSLATE_NOOP("Disposition", "Promise to pay")),
    "callback": str(QT_TRANSLATE_NOOP("Disposition", "Call back later")),
    "no_agreement": str(QT_TRANSLATE_NOOP("Disposition", "No agreement")),
    "claims_paid": str(QT_TRANSLATE_NOOP("Disposition", "Says already paid")),
    "disputed": str(QT_TRANSLATE_NOOP("Disposition", "Disputes the debt")),
    "third_party": str(QT_TRANSLATE_NOOP("Disposition", "Third party answered")),
    "not_verified": str(QT_TRANSLATE_NOOP("Disposition", "Identity not verified")),
    "wrong_number": str(QT_TRANSLATE_NOOP("Disposition", "Wrong number")),
    "no_answer_voicemail": str(QT_TRANSLATE_NOOP("Disposition", "No answer / voicemail")),
}
DISPOSITIONS: dict[str, str] = {code: _LABELS[code] for code in DEFAULT_DISPOSITIONS}

MAX_NOTES = 4000


def disposition_label(code: str) -> str:
    source = DISPOSITIONS.get(code)
    return translate("Disposition", source) if source else code


class WrapUpDialog(QDialog):
    submitted = Signal(str, str)  # disposition code, notes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wrapUpDialog")
        self.setWindowTitle(translate("WrapUp", "Wrap-up"))
        self.setMinimumWidth(420)
        intro = QLabel(translate("WrapUp", "How did the call end? A disposition is required."))
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        grid = QGridLayout()
        self.radios: dict[str, QRadioButton] = {}
        for i, code in enumerate(DISPOSITIONS):
            radio = QRadioButton(disposition_label(code))
            radio.setProperty("disposition", code)
            self.group.addButton(radio)
            self.radios[code] = radio
            grid.addWidget(radio, i // 2, i % 2)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(translate("WrapUp", "Notes (optional)"))
        self.notes.setMaximumHeight(110)
        self.countdown = named(QLabel(), "wrapupCountdown")
        self.countdown.setAccessibleName(translate("WrapUp", "Time left for the wrap-up"))
        self._deadline: float | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(500)
        self._ticker.timeout.connect(self._tick)
        self.problem = named(QLabel(), "problems")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self.submit_button = QPushButton(translate("WrapUp", "Submit and go ready"))
        self.submit_button.setObjectName("primary")
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.countdown)
        layout.addLayout(grid)
        layout.addWidget(self.notes)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

    def prepare(self, suggested: str | None, deadline: float | None = None) -> None:
        """Reset for a new call; preselect the script's disposition if it named a known one.
        `deadline` (time.monotonic()) is when the campaign's wrap-up limit runs out."""
        self._deadline = deadline
        self.countdown.setVisible(deadline is not None)
        if deadline is not None:
            self._ticker.start()
            self._tick()
        else:
            self._ticker.stop()
        self.group.setExclusive(False)
        for radio in self.radios.values():
            radio.setChecked(False)
        self.group.setExclusive(True)
        if suggested in self.radios:
            self.radios[suggested].setChecked(True)
        self.notes.clear()
        self.problem.hide()

    def _tick(self) -> None:
        if self._deadline is None:
            return
        left = max(0.0, self._deadline - time.monotonic())
        self.countdown.setText(
            translate("WrapUp", "Ready again automatically in {left}").format(
                left=format_duration(left + 0.999)
            )
        )

    def submit_on_timeout(self, fallback: str) -> None:
        """The limit ran out: submit what the agent chose, else the campaign's fallback code."""
        if not self.isVisible():
            return
        code = self.selected() or fallback
        notes = self.notes.toPlainText().strip()[:MAX_NOTES]
        self._ticker.stop()
        self.submitted.emit(code, notes)
        self.accept()

    def selected(self) -> str | None:
        button = self.group.checkedButton()
        return None if button is None else str(button.property("disposition"))

    def choose(self, code: str) -> None:
        if code not in self.radios:
            raise ValueError(f"unknown disposition {code!r}")
        self.radios[code].setChecked(True)

    def submit(self) -> bool:
        code = self.selected()
        notes = self.notes.toPlainText().strip()
        if code is None:
            self._show_problem(translate("WrapUp", "Choose a disposition before submitting."))
            return False
        if len(notes) > MAX_NOTES:
            self._show_problem(
                translate(
                    "WrapUp", "Notes are too long ({count} characters; at most {limit})."
                ).format(count=len(notes), limit=MAX_NOTES)
            )
            return False
        self.problem.hide()
        self._ticker.stop()
        self.submitted.emit(code, notes)
        self.accept()
        return True

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def reject(self) -> None:
        # Escape or the close box must not skip the required disposition.
        self._show_problem(translate("WrapUp", "Choose a disposition before submitting."))
