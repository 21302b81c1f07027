"""Shared pieces of the softphone integration tests: free ports, sipp peers, bounded pumping.

Waits here are bounded loops on a condition, never timed assertions: a slow machine only makes
a test slower, and a test fails only if the condition never comes true within a generous bound.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from softphone import CallInfo, Phone

SCENARIOS = Path(__file__).parent / "scenarios"
PCAP_G711A = Path("/usr/share/sip-tester/g711a.pcap")


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pump_until(pump: Callable[[], None], condition: Callable[[], bool], timeout_s: float) -> bool:
    """Pump every ~5 ms until `condition()` holds (True) or `timeout_s` passes (False)."""
    deadline = time.monotonic() + timeout_s
    while True:
        pump()
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.005)


def port_of(uri: str) -> int:
    return int(uri.rsplit(":", 1)[1])


class Sipp:
    """One sipp process running one call of a scenario; its output goes to a file."""

    started: ClassVar[list[Sipp]] = []  # reaped after each test by conftest.py

    def __init__(self, scenario: str, args: Sequence[str], workdir: Path) -> None:
        self.output = workdir / f"sipp-{Path(scenario).stem}-{time.monotonic_ns()}.txt"
        cmd = ["sipp", "-sf", str(SCENARIOS / scenario), "-i", "127.0.0.1", "-mi", "127.0.0.1"]
        cmd += ["-mp", str(free_udp_port()), "-m", "1", "-nostdin"]
        cmd += ["-timeout", "25s", "-timeout_error", *args]
        with self.output.open("w") as sink:
            self.process = subprocess.Popen(
                cmd, cwd=workdir, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        Sipp.started.append(self)

    @classmethod
    def calling(cls, scenario: str, phone_uri: str, workdir: Path, *extra: str) -> Sipp:
        """sipp as the dialer's customer leg (UAC) calling the phone at `phone_uri`."""
        target = f"127.0.0.1:{port_of(phone_uri)}"
        args = [target, "-s", "agent", "-p", str(free_udp_port()), *extra]
        return cls(scenario, args, workdir)

    @classmethod
    def reap_all(cls) -> None:
        """Kill whatever sipp a failed test left running (and wait, so no zombie remains)."""
        while cls.started:
            sipp = cls.started.pop()
            if sipp.process.poll() is None:
                sipp.process.kill()
            sipp.process.wait()

    def running(self) -> bool:
        return self.process.poll() is None

    def finish(self, timeout_s: float = 30.0) -> tuple[int, str]:
        """Wait for sipp to end; its exit code (0 = every call succeeded) and its output."""
        try:
            code = self.process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        return code, self.output.read_text(errors="replace")


class AnsweringListener:
    """Records what the phone reports and answers when the caller asks for auto-answer now."""

    def __init__(self) -> None:
        self.phone: Phone | None = None
        self.incoming: list[CallInfo] = []
        self.changes: list[CallInfo] = []
        self.rtp_ports: list[int] = []  # local RTP ports of calls that came up

    def on_incoming(self, call: CallInfo) -> None:
        self.incoming.append(call)
        if call.answer_after_s == 0 and self.phone is not None:
            self.phone.answer(call.call_id)

    def on_call_changed(self, call: CallInfo) -> None:
        self.changes.append(call)
        if call.state == "confirmed" and self.phone is not None:
            rtp = self.phone.local_rtp_port(call.call_id)
            if rtp is not None:
                self.rtp_ports.append(rtp)

    def last(self, call_id: int) -> CallInfo | None:
        for info in reversed(self.changes):
            if info.call_id == call_id:
                return info
        return None


class HeadsetStandIn:
    """Plays the part of the OS audio device on a Phone without AudioPrefs: a thread feeds a
    sine into the headset port's microphone ring and drains its speaker ring, as PortAudio's
    callbacks do (the PortAudio path itself is covered by test_audio_bridge_pulse.py)."""

    def __init__(self, phone: Phone, tone_hz: float, rate: int = 16_000) -> None:
        import threading

        import numpy as np

        headset = phone._headset  # the rings PortAudio would feed and drain
        self._mic = headset.mic
        self._speaker = headset.speaker
        t = np.arange(rate) / rate  # one second, an integer number of cycles for whole Hz
        self._tone = (0.3 * 32767 * np.sin(2 * np.pi * tone_hz * t)).astype(np.int16).tobytes()
        self._frame = self._mic.frame_bytes
        # One ring frame of 16-bit mono at the headset's rate: what PortAudio would feed.
        self._frame_s = self._frame / 2 / rate
        self.heard: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> HeadsetStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)

    def heard_since(self, index: int) -> bytes:
        return b"".join(self.heard[index:])

    def _run(self) -> None:
        position = 0
        next_tick = time.monotonic()
        while not self._stop.is_set():
            chunk = self._tone[position : position + self._frame]
            position = (position + self._frame) % len(self._tone)
            self._mic.push(chunk)
            self.heard.append(self._speaker.pop())
            next_tick += self._frame_s
            time.sleep(max(0.0, next_tick - time.monotonic()))
