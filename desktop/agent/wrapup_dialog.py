"""The wrap-up dialog shown after a call ends: a required disposition, notes, a callback.

Dispositions are the campaign's codes; the first nine answer to Alt+1..Alt+9 (shown beside
each). The dialog only collects; the session sends `SubmitWrapUp` (and the callback) through
the outbox. It is non-modal (`open()`), so the asyncio loop keeps running while the agent
types, and a supervisor may extend its countdown. It must never let a wrap-up through without
a disposition.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.callback_picker import CallbackChoice, CallbackPicker
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
HOTKEYS = 9  # Alt+1..Alt+9


def disposition_label(code: str) -> str:
    source = DISPOSITIONS.get(code)
    return translate("Disposition", source) if source else code


MIN_WIDTH = 460


class WrapUpDialog(QDialog):
    submitted = Signal(str, str)  # disposition code, notes

    def __init__(self, parent: QWidget | None = None, locale: str = "es_MX") -> None:
        super().__init__(parent)
        self.setObjectName("wrapUpDialog")
        self.setAccessibleName(translate("WrapUp", "Wrap-up"))
        self.setWindowTitle(translate("WrapUp", "Wrap-up"))
        intro = QLabel(translate("WrapUp", "How did the call end? A disposition is required."))
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.group.buttonClicked.connect(self._chosen)
        self.grid = QGridLayout()
        self.radios: dict[str, QRadioButton] = {}
        self.hotkeys: list[QShortcut] = []
        for number in range(1, HOTKEYS + 1):
            key = QShortcut(QKeySequence(f"Alt+{number}"), self)
            key.activated.connect(lambda n=number: self._hotkey(n))
            self.hotkeys.append(key)
        self.set_dispositions(list(DISPOSITIONS))
        self.callback = CallbackPicker(locale)
        # The picker's row must not squeeze its words ("Programar una devolución de llamada"
        # was cut): each keeps its full width and the dialog grows instead.
        for word in (self.callback.wanted, self.callback.for_me, self.callback.for_anyone):
            word.setSizePolicy(QSizePolicy.Policy.Minimum, word.sizePolicy().verticalPolicy())
        self.notes = named(QPlainTextEdit(), "wrapupNotes")
        self.notes.setAccessibleName(translate("WrapUp", "Notes"))
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
        self.submit_button = named(
            QPushButton(translate("WrapUp", "Submit and go ready")), "primary"
        )
        self.submit_button.setAccessibleName(translate("WrapUp", "Submit the wrap-up"))
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.countdown)
        layout.addLayout(self.grid)
        layout.addWidget(self.notes)
        layout.addWidget(self.callback)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        # An explicit minimum overrides the layout's: take the wider, so no row is cut.
        self.setMinimumWidth(max(MIN_WIDTH, layout.minimumSize().width()))

    def prepare(self, suggested: str | None, deadline: float | None = None) -> None:
        """Reset for a new call; preselect the script's disposition if it named a known one.
        `deadline` (time.monotonic()) is when the campaign's wrap-up limit runs out."""
        self.set_deadline(deadline)
        self.group.setExclusive(False)
        for radio in self.radios.values():
            radio.setChecked(False)
        self.group.setExclusive(True)
        if suggested in self.radios:
            self.radios[suggested].setChecked(True)
        self.notes.clear()
        self.callback.reset()
        self.problem.hide()

    def set_deadline(self, deadline: float | None) -> None:
        """A new limit (a supervisor extended the wrap-up): the countdown follows at once."""
        self._deadline = deadline
        self.countdown.setVisible(deadline is not None)
        if deadline is not None:
            self._ticker.start()
            self._tick()
        else:
            self._ticker.stop()

    def set_dispositions(self, codes: Sequence[str]) -> None:
        """The campaign's codes, in its order; the first nine get Alt+1..Alt+9."""
        if list(codes) == list(self.radios):
            return
        for radio in self.radios.values():
            self.group.removeButton(radio)
            self.grid.removeWidget(radio)
            radio.deleteLater()
        self.radios = {}
        for i, code in enumerate(codes):
            text = disposition_label(code)
            if i < HOTKEYS:
                text = translate("WrapUp", "{label}  (Alt+{number})").format(
                    label=text, number=i + 1
                )
            radio = named(QRadioButton(text), "disposition")
            radio.setAccessibleName(disposition_label(code))
            radio.setProperty("disposition", code)
            self.group.addButton(radio)
            self.radios[code] = radio
            self.grid.addWidget(radio, i // 2, i % 2)

    def _hotkey(self, number: int) -> None:
        codes = list(self.radios)
        if self.isVisible() and number <= len(codes):
            self.radios[codes[number - 1]].click()
            self.radios[codes[number - 1]].setFocus()

    def _chosen(self, button: QAbstractButton) -> None:
        # "Call back later" without a time would be lost: open the picker for the agent.
        if button.property("disposition") == "callback":
            self.callback.wanted.setChecked(True)

    def callback_choice(self) -> CallbackChoice | None:
        return self.callback.choice()

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
        callback_problem = self.callback.problem()
        if callback_problem is not None:
            self._show_problem(callback_problem)
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
