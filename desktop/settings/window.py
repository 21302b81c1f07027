"""`acuerdo settings`: the settings dialog on its own, for IT and for agents outside a shift.

It must never bypass `Settings` (the dialog already refuses locked keys and secrets).
"""

from __future__ import annotations

from desktop.settings.layered import Settings


def run_settings_dialog(settings: Settings) -> int:
    from desktop.settings.dialog import SettingsDialog
    from desktop.settings.i18n import setup_session

    with setup_session(settings.text("locale")):
        return 0 if SettingsDialog(settings).exec() else 1
