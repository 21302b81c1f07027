"""Call features checked by ear (FFT) against baresip far ends we did not write.

Each baresip party talks its own sine and dumps what it hears. The agent's Phone runs with a
headset stand-in (a thread at the headset port's rings, where PortAudio would be) saying 700 Hz.
(Hold is checked against a second Phone in test_peer_phone.py: baresip 1.0 stops its dump at
the first re-INVITE.)
- blind transfer: after REFER the customer and the target hear each other's tones;
- conference: each of the two customers hears the other and the agent; the agent hears both;
- recording: the WAV holds both tones before and after a pause and silence during it, and the
  sidecar JSON marks the pause.
"""

from __future__ import annotations

import json
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from softphone import Phone, PhoneConfig
from tests.integration.softphone.baresip import Baresip, available
from tests.integration.softphone.pulse import rms, tone_share
from tests.integration.softphone.support import AnsweringListener, HeadsetStandIn, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(not available(), reason="baresip (baresip-core) not installed"),
]

AGENT_HZ = 700
CUSTOMER_HZ = 1000
TARGET_HZ = 1500
PEER_RATE = 8000  # baresip dumps at the codec's rate (G.711)


@pytest.fixture
def agent() -> Iterator[tuple[Phone, AnsweringListener, HeadsetStandIn]]:
    listener = AnsweringListener()
    phone = Phone(PhoneConfig(user="ana"), listener)
    listener.phone = phone
    phone.start()
    headset = HeadsetStandIn(phone, AGENT_HZ).start()
    try:
        yield phone, listener, headset
    finally:
        headset.stop()
        phone.stop()


@pytest.fixture
def parties(tmp_path: Path) -> Iterator[dict[str, Baresip]]:
    started = {
        "customer": Baresip(tmp_path, "customer", CUSTOMER_HZ),
        "target": Baresip(tmp_path, "target", TARGET_HZ),
    }
    try:
        for party in started.values():
            party.start()
        yield started
    finally:
        for party in started.values():
            party.stop()


def _talk(phone: Phone, uri: str) -> int:
    call_id = phone.make_call(uri)

    def flowing() -> bool:
        info = phone.call(call_id)
        return info is not None and info.state == "confirmed" and info.rx_rtp_packets > 10

    assert pump_until(phone.pump, flowing, 10), phone.call(call_id)
    return call_id


def _wait(phone: Phone, seconds: float) -> None:
    pump_until(phone.pump, lambda: False, seconds)


def _windows(samples: np.ndarray, rate: int, freq: float, ms: int = 100) -> str:
    """One letter per window: T = the tone is there, S = silence, ? = anything else."""
    size = rate * ms // 1000
    out = []
    for start in range(0, samples.size - size + 1, size):
        block = samples[start : start + size]
        if rms(block) < 0.002:
            out.append("S")
        elif tone_share(block, freq, rate) > 0.3:
            out.append("T")
        else:
            out.append("?")
    return "".join(out)


def _hangup_all(phone: Phone) -> None:
    for info in phone.calls():
        if info.state != "disconnected":
            phone.hangup(info.call_id)
    assert pump_until(phone.pump, lambda: not phone.calls(), 10)


def test_blind_transfer_connects_customer_and_target(
    agent: tuple[Phone, AnsweringListener, HeadsetStandIn], parties: dict[str, Baresip]
) -> None:
    phone, listener, _ = agent
    customer, target = parties["customer"], parties["target"]
    call_id = _talk(phone, customer.uri)
    _wait(phone, 1.2)  # the two calls' dump files are named by the second they start
    phone.transfer(call_id, target.uri)
    assert pump_until(phone.pump, lambda: phone.call(call_id) is None, 10), "leg kept"
    final = listener.last(call_id)
    assert final is not None and final.state == "disconnected"
    # The customer is now talking with the target, without us.
    pump_until(phone.pump, lambda: "Call established: sip:customer" in target.log_text(), 10)
    _wait(phone, 2.0)
    customer.stop()
    target.stop()

    target_heard = target.heard()
    assert target_heard, target.log_text()[-2000:]
    assert "TTTTTTTTTT" in _windows(target_heard[-1], PEER_RATE, CUSTOMER_HZ)
    customer_heard = customer.heard()
    assert len(customer_heard) == 2, customer.log_text()[-2000:]
    assert "TTTTTTTTTT" in _windows(customer_heard[-1], PEER_RATE, TARGET_HZ)


def test_local_conference_lets_every_party_hear_the_others(
    agent: tuple[Phone, AnsweringListener, HeadsetStandIn], parties: dict[str, Baresip]
) -> None:
    phone, _, headset = agent
    customer, target = parties["customer"], parties["target"]
    first = _talk(phone, customer.uri)
    second = _talk(phone, target.uri)
    phone.conference([first, second])
    assert all(info.conference for info in phone.calls())
    _wait(phone, 0.5)
    mark = len(headset.heard)
    _wait(phone, 2.0)
    agent_heard = np.frombuffer(headset.heard_since(mark), dtype=np.int16)
    _hangup_all(phone)
    customer.stop()
    target.stop()

    customer_heard = customer.heard()[-1][-PEER_RATE:]  # the last second of the call
    target_heard = target.heard()[-1][-PEER_RATE:]
    for heard, other in ((customer_heard, TARGET_HZ), (target_heard, CUSTOMER_HZ)):
        assert tone_share(heard, other, PEER_RATE) > 0.15, (other, tone_share(heard, other))
        assert tone_share(heard, AGENT_HZ, PEER_RATE) > 0.15
    for tone in (CUSTOMER_HZ, TARGET_HZ):
        assert tone_share(agent_heard, tone) > 0.15, (tone, tone_share(agent_heard, tone))


def test_recording_holds_both_sides_and_silence_while_paused(
    agent: tuple[Phone, AnsweringListener, HeadsetStandIn],
    parties: dict[str, Baresip],
    tmp_path: Path,
) -> None:
    phone, listener, _ = agent
    call_id = _talk(phone, parties["customer"].uri)
    wav_path = tmp_path / "rec" / "call.wav"
    phone.start_recording(call_id, wav_path)
    assert (phone.call(call_id) or _gone()).recording
    _wait(phone, 1.5)
    phone.pause_recording(call_id, by="ana")
    paused = phone.call(call_id)
    assert paused is not None and paused.recording_paused and listener.changes[-1].recording_paused
    _wait(phone, 1.5)
    phone.resume_recording(call_id, by="ana")
    assert not (phone.call(call_id) or _gone()).recording_paused
    _wait(phone, 1.5)
    _hangup_all(phone)  # the recording ends with the call

    meta = json.loads(wav_path.with_suffix(".wav.json").read_text())
    assert meta["complete"] and meta["channels"] == {"left": "customer", "right": "agent"}
    [pause] = meta["pauses"]
    assert pause["by"] == "ana" and pause["end_s"] - pause["start_s"] > 1.0
    with wave.open(str(wav_path)) as wav:
        assert wav.getnchannels() == 2 and wav.getframerate() == 16_000
        stereo = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16).reshape(-1, 2)
    rate = 16_000

    def part(start_s: float, end_s: float, channel: int) -> np.ndarray:
        return stereo[int(start_s * rate) : int(end_s * rate), channel]

    start, end = pause["start_s"], pause["end_s"]
    before, during, after = (0.5, start - 0.1), (start + 0.05, end - 0.05), (end + 0.2, end + 1.2)
    for channel, tone in ((0, CUSTOMER_HZ), (1, AGENT_HZ)):
        assert tone_share(part(*before, channel), tone) > 0.5, ("before", channel)
        assert rms(part(*during, channel)) == 0.0, ("during", channel)
        assert tone_share(part(*after, channel), tone) > 0.5, ("after", channel)


def _gone() -> object:
    raise AssertionError("the call vanished")
