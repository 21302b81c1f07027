"""Where the workspace keeps the agent's own preferences (shortcuts, audio devices, theme).

One QSettings store, in the platform's per-user config location (inside the test sandbox in
tests, since XDG paths point there). Machine policy and deployment settings are not here: they
belong to the installer's settings layer. This module must never store a secret.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "Acuerdo"
APPLICATION = "workspace"


def workspace_settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )
