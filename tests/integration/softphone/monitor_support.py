"""Pieces of the monitor tests and bench: the agent's desk, party processes, grants, and the
audio measures (how loud one tone is in a stretch of a recording, and dropouts in it).

The agent's Phone runs in the calling process (its listener's `on_monitor` is what the
desktop sees); the customer and the supervisor are Phones in child processes
(monitor_party_process.py) whose stdout is read by a thread, so waiting on them never stops
the agent's pump. Waits are bounded loops on a condition, never timed assertions.
"""

from __future__ import annotations

import datetime as dt
import queue
import random
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import numpy as np

from softphone import CallInfo, Phone, PhoneConfig
from softphone.model import MonitorInfo
from sync.hub.grants import GrantClaims, agent_grant_key, sign_grant, verify_grant
from tests.integration.softphone.support import HeadsetStandIn, pump_until

ROOT = Path(__file__).resolve().parents[3]
SECRET = b"acuerdo-test-hub-secret"
CUSTOMER_HZ, AGENT_HZ, SUPERVISOR_HZ = 500, 900, 1650
RATE = 16_000  # recordings and the headset port run at the bridge's clock rate
HEARD = 0.02  # a tone at 0.3 of full scale arrives well above this, even mixed
SILENT = 0.003  # leakage of a tone nobody routed stays below this
SETTLE_S = 0.4  # skip the start of each stretch: jitter buffers refill after a rewire


def private_rtp_port() -> int:
    """A random media base port for one test Phone (PhoneConfig.rtp_port).

    Other test runs on the same machine allocate from pjsua's 4000 too; a port one of them
    just released may still receive its peer's RTP, and pjmedia latches on to that sender, so
    streams would cross between unrelated tests. Each phone counts up from its own base."""
    return random.randrange(20_000, 40_000, 2)


def grant(
    mode: str,
    handoff_id: str,
    agent: str = "ana",
    key_of: str | None = None,
    supervisor: str = "Carmen",
    ttl_s: int = 60,
    notify_agent: bool = False,
) -> str:
    """A grant as the hub signs it: with `key_of`'s agent key (default: the named agent's)."""
    claims = GrantClaims(
        agent=agent,
        supervisor=supervisor,
        handoff_id=handoff_id,
        mode=mode,
        sip_uri=None,
        expires_at=int(time.time()) + ttl_s,
        notify_agent=notify_agent,
    )
    return sign_grant(claims, agent_grant_key(SECRET, key_of or agent))


class AgentDesk:
    """The agent's Phone (user "ana", tone B in its microphone); answers every call."""

    def __init__(self, with_key: bool = True) -> None:
        self.monitors: list[MonitorInfo] = []
        self.incoming: list[CallInfo] = []
        self.rtp_port = private_rtp_port()
        self.phone = Phone(PhoneConfig(user="ana", rtp_port=self.rtp_port), self)
        self.phone.start()
        if with_key:
            self.phone.set_grant_key(agent_grant_key(SECRET, "ana"), verify_grant)
        self.headset = HeadsetStandIn(self.phone, AGENT_HZ).start()

    def on_incoming(self, call: CallInfo) -> None:
        self.incoming.append(call)
        self.phone.answer(call.call_id)

    def on_call_changed(self, call: CallInfo) -> None:
        pass

    def on_monitor(self, info: MonitorInfo) -> None:
        self.monitors.append(info)

    def mode(self) -> str | None:
        return self.monitors[-1].mode if self.monitors else None

    def wait(self, condition: object, timeout_s: float = 10.0) -> bool:
        return pump_until(self.phone.pump, condition, timeout_s)  # type: ignore[arg-type]

    def idle(self, seconds: float) -> None:
        pump_until(self.phone.pump, lambda: False, seconds)

    def stop(self) -> None:
        self.headset.stop()
        self.phone.stop()


class Party:
    """A customer or supervisor Phone in a child process, talking `tone_hz`."""

    def __init__(self, user: str, tone_hz: int, record: Path) -> None:
        command = [sys.executable, "-m", "tests.integration.softphone.monitor_party_process"]
        command += ["--user", user, "--tone", str(tone_hz), "--record", str(record)]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.record = record
        self.user = user
        self.uri = ""

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def has(self, prefix: str) -> str | None:
        """The first line seen so far starting with `prefix` (and consume it), or None."""
        while True:
            try:
                self.seen.append(self.lines.get_nowait())
            except queue.Empty:
                break
        for index, line in enumerate(self.seen):
            if line.startswith(prefix):
                del self.seen[index]
                return line[len(prefix) :].strip()
        return None

    def expect(self, desk: AgentDesk, prefix: str, timeout_s: float = 10.0) -> str:
        found: list[str] = []

        def arrived() -> bool:
            line = self.has(prefix)
            if line is not None:
                found.append(line)
            return bool(found)

        if not desk.wait(arrived, timeout_s):
            raise AssertionError(f"{self.user}: no {prefix!r} line; saw {self.seen}")
        return found[0]

    def heard(self, call_id: int) -> np.ndarray:
        """What this party received on `call_id` (left channel of its recording)."""
        with wave.open(str(self.record / f"{self.user}-{call_id}.wav")) as wav:
            raw = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
        return raw.reshape(-1, 2)[:, 0].copy()

    def close(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def tone_level(samples: np.ndarray, freq: float, rate: int = RATE) -> float:
    """Amplitude (0..1 of full scale) of the sine at `freq` in `samples` (by FFT)."""
    if samples.size < rate // 10:
        raise ValueError("a stretch of at least 100 ms is needed")
    x = samples.astype(np.float64) / 32768.0
    window = np.hanning(x.size)
    spectrum = np.abs(np.fft.rfft(x * window)) * 2 / window.sum()
    freqs = np.fft.rfftfreq(x.size, 1 / rate)
    return float(spectrum[np.abs(freqs - freq) <= 20].max())


def tones(samples: np.ndarray) -> dict[str, float]:
    """Levels of the customer's (A), agent's (B) and supervisor's (C) tones in `samples`."""
    return {
        "A": tone_level(samples, CUSTOMER_HZ),
        "B": tone_level(samples, AGENT_HZ),
        "C": tone_level(samples, SUPERVISOR_HZ),
    }


def misheard(who: str, mode: str, levels: dict[str, float], hears: str) -> list[str]:
    """A complaint if `who` does not hear exactly the tones in `hears` (else nothing)."""
    wrong = [
        tone
        for tone, level in levels.items()
        if (level <= HEARD if tone in hears else level >= SILENT)
    ]
    rounded = {tone: round(level, 4) for tone, level in levels.items()}
    return [f"{who} in {mode} should hear {hears or 'nothing'}: {rounded}"] if wrong else []


def longest_dropout_ms(samples: np.ndarray, rate: int = RATE) -> float:
    """Longest stretch (ms) where a steady tone fell below a tenth of its usual level, read
    as the peak of every 2 ms (longer than one period of any tone used here)."""
    step = rate // 500
    blocks = np.abs(samples[: samples.size // step * step].astype(np.int32)).reshape(-1, step)
    peaks = blocks.max(axis=1)
    quiet = peaks < 0.1 * np.median(peaks)
    longest = run = 0
    for q in quiet:
        run = run + 1 if q else 0
        longest = max(longest, run)
    return longest * 1000 * step / rate


def stretch(samples: np.ndarray, rec_start: float, start: float, end: float) -> np.ndarray:
    """The part of a recording between two monotonic times (shared by every process)."""
    a = max(0, int((start - rec_start) * RATE))
    b = max(a, int((end - rec_start) * RATE))
    return samples[a:b]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
