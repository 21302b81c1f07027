"""The settings dialog: one row per visible setting, locked ones read-only with the reason.

Rows are built from the declarations in `schema.py`, so a new setting appears here without
touching this file. A key locked by the machine policy shows its value disabled with "Set by
your IT department"; a key overridden from the command line or environment says so. OK stores
the agent's edits in the user layer and saves the file. This view must never write a locked
key nor a secret, and never hold settings logic of its own (that is `Settings`').
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.settings.i18n import translate
from desktop.settings.layered import Layer, Settings
from desktop.settings.schema import SettingValueError, Value
from desktop.settings.userfile import SettingsFileError

log = logging.getLogger("acuerdo.settings")

Editor = QLineEdit | QComboBox | QSpinBox | QCheckBox


def lock_reason(layer: Layer) -> str:
    if layer is Layer.POLICY:
        return translate("Settings", "Set by your IT department")
    if layer is Layer.OVERRIDE:
        return translate("Settings", "Overridden for troubleshooting (command line or environment)")
    return ""


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(translate("Settings", "Settings"))
        self.editors: dict[str, Editor] = {}
        self.notes: dict[str, QLabel] = {}
        form = QFormLayout()
        for resolved in settings.visible():
            key = resolved.setting.key
            editor = _editor_for(resolved.setting.kind, resolved.setting.choices, resolved.value)
            editor.setObjectName(f"setting_{key}")
            reason = lock_reason(resolved.layer)
            editor.setEnabled(not reason)
            editor.setToolTip(reason)
            self.editors[key] = editor
            row = QWidget()
            column = QVBoxLayout(row)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(editor)
            if reason:
                note = QLabel(reason)
                note.setObjectName(f"reason_{key}")
                column.addWidget(note)
                self.notes[key] = note
            form.addRow(translate("Settings", resolved.setting.label), row)
        self.error = QLabel()
        self.error.setObjectName("settings_error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for problem in settings.problems:
            layout.addWidget(QLabel(problem))
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            for key, editor in self.editors.items():
                if not editor.isEnabled():
                    continue  # locked or overridden: the file must not capture that value
                value = _read(editor)
                if value != self.settings.value(key):
                    self.settings.set_user(key, value)
            self.settings.save()
        except (SettingValueError, SettingsFileError) as exc:
            self.error.setText(str(exc))
            return
        super().accept()


def _editor_for(kind: str, choices: tuple[str, ...], value: Value) -> Editor:
    if kind == "bool":
        # A switch, not the text "True": the setting stores a real boolean.
        check = QCheckBox()
        check.setChecked(bool(value))
        return check
    if kind == "choice":
        combo = QComboBox()
        combo.addItems(list(choices))
        combo.setCurrentText(str(value))
        return combo
    if kind == "int":
        spin = QSpinBox()
        spin.setRange(0, 65535)
        spin.setValue(int(value))
        return spin
    return QLineEdit(str(value))


def _read(editor: Editor) -> Value:
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QComboBox):
        return str(editor.currentText())
    if isinstance(editor, QSpinBox):
        return int(editor.value())
    return str(editor.text())
