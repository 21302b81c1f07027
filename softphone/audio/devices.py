"""The audio devices an agent can choose, by stable name.

On Windows and macOS PortAudio names every device itself. On Linux PortAudio reaches
PulseAudio/PipeWire only through ALSA's single "pulse" device, so the sinks and sources are
listed with `pactl` and a stream is pointed at one by `PULSE_SINK` / `PULSE_SOURCE` when it
opens (see streams.py). Names, not indices, identify a device: indices change on hot-plug.
It must never raise when no audio system is present; it lists nothing instead.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass
from typing import Literal

log = logging.getLogger("acuerdo.softphone.audio")

Backend = Literal["pulse", "portaudio"]


@dataclass(frozen=True)
class AudioDevice:
    """One input or output the agent can pick; `name` is what AudioPrefs stores."""

    name: str
    description: str
    is_input: bool
    is_output: bool
    backend: Backend


def pulse_available() -> bool:
    """Whether a PulseAudio-compatible server answers (PipeWire's pulse server counts)."""
    if shutil.which("pactl") is None:
        return False
    try:
        done = subprocess.run(["pactl", "info"], capture_output=True, timeout=2, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _pactl_short(kind: Literal["sinks", "sources"]) -> list[str]:
    try:
        done = subprocess.run(
            ["pactl", "list", "short", kind], capture_output=True, text=True, timeout=2, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode != 0:
        return []
    names = []
    for line in done.stdout.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and fields[1]:
            names.append(fields[1])
    return names


def pulse_devices() -> list[AudioDevice]:
    """Sinks (outputs) and sources (inputs) of the PulseAudio server, in server order."""
    out = [AudioDevice(n, n, False, True, "pulse") for n in _pactl_short("sinks")]
    for name in _pactl_short("sources"):
        # A monitor is what a sink plays; listed (virtual mics are built that way) but marked.
        label = f"{name} (monitor)" if name.endswith(".monitor") else name
        out.append(AudioDevice(name, label, True, False, "pulse"))
    return out


def refresh_portaudio() -> None:
    """Re-initialise PortAudio so it sees devices that appeared since it started.

    PortAudio enumerates devices once, when it initialises (sounddevice does that
    on import): a headset plugged in, or a sound server started, after that is
    invisible until it re-initialises. Re-initialising closes every stream, so
    call it only while this process has none open (when the phone's audio starts).
    """
    try:
        import sounddevice

        sounddevice._terminate()
        sounddevice._initialize()
    except Exception as exc:  # no PortAudio at all: the bridge reports it when opening
        log.warning("could not refresh the audio device list: %s", str(exc))


def portaudio_devices() -> list[AudioDevice]:
    try:
        import sounddevice
    except OSError:  # the PortAudio library itself is missing
        return []
    devices = []
    for raw in sounddevice.query_devices():
        name = str(raw["name"])
        devices.append(
            AudioDevice(
                name,
                name,
                int(raw["max_input_channels"]) > 0,
                int(raw["max_output_channels"]) > 0,
                "portaudio",
            )
        )
    return devices


def uses_pulse() -> bool:
    """True when devices are reached through ALSA's "pulse" plugin (Linux desktops)."""
    names = {d.name for d in portaudio_devices()}
    return "pulse" in names and pulse_available()


def list_devices() -> list[AudioDevice]:
    """Every device an agent can choose, inputs and outputs, by name."""
    if uses_pulse():
        return pulse_devices()
    return portaudio_devices()
