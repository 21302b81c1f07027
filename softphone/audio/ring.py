"""A bounded queue of fixed-size PCM frames shared by exactly one producer and one consumer.

The producer and consumer are callbacks on real-time threads (pjmedia's clock, PortAudio's
device thread), so the ring relies only on `collections.deque`'s atomic append/popleft under
the GIL: no lock, no allocation beyond the frame itself, no logging. When the producer runs
ahead, the oldest frame is dropped so latency stays bounded; when the consumer finds it empty it
gets silence. A standing queue is pure latency: when every pop of a whole window (`trim_after`
pops, about a second) left frames behind, the smallest of those leftovers is dropped, so clock
drift between the two sides and a burst that left a backlog cost latency only for a moment.
It must never block, and never grow past `depth` frames.
"""

from __future__ import annotations

import time
from collections import deque


class FrameRing:
    """Frames of `frame_bytes` bytes, at most `depth` of them queued."""

    def __init__(
        self, frame_bytes: int, depth: int = 4, keep: int | None = None, trim_after: int = 0
    ) -> None:
        if frame_bytes <= 0 or frame_bytes % 2:
            raise ValueError(f"frame_bytes must be a positive even number, got {frame_bytes}")
        if depth < 1:
            raise ValueError(f"depth must be at least 1, got {depth}")
        self.frame_bytes = frame_bytes
        self.silence = bytes(frame_bytes)
        self._frames: deque[bytes] = deque(maxlen=depth)
        # After a pop, at most `keep` frames stay queued: a producer that delivers in bursts
        # (PortAudio on PulseAudio) must not leave a standing queue that is pure latency.
        self._keep = depth if keep is None else max(0, min(keep, depth))
        # Plain attributes written by one thread, read by others: single stores are atomic.
        self.last: bytes = self.silence  # for level meters, read on the GUI thread
        self.pushed = 0
        self.popped = 0
        self.underruns = 0
        self.dropped = 0
        self.first_pop_at: float | None = None  # monotonic time the consumer got real audio
        self._trim_after = trim_after  # 0: no drift trimming
        self._window_pops = 0
        self._window_min = depth

    def push(self, frame: bytes) -> None:
        """Queue one frame (a short or long one is padded or cut: the wire is not trusted)."""
        if len(frame) != self.frame_bytes:
            frame = frame[: self.frame_bytes].ljust(self.frame_bytes, b"\0")
        self._frames.append(frame)  # deque(maxlen) drops the oldest when full
        self.pushed += 1

    def pop(self) -> bytes:
        """The oldest frame, or silence when the producer has nothing queued."""
        try:
            frame = self._frames.popleft()
        except IndexError:
            self.underruns += 1
            return self.silence
        while len(self._frames) > self._keep:
            try:
                self._frames.popleft()
                self.dropped += 1
            except IndexError:
                break
        if self._trim_after:
            self._trim()
        if self.first_pop_at is None:
            self.first_pop_at = time.monotonic()
        self.popped += 1
        self.last = frame
        return frame

    def _trim(self) -> None:
        left = len(self._frames)
        self._window_min = min(self._window_min, left)
        self._window_pops += 1
        if self._window_pops < self._trim_after:
            return
        for _ in range(self._window_min):
            try:
                self._frames.popleft()
                self.dropped += 1
            except IndexError:
                break
        self._window_pops = 0
        self._window_min = len(self._frames)

    def clear(self) -> None:
        self._frames.clear()

    def __len__(self) -> int:
        return len(self._frames)
