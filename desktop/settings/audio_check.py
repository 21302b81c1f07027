"""The wizard's audio checks: a short test tone on the chosen output, a microphone level.

Devices are chosen by name (`softphone.audio.devices`); on Linux a PulseAudio device is reached
through ALSA's "pulse" device with PULSE_SINK/PULSE_SOURCE naming it, as the softphone does.
Both calls block for under a second and are meant for the executor. They must never raise:
a missing device or audio system becomes an `AudioCheck` with a reason.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import numpy as np

from softphone.audio.devices import AudioDevice, list_devices, uses_pulse

log = logging.getLogger("acuerdo.settings")

RATE = 16_000
TONE_HZ = 440.0


@dataclass(frozen=True)
class AudioCheck:
    ok: bool
    level: float = 0.0  # microphone peak 0..1
    reason: str = ""


def devices() -> tuple[list[AudioDevice], list[AudioDevice]]:
    """(inputs, outputs) by name; empty lists when there is no audio system."""
    found = list_devices()
    return [d for d in found if d.is_input], [d for d in found if d.is_output]


def _device_arg(name: str, env: str) -> str | None:
    if not name:
        return None
    if uses_pulse():
        os.environ[env] = name
        return "pulse"
    return name


def play_test_tone(output: str, seconds: float = 0.6) -> AudioCheck:
    try:
        import sounddevice as sd

        t = np.arange(int(RATE * seconds)) / RATE
        tone = (0.2 * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float32)
        sd.play(tone, RATE, device=_device_arg(output, "PULSE_SINK"), blocking=True)
    except Exception as exc:  # PortAudioError, OSError, ValueError: no device
        log.info("test tone failed: %s", type(exc).__name__)
        return AudioCheck(False, reason=str(exc) or type(exc).__name__)
    return AudioCheck(True)


def measure_mic_level(device: str, seconds: float = 0.5) -> AudioCheck:
    try:
        import sounddevice as sd

        frames = sd.rec(
            int(RATE * seconds),
            samplerate=RATE,
            channels=1,
            dtype="float32",
            device=_device_arg(device, "PULSE_SOURCE"),
            blocking=True,
        )
    except Exception as exc:  # PortAudioError, OSError, ValueError: no device
        log.info("microphone check failed: %s", type(exc).__name__)
        return AudioCheck(False, reason=str(exc) or type(exc).__name__)
    return AudioCheck(True, level=float(np.abs(frames).max()) if frames.size else 0.0)
