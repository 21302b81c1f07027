"""A joined supervisor and the rest of the call: hold, and the call's recording (by FFT).

Three real phones on loopback as in test_monitor_audio.py: the customer (child process, tone
A 500 Hz), the agent (the Phone here, tone B 900 Hz) and the supervisor (child process, tone
C 1650 Hz). A held customer must hear nobody, a joined supervisor included, and hear both
again on resume. The agent's recording of the call (right channel: our side) carries the
supervisor exactly while the customer hears them: in join, never in listen or coach.
"""

from __future__ import annotations

import itertools
import json
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.integration.softphone.monitor_support import (
    CUSTOMER_HZ,
    RATE,
    SETTLE_S,
    SUPERVISOR_HZ,
    AgentDesk,
    Party,
    grant,
    misheard,
    stretch,
    tones,
)

pytestmark = pytest.mark.sip


@pytest.fixture
def desk() -> Iterator[AgentDesk]:
    agent = AgentDesk()
    yield agent
    agent.stop()


@pytest.fixture
def parties() -> Iterator[list[Party]]:
    started: list[Party] = []
    yield started
    for party in started:
        if party.process.poll() is None:
            party.process.kill()
        party.close()


def _call_with_supervisor(
    desk: AgentDesk, parties: list[Party], tmp_path: Path, mode: str
) -> tuple[Party, int, float, Party, int]:
    """The customer's call up at the agent, the supervisor on it in `mode`: (customer, its
    call id, its recording's start, supervisor, the monitor leg's id)."""
    customer = Party("customer", CUSTOMER_HZ, tmp_path)
    supervisor = Party("carmen", SUPERVISOR_HZ, tmp_path)
    parties += [customer, supervisor]
    customer.expect(desk, "READY ")
    supervisor.expect(desk, "READY ")
    agent_uri = desk.phone.contact_uri
    customer.send(f"CALL {agent_uri} h-7")
    customer_call = int(customer.expect(desk, "CALL "))
    customer_rec = float(customer.expect(desk, "REC ").split()[1])
    supervisor.send(f"MONITOR {agent_uri} {grant(mode, 'h-7')}")
    monitor_call = int(supervisor.expect(desk, "CALL "))
    assert desk.wait(lambda: desk.mode() == mode)
    assert json.loads(supervisor.expect(desk, "MONITOR "))["mode"] == mode
    return customer, customer_call, customer_rec, supervisor, monitor_call


def _change(desk: AgentDesk, supervisor: Party, monitor_call: int, mode: str) -> None:
    supervisor.send(f"CHANGE {monitor_call} {grant(mode, 'h-7')}")
    assert desk.wait(lambda: desk.mode() == mode)
    assert json.loads(supervisor.expect(desk, "MONITOR "))["mode"] == mode


def _end(desk: AgentDesk, customer: Party, customer_call: int, supervisor: Party) -> None:
    customer.send(f"HANGUP {customer_call}")
    assert desk.wait(lambda: not desk.phone.calls())
    assert desk.wait(lambda: bool(desk.monitors) and desk.monitors[-1].mode is None)
    customer.close()
    supervisor.close()


def test_a_held_customer_does_not_hear_a_joined_supervisor(
    desk: AgentDesk, parties: list[Party], tmp_path: Path
) -> None:
    customer, customer_call, customer_rec, supervisor, _ = _call_with_supervisor(
        desk, parties, tmp_path, "join"
    )
    agent_call = desk.incoming[0].call_id
    # The call's media took the first port pair of the configured range (PhoneConfig.rtp_port).
    assert desk.phone.local_rtp_port(agent_call) == desk.rtp_port
    marks: list[tuple[str, float, int]] = [("joined", time.monotonic(), len(desk.headset.heard))]
    desk.idle(1.5)
    desk.phone.set_hold(agent_call, True)
    assert desk.wait(lambda: desk.phone.calls()[0].on_hold)
    marks.append(("held", time.monotonic(), len(desk.headset.heard)))
    desk.idle(1.5)
    desk.phone.set_hold(agent_call, False)
    assert desk.wait(lambda: not desk.phone.calls()[0].on_hold)
    marks.append(("resumed", time.monotonic(), len(desk.headset.heard)))
    desk.idle(1.5)
    marks.append(("end", time.monotonic(), len(desk.headset.heard)))
    assert desk.mode() == "join"  # hold changes what is wired, not the granted mode
    _end(desk, customer, customer_call, supervisor)

    customer_heard = customer.heard(customer_call)
    agent_heard = np.frombuffer(b"".join(desk.headset.heard), dtype=np.int16)
    frame = len(desk.headset.heard[0]) // 2
    # The agent keeps talking with the supervisor while the customer waits on hold.
    expected = {"joined": ("BC", "AC"), "held": ("", "C"), "resumed": ("BC", "AC")}
    wrong: list[str] = []
    for (stage, start, first), (_, end, last) in itertools.pairwise(marks):
        cust, agent = expected[stage]
        heard = stretch(customer_heard, customer_rec, start + SETTLE_S, end)
        wrong += misheard("customer", stage, tones(heard), cust)
        part = agent_heard[(first + int(SETTLE_S * 50)) * frame : last * frame]
        levels = tones(part)
        levels.pop("A")  # the held customer's own stream is theirs to send or not
        wrong += misheard("agent", stage, levels, agent.replace("A", ""))
    assert not wrong, "\n".join(wrong)


def test_the_recording_carries_the_supervisor_only_while_joined(
    desk: AgentDesk, parties: list[Party], tmp_path: Path
) -> None:
    customer, customer_call, _, supervisor, monitor_call = _call_with_supervisor(
        desk, parties, tmp_path, "listen"
    )
    agent_call = desk.incoming[0].call_id
    wav = tmp_path / "agent-recording.wav"
    rec_start = time.monotonic()
    desk.phone.start_recording(agent_call, wav)
    marks: list[tuple[str, float]] = [("listen", rec_start)]
    for mode in ("coach", "join", "listen"):
        desk.idle(1.5)
        _change(desk, supervisor, monitor_call, mode)
        marks.append((mode, time.monotonic()))
    desk.idle(1.5)
    marks.append(("end", time.monotonic()))
    _end(desk, customer, customer_call, supervisor)

    with wave.open(str(wav)) as recording:
        assert (recording.getnchannels(), recording.getframerate()) == (2, RATE)
        raw = np.frombuffer(recording.readframes(recording.getnframes()), dtype=np.int16)
    left, right = raw.reshape(-1, 2)[:, 0].copy(), raw.reshape(-1, 2)[:, 1].copy()
    expected = {"listen": "B", "coach": "B", "join": "BC"}
    wrong: list[str] = []
    for (mode, start), (_, end) in itertools.pairwise(marks):
        begin = start + SETTLE_S
        wrong += misheard("left", mode, tones(stretch(left, rec_start, begin, end)), "A")
        wrong += misheard(
            "right", mode, tones(stretch(right, rec_start, begin, end)), expected[mode]
        )
    assert not wrong, "\n".join(wrong)
    sidecar = json.loads(wav.with_suffix(".wav.json").read_text())
    assert sidecar["complete"] is True
    [joined] = sidecar["supervisor_joined"]
    join_s, back_s = marks[2][1] - rec_start, marks[3][1] - rec_start
    assert abs(joined["start_s"] - join_s) < 0.5 and abs(joined["end_s"] - back_s) < 0.5
