"""The keyboard shortcuts dialog: every workspace action, its key, and a way to change it.

Each row is an action with a key editor; saving checks the whole set with `ShortcutMap` (one
key per action, no key twice) and stores only the differences from the defaults. It must
never bind keys itself: the workspace re-applies the saved map.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.shortcuts import ACTIONS, ShortcutMap, action_name
from desktop.common.i18n import translate
from desktop.common.preferences import workspace_settings
from desktop.common.widgets import named


class ShortcutsDialog(QDialog):
    saved = Signal(object)  # the new ShortcutMap

    def __init__(self, current: ShortcutMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(translate("Shortcut", "Keyboard shortcuts"))
        form = QFormLayout()
        self.editors: dict[str, QKeySequenceEdit] = {}
        for action in ACTIONS:
            editor = QKeySequenceEdit(current.sequence(action.action_id))
            editor.setMaximumSequenceLength(1)
            editor.setAccessibleName(action_name(action.action_id))
            form.addRow(action_name(action.action_id), editor)
            self.editors[action.action_id] = editor
        self.problem = named(QLabel(), "problems")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        defaults = QPushButton(translate("Shortcut", "Restore defaults"))
        buttons.addButton(defaults, QDialogButtonBox.ButtonRole.ResetRole)
        defaults.clicked.connect(self.restore_defaults)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def restore_defaults(self) -> None:
        for action in ACTIONS:
            self.editors[action.action_id].setKeySequence(QKeySequence(action.default))

    def save(self) -> bool:
        chosen = {
            action_id: editor.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
            for action_id, editor in self.editors.items()
        }
        missing = [a for a, key in chosen.items() if not key]
        if missing:
            self._fail(
                translate("Shortcut", "Every action needs a key: {action}.").format(
                    action=action_name(missing[0])
                )
            )
            return False
        seen: dict[str, str] = {}
        for action_id, key in chosen.items():
            if key in seen:
                self._fail(
                    translate("Shortcut", "{key} is used twice: {first} and {second}.").format(
                        key=key, first=action_name(seen[key]), second=action_name(action_id)
                    )
                )
                return False
            seen[key] = action_id
        try:
            candidate = ShortcutMap.exactly(chosen)
        except ValueError as exc:
            self._fail(str(exc))
            return False
        candidate.save(workspace_settings())
        self.problem.hide()
        self.saved.emit(candidate)
        self.accept()
        return True

    def _fail(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
