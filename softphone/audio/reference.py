"""What the speaker played, lined up with what the mic hears, for the echo canceller.

The output callback writes every block it hands PortAudio into `EchoReference`; the input
callback reads one block per mic frame, a fixed number of samples behind the newest written.
Both streams run off the audio server's sample clock, so counting samples keeps them in step
sample-exactly, with no timestamp jitter (PortAudio's DAC/ADC times on ALSA-pulse wander by a
few samples a second, measured, which is enough to smear a 1 kHz echo). An output underrun
shifts the real alignment once; the canceller's two-path filter re-learns that in well under a
second. Callers are PortAudio callbacks: nothing here logs, blocks or allocates beyond the
block it returns.
"""

from __future__ import annotations

import numpy as np

from softphone.audio.echo import EchoCanceller

LEAD_BLOCKS = 2  # the reader starts this many blocks behind the newest sample written
HISTORY_S = 1


class EchoReference:
    """A single-writer, single-reader history of the far-end signal as played."""

    def __init__(self, block: int, rate: int) -> None:
        self.block = block
        self.rate = rate
        self._buf = np.zeros(rate * HISTORY_S, dtype=np.float32)
        self.written = 0
        self._read: int | None = None
        self.realigned = 0  # how many times the reader (re)anchored (diagnostics, tests)

    def write(self, samples: np.ndarray) -> None:
        """Record int16 samples as they go to the speaker."""
        n = samples.size
        size = self._buf.size
        at = self.written % size
        head = min(n, size - at)
        self._buf[at : at + head] = samples[:head] / 32768.0
        if head < n:
            self._buf[: n - head] = samples[head:] / 32768.0
        self.written += n

    def read(self) -> np.ndarray:
        """The far-end block lined up with the mic frame being processed."""
        n, written = self.block, self.written
        if written == 0:  # the speaker has not started: anchor once it has
            return np.zeros(n, dtype=np.float32)
        if self._read is None:
            # As new as callback jitter allows: the echo of what plays now comes later, so the
            # filter sees it at a positive delay well inside its tail.
            self._read = max(0, written - LEAD_BLOCKS * n)
            self.realigned += 1
        start = self._read
        if start < written - self._buf.size + n:  # fell a whole history behind: catch up
            start = self._read = written - LEAD_BLOCKS * n
        if start < 0 or start + n > written:  # not played yet: nothing to cancel
            return np.zeros(n, dtype=np.float32)
        self._read = start + n
        at = start % self._buf.size
        if at + n <= self._buf.size:
            return self._buf[at : at + n].copy()
        return np.concatenate((self._buf[at:], self._buf[: at + n - self._buf.size]))

    def restart(self) -> None:
        """A stream was reopened: align again on the next read."""
        self._read = None


class MicEchoCanceller:
    """Glue for the input callback: int16 mic frame in, int16 frame with the echo removed."""

    def __init__(self, block: int, rate: int, enabled: bool) -> None:
        self.reference = EchoReference(block, rate)
        self.canceller = EchoCanceller(block, rate)
        self.canceller.enabled = enabled

    def restart(self) -> None:
        """New devices: a new echo path to learn and a new alignment to find."""
        self.reference.restart()
        self.canceller.reset()

    def process(self, mic: np.ndarray) -> np.ndarray:
        far = self.reference.read()
        if not self.canceller.enabled:
            return mic
        out = self.canceller.process(mic / 32768.0, far)
        return np.clip(out * 32768.0, -32768, 32767).astype(np.int16)
