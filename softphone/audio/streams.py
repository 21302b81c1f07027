"""The OS side of the headset: PortAudio streams feeding and draining the bridge's rings.

`DeviceStreams` opens one input and one output stream on the chosen headset (by name), plays
ring and call-waiting tones (the ringer may be another device), reports levels, applies volume,
cancels the speaker's echo in the mic (reference.py) and moves to other devices on request
(`set_devices`, during a call). PortAudio runs in 10 ms blocks (its ALSA-pulse buffer is two
blocks, so 20 ms per stream; 5 ms blocks underran under CI's own load and the echo canceller
lost its alignment); the rings carry the bridge's 20 ms frames. `check()` runs
on the pumping thread: a stream whose device vanished (its callback went quiet) is reopened on
the fallback device, and the chosen device is taken back as soon as it reappears, so a call
never drops for an unplugged headset. Stream callbacks only move frames
between rings and PortAudio buffers; they must never log, block or call pjsua2.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from softphone.audio.devices import list_devices, refresh_portaudio, uses_pulse
from softphone.audio.port import CLOCK_RATE, FRAME_BYTES
from softphone.audio.reference import MicEchoCanceller
from softphone.audio.ring import FrameRing
from softphone.model import AudioPrefs

log = logging.getLogger("acuerdo.softphone.audio")

# A live stream calls back every 10 ms; PulseAudio may pause one for ~1.5 s while it moves it
# to another sink, so only a longer silence means the device died under it.
_QUIET_S = 3.0
_RESCAN_S = 0.5  # how often the device list is read (pactl: a few ms) to follow hot-plug
BLOCK = CLOCK_RATE // 100  # PortAudio block: 10 ms


@dataclass(frozen=True)
class AudioLevels:
    """Peak levels 0.0 .. 1.0 of the last frame each way, and where audio goes now."""

    mic: float
    speaker: float
    input_device: str | None
    output_device: str | None
    on_fallback: bool


def peak_level(frame: bytes) -> float:
    samples = np.frombuffer(frame, dtype=np.int16)
    return float(np.abs(samples.astype(np.int32)).max()) / 32768.0 if samples.size else 0.0


def _there(name: str | None, present: set[str]) -> str | None:
    """The device if it exists now, else None (the system default)."""
    return name if name in present else None


class _Stream:
    """One PortAudio stream plus the watchdog stamp its callback writes."""

    def __init__(self, stream: Any, device: str | None) -> None:
        self.stream = stream
        self.device = device
        self.opened_at = time.monotonic()
        self.last_callback = self.opened_at

    def dead(self, now: float) -> bool:
        quiet = now - max(self.last_callback, self.opened_at)
        return quiet > _QUIET_S or not self.stream.active

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.stream.abort()
        with contextlib.suppress(Exception):
            self.stream.close()


class DeviceStreams:
    """The headset (mic + speaker) and ringer streams for one phone."""

    def __init__(self, prefs: AudioPrefs, mic: FrameRing, speaker: FrameRing) -> None:
        self.prefs = prefs
        self.mic_ring = mic
        self.speaker_ring = speaker
        self._in: _Stream | None = None
        self._out: _Stream | None = None
        self._ring: _Stream | None = None
        self._ringtone: np.ndarray | None = None
        self._pulse = False
        self._next_scan = 0.0
        self._tone: np.ndarray | None = None  # int16 samples mixed into the headset output
        self._tone_pos = 0
        self.mic_volume = prefs.mic_volume
        self.speaker_volume = prefs.speaker_volume
        self.fallbacks = 0  # how many times a stream moved to the fallback device
        # The canceller works on whole bridge frames: half the calls of 10 ms blocks, and a frame
        # waits for its last block before it can go to the bridge anyway.
        self.echo = MicEchoCanceller(FRAME_BYTES // 2, CLOCK_RATE, prefs.echo_cancel)
        self.mic_heard = bytes(2 * BLOCK)  # the last raw mic block, for the level meter

    # --- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Open the headset streams; a missing device falls back, it never raises."""
        refresh_portaudio()  # nothing is open yet: see devices plugged in since start-up
        self._pulse = uses_pulse()
        present = self._present()
        self._out = self._open_output(_there(self.prefs.headset_output, present))
        self._in = self._open_input(_there(self.prefs.headset_input, present))

    def stop(self) -> None:
        for stream in (self._in, self._out, self._ring):
            if stream is not None:
                stream.close()
        self._in = self._out = self._ring = None

    def set_devices(self, prefs: AudioPrefs) -> None:
        """Apply a new device choice now (mid-call too): only the streams whose device changed
        are reopened, so the call and the other direction carry on."""
        old, self.prefs = self.prefs, prefs
        self.echo.canceller.enabled = prefs.echo_cancel
        # Only devices that exist are opened: ALSA's pulse plugin can hang in start() on a
        # sink that is not there. A missing choice falls back like an unplugged headset.
        present, now = self._present(), time.monotonic()
        if prefs.headset_output != old.headset_output:
            self._out = self._follow(self._out, prefs.headset_output, present, now, "output")
        if prefs.headset_input != old.headset_input:
            self._in = self._follow(self._in, prefs.headset_input, present, now, "input")
        if (
            self._ring is not None
            and self._ringtone is not None
            and prefs.ringer_output != old.ringer_output
        ):
            self._ring.close()
            self._ring = self._open_ringer(self._ringtone)
        self._next_scan = 0.0  # let the watchdog judge the new devices at once

    def _present(self) -> set[str]:
        return {d.name for d in list_devices()}

    def check(self) -> None:
        """Watchdog, on the pumping thread: follow the chosen devices as they come and go.

        A chosen device missing from the device list moves its stream to the system default
        (the fallback) and back when it reappears; a stream whose callback went quiet (its
        device died under it) is reopened the same way."""
        now = time.monotonic()
        if now < self._next_scan:
            return
        self._next_scan = now + _RESCAN_S
        present = self._present()
        self._out = self._follow(self._out, self.prefs.headset_output, present, now, "output")
        self._in = self._follow(self._in, self.prefs.headset_input, present, now, "input")

    def _follow(
        self, current: _Stream | None, chosen: str | None, present: set[str], now: float, what: str
    ) -> _Stream | None:
        # Where the stream belongs now: the chosen device while it exists, else the default.
        target = chosen if chosen is None or chosen in present else None
        if current is not None and current.device == target and not current.dead(now):
            return current
        if current is not None:
            current.close()
        if target is None and chosen is not None:
            log.warning("headset %s gone; using the fallback device", what)
            self.fallbacks += 1
        elif current is not None and current.device != target:
            log.info("headset %s now on the chosen device", what)
        self.echo.restart()
        opener = self._open_output if what == "output" else self._open_input
        return opener(target, fallback=True)

    # --- controls --------------------------------------------------------------------------

    def levels(self) -> AudioLevels:
        return AudioLevels(
            mic=peak_level(self.mic_heard),  # before echo cancelling: is the mic alive?
            speaker=peak_level(self.speaker_ring.last),
            input_device=None if self._in is None else self._in.device,
            output_device=None if self._out is None else self._out.device,
            on_fallback=self._on_fallback(),
        )

    def play_tone(self, samples: np.ndarray | None) -> None:
        """Loop int16 mono samples into the headset output (call waiting); None stops it."""
        self._tone_pos = 0
        self._tone = samples

    def ring(self, samples: np.ndarray | None) -> None:
        """Loop a ringtone on the ringer device (the headset when none is set); None stops."""
        if self._ring is not None:
            self._ring.close()
            self._ring = None
        self._ringtone = samples
        if samples is None:
            return
        self._ring = self._open_ringer(samples)

    # --- internals -------------------------------------------------------------------------

    def _on_fallback(self) -> bool:
        prefs = self.prefs
        out_fb = prefs.headset_output is not None and (
            self._out is None or self._out.device != prefs.headset_output
        )
        in_fb = prefs.headset_input is not None and (
            self._in is None or self._in.device != prefs.headset_input
        )
        return out_fb or in_fb

    def _device_arg(self, name: str | None, env: str) -> str | int | None:
        if self._pulse:
            # ALSA's pulse plugin reads PULSE_SINK/PULSE_SOURCE when a stream connects.
            if name is None:
                os.environ.pop(env, None)
            else:
                os.environ[env] = name
            return "pulse"
        return name

    def _open_output(self, name: str | None, *, fallback: bool = True) -> _Stream | None:
        ring = self.speaker_ring
        reference = self.echo.reference
        pending = [b""]  # the rest of a bridge frame, played on the next block

        def fill(outdata: Any, frames: int) -> None:
            need = frames * 2
            buf = pending[0]
            while len(buf) < need:
                buf += ring.pop()
            chunk, pending[0] = buf[:need], buf[need:]
            data: np.ndarray = np.frombuffer(chunk, dtype=np.int16)
            tone = self._tone
            if tone is not None:
                data = data + self._tone_chunk(tone, frames)
            volume = self.speaker_volume
            if volume != 1.0:
                data = data * volume
            if data.dtype != np.int16:
                data = np.clip(data, -32768, 32767).astype(np.int16)
            reference.write(data)  # exactly what the speaker plays is what echoes back
            outdata[:] = data.tobytes()

        stream = self._open("output", "output", name, fill)
        if stream is None and fallback and name is not None:
            return self._open_output(None, fallback=False)
        return stream

    def _open_input(self, name: str | None, *, fallback: bool = True) -> _Stream | None:
        ring = self.mic_ring
        echo = self.echo
        pending = [b""]  # part of a bridge frame waiting for the next block

        def fill(indata: Any, _frames: int) -> None:
            raw = self.mic_heard = bytes(indata)
            buf = pending[0] + raw
            if len(buf) >= FRAME_BYTES:
                frame = np.frombuffer(buf[:FRAME_BYTES], dtype=np.int16)
                data = echo.process(frame)
                volume = self.mic_volume
                if volume != 1.0:
                    data = np.clip(data * volume, -32768, 32767).astype(np.int16)
                ring.push(data.tobytes())
                buf = buf[FRAME_BYTES:]
            pending[0] = buf

        stream = self._open("input", "input", name, fill)
        if stream is None and fallback and name is not None:
            return self._open_input(None, fallback=False)
        return stream

    def _open_ringer(self, samples: np.ndarray) -> _Stream | None:
        position = [0]

        def fill(outdata: Any, frames: int) -> None:
            start = position[0]
            idx = (np.arange(frames) + start) % len(samples)
            position[0] = (start + frames) % len(samples)
            outdata[:] = samples[idx].astype(np.int16).tobytes()

        name = _there(self.prefs.ringer_output or self.prefs.headset_output, self._present())
        # The ringer keeps PortAudio's default latency: a ring has no one to keep waiting.
        return self._open("output", "ringer", name, fill, latency=None, blocksize=CLOCK_RATE // 50)

    def _open(
        self,
        direction: Literal["input", "output"],
        label: str,
        name: str | None,
        fill: Callable[[Any, int], None],
        *,
        latency: str | None = "low",
        blocksize: int = BLOCK,
    ) -> _Stream | None:
        """Open and start one PortAudio stream at the bridge's rate and frame size.

        ``fill`` runs on PortAudio's thread for every frame and must touch nothing but
        rings and numbers. A device that cannot be opened is logged and gives None.
        """
        import sounddevice as sd

        holder: list[_Stream] = []

        def callback(data: Any, frames: int, _time: Any, _status: Any) -> None:
            holder[0].last_callback = time.monotonic()  # the watchdog's sign of life
            fill(data, frames)

        factory = sd.RawInputStream if direction == "input" else sd.RawOutputStream
        env = "PULSE_SOURCE" if direction == "input" else "PULSE_SINK"
        options: dict[str, Any] = {"latency": latency} if latency is not None else {}
        try:
            stream = factory(
                samplerate=CLOCK_RATE,
                blocksize=blocksize,
                channels=1,
                dtype="int16",
                device=self._device_arg(name, env),
                callback=callback,
                **options,
            )
            holder.append(_Stream(stream, name))
            stream.start()
            holder[0].opened_at = time.monotonic()
            return holder[0]
        except Exception as exc:  # PortAudioError, ValueError: the device is not there
            # str(exc): a record holding the exception keeps its frames, and the bridge
            # port in them, alive after the endpoint is gone (pjmedia then aborts).
            log.warning("cannot open %s %s: %s", label, name or "(default)", str(exc))
            return None

    def _tone_chunk(self, tone: np.ndarray, frames: int) -> np.ndarray:
        idx = (np.arange(frames) + self._tone_pos) % len(tone)
        self._tone_pos = (self._tone_pos + frames) % len(tone)
        return tone[idx].astype(np.int32)
