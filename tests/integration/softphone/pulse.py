"""A private PulseAudio daemon with null sinks: real audio devices for the bridge, no hardware.

Sinks: `headset` (what the agent hears), `speakers` (the fallback, made the default) and `mic`
(whose monitor `mic.monitor` is the agent's microphone: a test plays a tone into the `mic` sink).
`capture()` records what a sink played, through its monitor, with `parec`. The daemon lives in
a temporary runtime dir and this process is pointed at it with PULSE_SERVER.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

RATE = 16_000


def available() -> bool:
    return all(shutil.which(b) for b in ("pulseaudio", "pactl", "parec", "pacat"))


class PulseServer:
    def __init__(self, runtime: Path) -> None:
        self.runtime = runtime
        self.env = dict(os.environ)
        self.env["XDG_RUNTIME_DIR"] = str(runtime)
        self.env["PULSE_RUNTIME_PATH"] = str(runtime / "pulse")
        self.env["HOME"] = str(runtime)
        self.server = f"unix:{runtime / 'pulse' / 'native'}"
        self.env["PULSE_SERVER"] = self.server
        self.modules: dict[str, int] = {}
        self._players: list[subprocess.Popen[bytes]] = []

    def start(self) -> None:
        subprocess.run(
            [
                "pulseaudio",
                "-D",
                "-n",
                "--exit-idle-time=-1",
                "--disallow-exit",
                "--load=module-native-protocol-unix",
                f"--log-target=file:{self.runtime}/pa.log",
            ],
            env=self.env,
            check=True,
            timeout=20,
        )
        for _ in range(100):
            if self.pactl("info").returncode == 0:
                break
            time.sleep(0.05)
        for sink in ("headset", "speakers", "mic"):
            self.load_sink(sink)
        self.pactl("set-default-sink", "speakers")
        self.pactl("set-default-source", "mic.monitor")

    def stop_tones(self) -> None:
        for player in self._players:
            player.kill()
            player.wait()
        self._players.clear()

    def stop(self) -> None:
        for player in self._players:
            player.kill()
            player.wait()
        subprocess.run(["pulseaudio", "--kill"], env=self.env, check=False, timeout=10)

    def pactl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, text=True, timeout=10, check=False
        )

    def load_sink(self, name: str) -> None:
        done = self.pactl(
            "load-module", "module-null-sink", f"sink_name={name}", f"rate={RATE}", "channels=1"
        )
        self.modules[name] = int(done.stdout.strip())

    def unload_sink(self, name: str) -> None:
        self.pactl("unload-module", str(self.modules.pop(name)))

    def play_tone(self, sink: str, freq: float, seconds: float = 30.0) -> subprocess.Popen[bytes]:
        """Play a sine into `sink` in the background (killed at stop)."""
        t = np.arange(int(RATE * seconds)) / RATE
        tone = (0.5 * 32767 * np.sin(2 * np.pi * freq * t)).astype(np.int16).tobytes()
        raw = self.runtime / f"tone-{freq:g}.raw"
        raw.write_bytes(tone)
        player = subprocess.Popen(
            [
                "pacat",
                "-p",
                "-d",
                sink,
                "--raw",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=20",
                str(raw),
            ],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._players.append(player)
        return player

    def capture(self, sink: str, seconds: float, path: Path) -> np.ndarray:
        """Record what `sink` plays for `seconds`; the samples (also saved as a WAV)."""
        recorder = subprocess.Popen(
            [
                "parec",
                "-d",
                f"{sink}.monitor",
                "--raw",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                # No --latency-msec: a 20 ms fragment request makes parec deliver nothing.
            ],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(seconds)
        recorder.terminate()
        raw, _ = recorder.communicate(timeout=5)
        samples = np.frombuffer(raw[: len(raw) // 2 * 2], dtype=np.int16)
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(RATE)
            wav.writeframes(samples.tobytes())
        return samples


@contextmanager
def pulse_session(
    runtime: Path, monkeypatch: pytest.MonkeyPatch, sinks: tuple[str, ...] = ()
) -> Iterator[PulseServer]:
    """A private PulseAudio daemon with these extra null sinks, this process pointed at it."""
    server = PulseServer(runtime)
    server.runtime.mkdir()
    server.start()
    for sink in sinks:
        server.load_sink(sink)
    for name in ("PULSE_SERVER", "XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH"):
        monkeypatch.setenv(name, server.env[name])
    try:
        yield server
    finally:
        server.stop()


def dominant_frequency(samples: np.ndarray, rate: int = RATE) -> tuple[float, float]:
    """(strongest frequency in Hz, RMS level 0..1) of a block of int16 samples."""
    if samples.size < rate // 10:
        return 0.0, 0.0
    x = samples.astype(np.float64) / 32768.0
    rms = float(np.sqrt(np.mean(x**2)))
    spectrum = np.abs(np.fft.rfft(x * np.hanning(x.size)))
    freqs = np.fft.rfftfreq(x.size, 1 / rate)
    return float(freqs[int(np.argmax(spectrum[1:])) + 1]), rms


def tone_share(samples: np.ndarray, freq: float, rate: int = RATE, width_hz: float = 25.0) -> float:
    """Share (0..1) of a block's spectral energy within `width_hz` of `freq`: several tones
    mixed together each hold a clear share, silence or noise holds almost none."""
    if samples.size < rate // 10:
        return 0.0
    x = samples.astype(np.float64) / 32768.0
    power = np.abs(np.fft.rfft(x * np.hanning(x.size))) ** 2
    freqs = np.fft.rfftfreq(x.size, 1 / rate)
    total = float(power[freqs > 50].sum())
    if total <= 0:
        return 0.0
    return float(power[np.abs(freqs - freq) <= width_hz].sum()) / total


def rms(samples: np.ndarray) -> float:
    if samples.size == 0:
        return 0.0
    return float(np.sqrt(np.mean((samples.astype(np.float64) / 32768.0) ** 2)))
