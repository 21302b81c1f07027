"""The echo canceller on real devices: the far end must not hear itself, and must hear us.

One PulseAudio null sink, `room`, is both the agent's speaker and (through its monitor) the
agent's microphone: a perfect, loud echo path with the device bridge's real buffering in it.
Bursts of a 700 Hz tone played into `room` are the agent talking (half a second on, half off,
as people do). The far end is a second Phone in a child process talking 1000 Hz without a
pause and recording what it hears. With the canceller off the far end hears its own 1000 Hz
back about as loud as it sent it; with it on, at least 20 dB less once converged (judged while
the agent is quiet), while the agent's bursts come through as strong as before (within 3 dB).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from softphone import Phone, PhoneConfig
from softphone.model import AudioPrefs
from tests.integration.softphone.peer_phone import PeerPhone
from tests.integration.softphone.pulse import RATE, PulseServer, available, pulse_session
from tests.integration.softphone.support import AnsweringListener, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(not available(), reason="pulseaudio/pactl/parec not installed"),
]

AGENT_HZ, FAR_HZ = 700.0, 1000.0
PHASE_S = 5.0  # each of: canceller off, canceller on


@pytest.fixture
def pulse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PulseServer]:
    with pulse_session(tmp_path / "pulse-runtime", monkeypatch, ("room",)) as server:
        yield server


def tone_db(samples: np.ndarray, freq: float) -> float:
    """Level (dBFS) of one tone in a block, by projection (other tones do not leak in)."""
    x = samples.astype(np.float64) / 32768.0
    probe = np.exp(-2j * np.pi * freq * np.arange(x.size) / RATE)
    return float(20 * np.log10(2 * abs(x @ probe) / x.size + 1e-12))


def play_bursts(pulse: PulseServer, path: Path, seconds: float = 20.0) -> None:
    t = np.arange(int(RATE * seconds)) / RATE
    talking = (t % 1.0) < 0.5
    voice = np.where(talking, 0.3 * np.sin(2 * np.pi * AGENT_HZ * t), 0.0)
    path.write_bytes((voice * 32767).astype(np.int16).tobytes())
    player = subprocess.Popen(
        ["pacat", "-p", "-d", "room", "--raw", "--format=s16le", f"--rate={RATE}",
         "--channels=1", "--latency-msec=20", str(path)],
        env=pulse.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    pulse._players.append(player)  # killed with the server


def levels(samples: np.ndarray) -> tuple[list[float], list[float], list[float]]:
    """Per 100 ms block: far-end echo level while the agent is quiet, and the agent's level
    while talking, and the echo level while talking (dBFS)."""
    quiet_echo, talk, talk_echo = [], [], []
    for start in range(0, samples.size - 1600, 1600):
        block = samples[start : start + 1600]
        agent = tone_db(block, AGENT_HZ)
        if agent < -40:
            quiet_echo.append(tone_db(block, FAR_HZ))
        elif agent > -25:
            talk.append(agent)
            talk_echo.append(tone_db(block, FAR_HZ))
    return quiet_echo, talk, talk_echo


def test_far_end_stops_hearing_itself_and_still_hears_the_agent(
    pulse: PulseServer, peers: list[PeerPhone], tmp_path: Path
) -> None:
    pytest.importorskip("sounddevice")
    peer = PeerPhone(tmp_path / "peer", "--tone", str(FAR_HZ))
    peers.append(peer)
    play_bursts(pulse, tmp_path / "agent.raw")
    prefs = AudioPrefs(headset_output="room", headset_input="room.monitor", echo_cancel=False)
    agent = Phone(PhoneConfig(user="ana", audio=prefs), AnsweringListener())
    agent.start()
    try:
        call_id = agent.make_call(peer.uri)
        assert pump_until(
            agent.pump, lambda: getattr(agent.call(call_id), "state", "") == "confirmed", 10
        )
        pump_until(agent.pump, lambda: False, PHASE_S)
        agent.set_devices(replace(prefs, echo_cancel=True))
        pump_until(agent.pump, lambda: False, PHASE_S)
        info = agent.call(call_id)
        assert info is not None and info.state == "confirmed"
        agent.hangup(call_id)
        assert pump_until(agent.pump, lambda: not agent.calls(), 10)
    finally:
        agent.stop()
    peer.ended()
    peer.finish()
    [heard] = peer.heard().values()
    # The recording starts when the far end answered; phases are judged well inside their span.
    off = levels(heard[int(1.5 * RATE) : int((PHASE_S - 0.3) * RATE)])
    on = levels(heard[int((PHASE_S + 2.0) * RATE) : int((2 * PHASE_S - 0.3) * RATE)])
    assert len(off[0]) >= 5 and len(on[0]) >= 5 and len(off[1]) >= 5 and len(on[1]) >= 5
    echo_off, echo_on = float(np.median(off[0])), float(np.median(on[0]))
    assert echo_off > -30, f"no echo to cancel: {echo_off:.1f} dBFS"  # the path is real
    assert echo_off - echo_on >= 20, f"echo {echo_off:.1f} -> {echo_on:.1f} dBFS"
    agent_off, agent_on = float(np.median(off[1])), float(np.median(on[1]))
    # The simulated paths (tests/unit/softphone/test_audio_echo.py) hold the agent within 3 dB
    # exactly; through a real sound server a block scheduled late costs the odd decibel more.
    assert abs(agent_on - agent_off) <= 4.5, f"agent {agent_off:.1f} -> {agent_on:.1f} dBFS"
