"""The conference-bridge port standing in for the headset inside pjsua2.

pjsua2 pulls a frame from `BridgePort` (the agent's microphone) and pushes one to it (what the
agent hears) every 20 ms on its media clock thread. Both callbacks only move bytes between the
frame and a `FrameRing`: they must never call other pjsua2 APIs, log, or take a lock, because
the media clock does not wait for Python.
"""

from __future__ import annotations

from collections import deque

import pjsua2 as pj

from softphone.audio.ring import FrameRing

CLOCK_RATE = 16_000  # pjsua's default conference-bridge rate
# The conference bridge's frame (`medConfig.audioFramePtime`, set from this in endpoint.py).
# 10 ms takes another ~24 ms off the mic side and ~15 ms off the speaker side (measured), and
# the softphone suite passes with it once the tests' HeadsetStandIn ticks once per ring frame
# instead of every 20 ms; it stays 20 until that lands (softphone/README.md, Audio).
FRAME_MS = 20
SAMPLES_PER_FRAME = CLOCK_RATE * FRAME_MS // 1000
FRAME_BYTES = SAMPLES_PER_FRAME * 2  # mono, 16-bit


class BridgePort(pj.AudioMediaPort):  # type: ignore[misc]
    """Microphone frames go from `mic` into the bridge; bridge frames go to `speaker`."""

    # Class-level stand-ins for a half-released port: Python drops an instance's attributes
    # before the C++ side leaves the bridge, so a frame callback landing in between finds
    # these (None) and does nothing instead of raising on the media thread. The endpoint
    # stops the media clock before ports are released; this is the second line of defence.
    mic: FrameRing | None = None
    speaker: FrameRing | None = None
    taps: tuple[deque[bytes], ...] = ()

    def __init__(self, mic: FrameRing, speaker: FrameRing) -> None:
        super().__init__()
        self.mic = mic
        self.speaker = speaker
        # Recordings' agent-side queues; replaced (never mutated) so the media thread can
        # iterate the old tuple safely while the GUI thread swaps in a new one.
        self.taps = ()

    def create(self, name: str = "headset") -> None:
        fmt = pj.MediaFormatAudio()
        fmt.type = pj.PJMEDIA_TYPE_AUDIO
        fmt.clockRate = CLOCK_RATE
        fmt.channelCount = 1
        fmt.bitsPerSample = 16
        fmt.frameTimeUsec = FRAME_MS * 1000
        self.createPort(name, fmt)

    def onFrameRequested(self, frame: pj.MediaFrame) -> None:
        # No @guarded here: nothing below can raise short of MemoryError, and a decorator
        # call per frame is measurable on the media clock.
        mic = self.mic
        if mic is None:  # half released: give the bridge no frame
            frame.type = pj.PJMEDIA_FRAME_TYPE_NONE
            return
        frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        data = mic.pop()
        for tap in self.taps:
            tap.append(data)
        frame.buf = pj.ByteVector(data)

    def onFrameReceived(self, frame: pj.MediaFrame) -> None:
        speaker = self.speaker
        if speaker is not None and frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO:
            speaker.push(bytes(frame.buf))
