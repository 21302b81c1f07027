"""The settings dialog as a window of its own (`acuerdo settings`) and from a running desk.

A running desk registers its layered settings once (`provide`); any of its windows (the agent
workspace, the supervisor's floor) then opens the same dialog from a menu entry or Ctrl+, with
`open_settings`. The theme previews live while the dialog is open, Cancel restores the look the
desk had, OK saves and applies it; keys locked by IT's policy stay read-only (the dialog's
rule). It must never bypass `Settings` (the dialog already refuses locked keys and secrets).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop.common.theme import apply_theme, notifier, preview_in_dialog
from desktop.settings.layered import Settings

KEY = "Ctrl+,"  # the platform convention for preferences (macOS ⌘, ; browsers, editors)

# The settings of the desk that is running, so every window of it opens the same ones; None
# in the demo and tests that start without deployment settings (the entry is then disabled).
_desk_settings: Settings | None = None


def provide(settings: Settings | None) -> None:
    global _desk_settings
    _desk_settings = settings


def desk_settings() -> Settings | None:
    return _desk_settings


def open_settings(parent: QWidget, settings: Settings | None = None) -> QWidget | None:
    """Open the dialog over `parent` (window-modal, so calls keep running); returns it."""
    from desktop.settings.dialog import SettingsDialog
    from desktop.settings.i18n import install_setup_translator

    chosen = settings or _desk_settings
    app = QApplication.instance()
    if chosen is None or not isinstance(app, QApplication):
        return None
    # The dialog's words live in the setup catalogue, which a running desk does not load.
    translator = install_setup_translator(app, chosen.text("locale"))
    dialog = SettingsDialog(chosen, parent)
    if translator is not None:
        dialog.finished.connect(lambda _code: app.removeTranslator(translator))
    dialog.setObjectName("settingsDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview_in_dialog(dialog, app)

    def saved() -> None:
        # Previewing already showed the agent's choice; a locked or unchanged theme is re-read
        # from the settings so what is shown is what is stored.
        if notifier().choice != chosen.text("theme"):
            apply_theme(app, chosen.text("theme"))

    dialog.accepted.connect(saved)
    dialog.open()
    return dialog


def run_settings_dialog(settings: Settings) -> int:
    from desktop.settings.dialog import SettingsDialog
    from desktop.settings.i18n import setup_session

    with setup_session(settings.text("locale")):
        return 0 if SettingsDialog(settings).exec() else 1
