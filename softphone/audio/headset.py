"""The agent's headset as pjsua2 sees it: one bridge port, two rings and the OS streams.

`Headset` is created after the endpoint starts and released before it stops (a pjsua2 port
outliving `libDestroy()` aborts the process). Without `AudioPrefs` (tests, headless runs) the
port still runs, so calls are wired the same way, but its frames reach no device.
It must never raise out of `check()`: it runs on every pump.
"""

from __future__ import annotations

import logging
import wave
from pathlib import Path

import numpy as np

from softphone.audio.port import FRAME_BYTES, FRAME_MS, BridgePort
from softphone.audio.ring import FrameRing
from softphone.audio.streams import AudioLevels, DeviceStreams, peak_level
from softphone.model import AudioPrefs

log = logging.getLogger("acuerdo.softphone.audio")

SOUNDS = Path(__file__).resolve().parents[2] / "resources" / "audio"
# 80 ms of frames absorb scheduling jitter between the media clock and PortAudio's.
RING_DEPTH = 80 // FRAME_MS
RING_KEEP = 1  # frames left queued after each pop (see FrameRing): latency vs. clicks
RING_TRIM = 1000 // FRAME_MS  # pops (one second) a queue must stand before it is trimmed


def load_tone(path: Path) -> np.ndarray | None:
    """A 16 kHz mono 16-bit WAV as samples, or None (logged) if unreadable or another format."""
    try:
        with wave.open(str(path), "rb") as wav:
            if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) != (16000, 1, 2):
                log.warning("tone %s is not 16 kHz mono 16-bit; not used", path.name)
                return None
            return np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16).copy()
    except (OSError, wave.Error, EOFError) as exc:
        log.warning("cannot read tone %s: %s", path.name, exc)
        return None


class Headset:
    """Owns the BridgePort and, when prefs are given, the device streams behind it."""

    def __init__(self, prefs: AudioPrefs | None) -> None:
        self.prefs = prefs
        self.mic = FrameRing(FRAME_BYTES, RING_DEPTH, RING_KEEP, RING_TRIM)
        self.speaker = FrameRing(FRAME_BYTES, RING_DEPTH, RING_KEEP, RING_TRIM)
        self.port: BridgePort | None = None
        self.streams: DeviceStreams | None = None
        self._ringtone = load_tone(SOUNDS / "ringtone.wav")
        self._waiting_tone = load_tone(SOUNDS / "call_waiting.wav")
        self._ringing = False
        self._waiting = False

    def start(self) -> None:
        port = BridgePort(self.mic, self.speaker)
        port.create()
        self.port = port
        if self.prefs is not None:
            try:
                self.streams = DeviceStreams(self.prefs, self.mic, self.speaker)
                self.streams.start()
            except OSError as exc:  # PortAudio library missing: calls still work, silently
                log.warning("no OS audio: %s", str(exc))  # not exc: its frames hold `port`
                self.streams = None

    def set_devices(self, prefs: AudioPrefs) -> None:
        """Use these devices (and echo-cancel choice) from now on, calls up or not; a phone
        started without devices opens them now. Never raises for a missing device: it falls
        back like an unplugged headset does."""
        self.prefs = prefs
        if self.streams is not None:
            self.streams.set_devices(prefs)
            return
        if self.port is not None:
            try:
                self.streams = DeviceStreams(prefs, self.mic, self.speaker)
                self.streams.start()
            except OSError as exc:
                log.warning("no OS audio: %s", str(exc))
                self.streams = None

    def check(self) -> None:
        if self.streams is not None:
            try:
                self.streams.check()
            except Exception:
                log.exception("audio device watchdog failed")

    def alert(self, ringing: bool, waiting: bool) -> None:
        """Ringtone on the ringer while a call rings and none is up; a call-waiting tone in
        the headset while a second call rings during a call."""
        if self.streams is None:
            return
        if ringing != self._ringing:
            self._ringing = ringing
            self.streams.ring(self._ringtone if ringing else None)
        if waiting != self._waiting:
            self._waiting = waiting
            self.streams.play_tone(self._waiting_tone if waiting else None)

    def levels(self) -> AudioLevels:
        if self.streams is not None:
            return self.streams.levels()
        return AudioLevels(
            peak_level(self.mic.last), peak_level(self.speaker.last), None, None, False
        )

    def set_volume(self, speaker: float | None = None, mic: float | None = None) -> None:
        for value in (speaker, mic):
            if value is not None and not 0.0 <= value <= 2.0:
                raise ValueError("volume must be 0.0..2.0")
        if self.streams is not None:
            if speaker is not None:
                self.streams.speaker_volume = speaker
            if mic is not None:
                self.streams.mic_volume = mic

    def release(self) -> None:
        """Close the streams and drop the port; call before the endpoint is destroyed."""
        if self.streams is not None:
            self.streams.stop()
            self.streams = None
        port, self.port = self.port, None
        if port is not None:
            # Unhook the rings while the object is whole: a frame callback that still lands
            # (the clock should be stopped by now) finds None and does nothing.
            port.mic = port.speaker = None
            port.taps = ()
