"""The agent's audio device choice and volumes, remembered between shifts in QSettings.

Devices are stored by name (what `softphone.audio.list_devices` reports), never by index, since
indices change when a headset comes and goes; an empty value means the system default. The
softphone opens its devices when it starts, so a new choice applies from the next sign-in.
This module must never open an audio device itself nor create widgets.
"""

from __future__ import annotations

import logging
from typing import Literal

from PySide6.QtCore import QSettings

from softphone.model import AudioPrefs

log = logging.getLogger("acuerdo.desktop")

GROUP = "audio"
DeviceRole = Literal["headset_output", "headset_input", "ringer_output"]
ROLES: tuple[DeviceRole, ...] = ("headset_output", "headset_input", "ringer_output")


def _text(settings: QSettings, key: str) -> str | None:
    value = settings.value(f"{GROUP}/{key}")
    return str(value) if value not in (None, "") else None


def _volume(settings: QSettings, key: str) -> float:
    raw = settings.value(f"{GROUP}/{key}", 1.0)
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0
    return value if 0.0 <= value <= 2.0 else 1.0


def load_audio_prefs(settings: QSettings) -> AudioPrefs:
    """The stored choice; anything unreadable falls back to the system default."""
    return AudioPrefs(
        headset_output=_text(settings, "headset_output"),
        headset_input=_text(settings, "headset_input"),
        ringer_output=_text(settings, "ringer_output"),
        speaker_volume=_volume(settings, "speaker_volume"),
        mic_volume=_volume(settings, "mic_volume"),
    )


def chosen_device(settings: QSettings, role: DeviceRole) -> str | None:
    return _text(settings, role)


def save_device(settings: QSettings, role: DeviceRole, name: str | None) -> None:
    if role not in ROLES:
        raise ValueError(f"unknown audio role {role!r}")
    settings.setValue(f"{GROUP}/{role}", name or "")
    log.info("audio device for %s changed (applies from the next sign-in)", role)


def save_volume(settings: QSettings, speaker: float) -> None:
    if not 0.0 <= speaker <= 2.0:
        raise ValueError("volume must be 0.0..2.0")
    settings.setValue(f"{GROUP}/speaker_volume", speaker)
