"""Drive a far-end Phone in a child process (peer_phone_process.py) and read what it heard.

pjsua2 allows one Endpoint per process, so tests that need several real SIP parties start
extra Phones as children; each answers, talks a sine and records every call (the left channel
of `call<N>.wav` is exactly what that party heard in call N).
"""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np

from tests.integration.softphone.pulse import rms, tone_share

ROOT = Path(__file__).resolve().parents[3]


class PeerPhone:
    def __init__(self, record: Path, *args: str) -> None:
        self.record = record
        command = [sys.executable, "-m", "tests.integration.softphone.peer_phone_process"]
        self.process = subprocess.Popen(
            [*command, *args, "--record", str(record)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.uri = self._line("READY ")

    def _line(self, prefix: str) -> str:
        assert self.process.stdout is not None
        for line in self.process.stdout:  # the child bounds its own lifetime
            if line.startswith(prefix):
                return line[len(prefix) :].strip()
        raise AssertionError(f"peer exited ({self.process.wait()}) without {prefix!r}")

    def finish(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def ended(self) -> dict[str, object]:
        return dict(json.loads(self._line("ENDED ")))

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()

    def heard(self) -> dict[int, np.ndarray]:
        """What this party heard in each recorded call, by its call id (16 kHz samples)."""
        calls = {}
        for path in sorted(self.record.glob("call*.wav")):
            with wave.open(str(path)) as wav:
                frames = wav.readframes(wav.getnframes())
            stereo = np.frombuffer(frames, np.int16).reshape(-1, 2)
            calls[int(path.stem.removeprefix("call"))] = stereo[:, 0].copy()
        return calls


def tone_pattern(samples: np.ndarray, tone_hz: float) -> str:
    """One letter per 100 ms: S silence, T mostly `tone_hz`, ? anything else."""
    pattern = ""
    for start in range(0, samples.size - 1600, 1600):
        block = samples[start : start + 1600]
        if rms(block) < 0.002:
            pattern += "S"
        else:
            pattern += "T" if tone_share(block, tone_hz) > 0.3 else "?"
    return pattern
