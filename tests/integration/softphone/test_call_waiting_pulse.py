"""Call waiting on real (null-sink) PulseAudio devices: a second INVITE during a call rings as
call waiting, i.e. the call-waiting tone (440 Hz, two 0.3 s beeps) in the headset and nothing
on the ringer, checked by FFT on each sink's monitor; the agent then holds the first call and
answers the second, and the tone stops.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from softphone import CallInfo, Phone, PhoneConfig
from softphone.model import AudioPrefs
from tests.integration.softphone.pulse import (
    RATE,
    PulseServer,
    available,
    pulse_session,
    rms,
    tone_share,
)
from tests.integration.softphone.support import Sipp, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
    pytest.mark.skipif(not available(), reason="pulseaudio/pactl/parec not installed"),
]

WAITING_HZ = 440.0  # resources/audio/call_waiting.wav


class FirstOnly:
    """Answers the first call by itself (the dialer's auto-answer); later ones only ring."""

    def __init__(self) -> None:
        self.phone: Phone | None = None
        self.incoming: list[CallInfo] = []

    def on_incoming(self, call: CallInfo) -> None:
        self.incoming.append(call)
        if len(self.incoming) == 1 and self.phone is not None:
            self.phone.answer(call.call_id)

    def on_call_changed(self, call: CallInfo) -> None:
        pass


@pytest.fixture
def pulse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PulseServer]:
    with pulse_session(tmp_path / "pulse-runtime", monkeypatch) as server:
        yield server


CAPTURE_S = 5.5


def _capture(agent: Phone, pulse: PulseServer, tmp_path: Path, tag: str) -> dict[str, np.ndarray]:
    """Record the headset and the ringer (speakers) at once, pumping meanwhile.

    The tone repeats every 4.2 s (two 0.3 s beeps 0.3 s apart, then silence); 5.5 s holds a whole
    beep-gap-beep whatever the phase the recorder starts at, so a busy machine cannot make the
    capture begin between the two beeps and miss the cadence."""
    heard: dict[str, np.ndarray] = {}

    def record(sink: str) -> None:
        heard[sink] = pulse.capture(sink, CAPTURE_S, tmp_path / f"{tag}-{sink}.wav")

    workers = [threading.Thread(target=record, args=(sink,)) for sink in ("headset", "speakers")]
    for worker in workers:
        worker.start()
    pump_until(agent.pump, lambda: not any(w.is_alive() for w in workers), 10)
    for worker in workers:
        worker.join()
    return heard


def _beeps(samples: np.ndarray) -> str:
    """One letter per 100 ms: B for the call-waiting tone, . for anything quieter."""
    step = RATE // 10
    return "".join(
        "B" if rms(b) > 0.01 and tone_share(b, WAITING_HZ) > 0.5 else "."
        for b in (samples[i : i + step] for i in range(0, samples.size - step + 1, step))
    )


def test_second_call_rings_as_call_waiting_and_is_answered_with_the_first_held(
    pulse: PulseServer, tmp_path: Path
) -> None:
    pytest.importorskip("sounddevice")
    listener = FirstOnly()
    prefs = AudioPrefs(
        headset_output="headset", headset_input="mic.monitor", ringer_output="speakers"
    )
    agent = Phone(PhoneConfig(audio=prefs), listener)
    listener.phone = agent
    agent.start()
    try:
        # The first call (sipp's hold scenario) takes the hold re-INVITE; the second rings.
        Sipp.calling(
            "uac_hold.xml", agent.contact_uri, tmp_path, "-d", "20000", "-key", "handoff", "h-first"
        )

        def first_up() -> bool:
            call = agent.call(listener.incoming[0].call_id) if listener.incoming else None
            return call is not None and call.state == "confirmed"

        assert pump_until(agent.pump, first_up, 10)
        first = listener.incoming[0].call_id

        args = ("-rtp_echo", "-d", "20000", "-key", "handoff", "h-second")
        Sipp.calling("uac_echo.xml", agent.contact_uri, tmp_path, *args)
        assert pump_until(agent.pump, lambda: len(listener.incoming) == 2, 10)
        second = listener.incoming[1].call_id
        assert getattr(agent.call(second), "state", "") == "ringing"

        waiting = _capture(agent, pulse, tmp_path, "waiting")
        beeps = _beeps(waiting["headset"])
        # A cadence: beep, short gap, beep, then mostly silence (100 ms windows whose edges may
        # straddle a beep; a loaded machine may smear a window or two, never make it continuous).
        assert re.search(r"B{2,4}\.{1,4}B{2,4}\.", beeps), beeps
        assert beeps.count("B") <= len(beeps) // 2, beeps
        assert rms(waiting["speakers"]) < 0.005, "the ringer rang during a call"

        agent.set_hold(first, True)
        agent.answer(second)

        def both() -> bool:
            held, answered = agent.call(first), agent.call(second)
            return bool(held and held.on_hold and answered and answered.state == "confirmed")

        assert pump_until(agent.pump, both, 10)
        after = _capture(agent, pulse, tmp_path, "answered")
        assert "B" not in _beeps(after["headset"]), _beeps(after["headset"])
        assert rms(after["speakers"]) < 0.005
    finally:
        agent.stop()
