"""The agent's audio device choice: read from and written to the layered user settings file.

Devices are stored by name (what `softphone.audio.list_devices` reports), never by index, since
indices change when a headset comes and goes; an empty value means the system default. The
user layer of the deployment settings (`desktop.settings`) is the one place the choice lives:
the call bar writes it there, the settings dialog edits it there, and sign-in reads it from
there (`desktop.settings.deployment.audio_prefs`), so a choice made mid-shift is the one the
next shift starts with. The speaker volume is a workspace preference (QSettings), not a device.
This module must never open an audio device itself nor create widgets.
"""

from __future__ import annotations

import logging
from typing import Literal

from PySide6.QtCore import QSettings

from desktop.settings.deployment import audio_prefs
from desktop.settings.layered import Settings, load_settings
from softphone.model import AudioPrefs

log = logging.getLogger("acuerdo.desktop")

GROUP = "audio"
DeviceRole = Literal["headset_output", "headset_input", "ringer_output"]
ROLES: tuple[DeviceRole, ...] = ("headset_output", "headset_input", "ringer_output")


def desk_settings() -> Settings:
    """The settings as they are on disk now (policy, the user file, environment overrides)."""
    return load_settings()


def load_audio_prefs(settings: Settings) -> AudioPrefs:
    """The stored device choice and echo-cancel flag (empty names: the system default)."""
    return audio_prefs(settings)


def chosen_device(settings: Settings, role: DeviceRole) -> str | None:
    return settings.text(role) or None


def save_device(settings: Settings, role: DeviceRole, name: str | None) -> None:
    """Record the choice in the user layer and write the file (raises SettingsFileError when
    the file belongs to a newer Acuerdo)."""
    if role not in ROLES:
        raise ValueError(f"unknown audio role {role!r}")
    settings.set_user(role, name or "")
    settings.save()
    log.info("audio device for %s changed", role)


def _volume(settings: QSettings, key: str) -> float:
    raw = settings.value(f"{GROUP}/{key}", 1.0)
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0
    return value if 0.0 <= value <= 2.0 else 1.0


def load_volume(settings: QSettings) -> float:
    return _volume(settings, "speaker_volume")


def save_volume(settings: QSettings, speaker: float) -> None:
    if not 0.0 <= speaker <= 2.0:
        raise ValueError("volume must be 0.0..2.0")
    settings.setValue(f"{GROUP}/speaker_volume", speaker)
