"""Call recording to a stereo WAV (left: customer, right: our side) with pause for card data.

Stereo rather than a mix because quality review and speech analytics need to know who said
what, and a mix can always be made later from two channels but never split again; it costs
64 KB/s at 16 kHz. A `CallRecording` is a conference-bridge port fed by the call's audio (the
customer) that, on the same media tick, takes the frame the headset port gave the bridge (the
agent, through a tap on `BridgePort`); the media callback only queues the pair, blanked at once
while paused, and `drain()` on the pumping thread writes them. While paused, silence is written
so offsets stay true to the call's timeline, and each pause (start/end offsets in seconds, who
paused) goes to a sidecar JSON beside the WAV. A supervisor who joined the call is part of it:
while the customer hears them, their leg feeds a second port (`SupervisorFeed`) mixed into the
right channel, and the sidecar lists those stretches. It must never write audio captured during
a pause, never call pjsua2 from its frame callback, and never outlive the endpoint.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import wave
from collections import deque
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pjsua2 as pj

from softphone.audio.port import CLOCK_RATE, FRAME_BYTES, FRAME_MS

log = logging.getLogger("acuerdo.softphone")

_SILENCE = bytes(FRAME_BYTES)
# 10 s of audio waiting for the pump, whatever the bridge's frame; a stalled GUI loses the oldest.
_QUEUE_FRAMES = 10_000 // FRAME_MS


@dataclass
class RecordingPause:
    """One paused stretch of a recording, in seconds from the start of the file."""

    start_s: float
    end_s: float | None
    by: str


@dataclass
class SupervisorStretch:
    """A stretch where a joined supervisor was heard in the call (right channel)."""

    start_s: float
    end_s: float | None


class SupervisorFeed(pj.AudioMediaPort):  # type: ignore[misc]
    """Takes a joined supervisor's audio off the bridge for one recording (media thread)."""

    def __init__(self, recording: CallRecording) -> None:
        super().__init__()
        self._tap = recording.supervisor_tap

    def onFrameReceived(self, frame: pj.MediaFrame) -> None:
        if frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO:
            self._tap.append(bytes(frame.buf))


class CallRecording(pj.AudioMediaPort):  # type: ignore[misc]
    """Records one call; created by `Phone.start_recording`, finished when the call ends."""

    def __init__(self, path: Path, call_id: int, handoff_id: str | None) -> None:
        super().__init__()
        self.path = Path(path)
        self.sidecar = self.path.with_suffix(self.path.suffix + ".json")
        self.call_id = call_id
        self.handoff_id = handoff_id
        self.paused = False  # read by the media thread: a single attribute store is atomic
        self.agent_live = True  # False while our capture is not sent into the call (mute/hold)
        self.agent_tap: deque[bytes] = deque(maxlen=8)  # filled by BridgePort each tick
        # Filled by the SupervisorFeed on the same bridge tick; empty unless one is heard.
        self.supervisor_tap: deque[bytes] = deque(maxlen=4)
        self.supervisor: SupervisorFeed | None = None
        self.supervisor_stretches: list[SupervisorStretch] = []
        self._frames: deque[tuple[bytes, bytes]] = deque(maxlen=_QUEUE_FRAMES)
        self.captured = 0  # frames seen by the media thread (the recording's clock)
        self.pauses: list[RecordingPause] = []
        self._started_at = datetime.now(UTC).isoformat(timespec="seconds")
        self._wav: wave.Wave_write | None = None
        self.finished = False

    def open(self) -> None:
        """Create the WAV and the port; raises OSError if the file cannot be written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        wav = wave.open(str(self.path), "wb")  # noqa: SIM115 - open for the whole call
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(CLOCK_RATE)
        self._wav = wav
        fmt = pj.MediaFormatAudio()
        fmt.type = pj.PJMEDIA_TYPE_AUDIO
        fmt.clockRate = CLOCK_RATE
        fmt.channelCount = 1
        fmt.bitsPerSample = 16
        fmt.frameTimeUsec = FRAME_MS * 1000
        self.createPort(f"rec{self.call_id}", fmt)
        self._write_sidecar(complete=False)

    def onFrameReceived(self, frame: pj.MediaFrame) -> None:
        # Media clock thread: pair the customer's frame with this tick's agent frame.
        agent = _SILENCE
        with contextlib.suppress(IndexError):
            agent = self.agent_tap.popleft()
        supervisor = None
        with contextlib.suppress(IndexError):
            supervisor = self.supervisor_tap.popleft()
        if self.paused:
            self._frames.append((_SILENCE, _SILENCE))
        else:
            customer = bytes(frame.buf) if frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO else _SILENCE
            ours = agent if self.agent_live else _SILENCE
            if supervisor is not None and len(supervisor) == len(ours):
                ours = _mix(ours, supervisor)
            self._frames.append((customer, ours))
        self.captured += 1

    @property
    def offset_s(self) -> float:
        return round(self.captured * FRAME_MS / 1000, 3)

    def supervisor_feed(self) -> SupervisorFeed:
        """The port a joined supervisor's leg transmits into (created on first use)."""
        if self.supervisor is None:
            feed = SupervisorFeed(self)
            fmt = pj.MediaFormatAudio()
            fmt.type = pj.PJMEDIA_TYPE_AUDIO
            fmt.clockRate = CLOCK_RATE
            fmt.channelCount = 1
            fmt.bitsPerSample = 16
            fmt.frameTimeUsec = FRAME_MS * 1000
            feed.createPort(f"rec{self.call_id}sup", fmt)
            self.supervisor = feed
        return self.supervisor

    def supervisor_heard(self, heard: bool) -> None:
        """Note where a joined supervisor starts or stops being part of the call."""
        open_stretch = (
            bool(self.supervisor_stretches) and self.supervisor_stretches[-1].end_s is None
        )
        if heard and not open_stretch:
            self.supervisor_stretches.append(SupervisorStretch(self.offset_s, None))
        elif not heard and open_stretch:
            self.supervisor_stretches[-1].end_s = self.offset_s
            self.supervisor_tap.clear()
        else:
            return
        self._write_sidecar(complete=False)

    def pause(self, by: str) -> None:
        if self.paused:
            return
        self.paused = True
        self.pauses.append(RecordingPause(self.offset_s, None, by))
        self._write_sidecar(complete=False)

    def resume(self, by: str) -> None:
        if not self.paused:
            return
        self.pauses[-1].end_s = self.offset_s
        self.paused = False
        self._write_sidecar(complete=False)

    def drain(self) -> None:
        """Write queued frames (pumping thread)."""
        wav = self._wav
        if wav is None:
            return
        chunks: list[bytes] = []
        while True:
            try:
                customer, agent = self._frames.popleft()
            except IndexError:
                break
            chunks.append(_interleave(customer, agent))
        if chunks:
            try:
                wav.writeframesraw(b"".join(chunks))
            except OSError as exc:  # disk full: stop recording, keep the call
                log.error("recording of call %s stopped: %s", self.call_id, exc)
                self.finish()

    def finish(self) -> None:
        """Flush, close the WAV, mark open pauses ended and the sidecar complete. Idempotent."""
        if self.finished:
            return
        self.finished = True
        self.drain()
        if self.paused and self.pauses:
            self.pauses[-1].end_s = self.offset_s
        if self.supervisor_stretches and self.supervisor_stretches[-1].end_s is None:
            self.supervisor_stretches[-1].end_s = self.offset_s
        if self._wav is not None:
            with contextlib.suppress(OSError, wave.Error):
                self._wav.close()
            self._wav = None
        self._write_sidecar(complete=True)

    def _write_sidecar(self, complete: bool) -> None:
        meta = {
            "call_id": self.call_id,
            "handoff_id": self.handoff_id,
            "wav": self.path.name,
            "sample_rate": CLOCK_RATE,
            # The right channel is what our side says: the agent, and a supervisor who joined.
            "channels": {"left": "customer", "right": "agent"},
            "started_at": self._started_at,
            "duration_s": self.offset_s,
            "pauses": [asdict(p) for p in self.pauses],
            "supervisor_joined": [asdict(s) for s in self.supervisor_stretches],
            "complete": complete,
        }
        tmp = self.sidecar.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(meta, indent=2))
            os.replace(tmp, self.sidecar)
        except OSError as exc:
            log.error("cannot write recording metadata for call %s: %s", self.call_id, exc)


def _mix(a: bytes, b: bytes) -> bytes:
    """Two 16-bit frames summed, clipped rather than wrapped (a loud pair must not crackle)."""
    total = np.frombuffer(a, dtype=np.int16).astype(np.int32) + np.frombuffer(b, dtype=np.int16)
    return bytes(np.clip(total, -32768, 32767).astype(np.int16).tobytes())


def _interleave(left: bytes, right: bytes) -> bytes:
    out = bytearray(len(left) * 2)
    out[0::4] = left[0::2]
    out[1::4] = left[1::2]
    out[2::4] = right[0::2]
    out[3::4] = right[1::2]
    return bytes(out)
