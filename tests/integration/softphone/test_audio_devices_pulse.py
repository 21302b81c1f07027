"""Choosing another headset during a call moves the audio at once and keeps the call up.

PulseAudio null sinks stand in for two headsets (`headset`, `headset2`) and two microphones
(the monitors of `mic` and `mic2`, each fed its own tone). sipp calls the phone and echoes
every RTP packet, so what the chosen mic picks up comes back out of the chosen speaker, where
parec records it and an FFT names the tone. The echo canceller is off: sipp's echo makes the
far end a copy of the agent's own tone (see test_audio_echo_pulse.py for the canceller).
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone import Phone, PhoneConfig
from softphone.model import AudioPrefs
from tests.integration.softphone.pulse import (
    PulseServer,
    available,
    dominant_frequency,
    pulse_session,
    rms,
)
from tests.integration.softphone.support import AnsweringListener, Sipp, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
    pytest.mark.skipif(not available(), reason="pulseaudio/pactl/parec not installed"),
]

FIRST_HZ, SECOND_HZ = 700.0, 1100.0


@pytest.fixture
def pulse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PulseServer]:
    with pulse_session(tmp_path / "pulse-runtime", monkeypatch, ("headset2", "mic2")) as server:
        yield server


def _record(agent: Phone, pulse: PulseServer, sink: str, path: Path) -> tuple[float, float]:
    """(dominant Hz, RMS) of 2 s of what `sink` plays, pumping the phone meanwhile."""
    result: list[tuple[float, float]] = []

    def capture() -> None:
        samples = pulse.capture(sink, 2.0, path)[3200:]
        result.append((dominant_frequency(samples)[0], rms(samples)))

    worker = threading.Thread(target=capture)
    worker.start()
    pump_until(agent.pump, lambda: not worker.is_alive(), 10)
    worker.join()
    return result[0]


def test_a_new_headset_chosen_mid_call_takes_the_audio_and_the_call_stays_up(
    pulse: PulseServer, tmp_path: Path
) -> None:
    pytest.importorskip("sounddevice")
    pulse.play_tone("mic", FIRST_HZ)
    pulse.play_tone("mic2", SECOND_HZ)
    listener = AnsweringListener()
    first = AudioPrefs(headset_output="headset", headset_input="mic.monitor", echo_cancel=False)
    agent = Phone(PhoneConfig(audio=first), listener)
    listener.phone = agent
    agent.start()
    try:
        Sipp.calling(
            "uac_echo.xml", agent.contact_uri, tmp_path, "-rtp_echo", "-key", "handoff",
            "h-switch", "-d", "20000",
        )  # fmt: skip

        def echoing() -> bool:
            info = agent.call(listener.incoming[0].call_id) if listener.incoming else None
            return info is not None and info.state == "confirmed" and info.rx_rtp_packets > 20

        assert pump_until(agent.pump, echoing, 10), "the echo call never carried RTP"
        call_id = listener.incoming[0].call_id
        pump_until(agent.pump, lambda: False, 0.5)
        freq, level = _record(agent, pulse, "headset", tmp_path / "before.wav")
        assert abs(freq - FIRST_HZ) < 15 and level > 0.02, (freq, level)

        # The agent picks the other headset (speaker and mic) in the call bar's menu.
        second = AudioPrefs(
            headset_output="headset2", headset_input="mic2.monitor", echo_cancel=False
        )
        agent.set_devices(second)
        levels = agent.audio_levels()
        assert levels.output_device == "headset2" and levels.input_device == "mic2.monitor"
        # Opening the new streams takes PulseAudio a moment more on a loaded CI box.
        pump_until(agent.pump, lambda: False, 1.5)
        freq, level = _record(agent, pulse, "headset2", tmp_path / "after.wav")
        assert abs(freq - SECOND_HZ) < 15 and level > 0.02, (freq, level)
        _, old_level = _record(agent, pulse, "headset", tmp_path / "old.wav")
        assert old_level < 0.002, old_level  # nothing plays on the headset put down

        # Only the speaker moves back: the mic stays on the second headset.
        agent.set_devices(
            AudioPrefs(headset_output="headset", headset_input="mic2.monitor", echo_cancel=False)
        )
        pump_until(agent.pump, lambda: False, 0.5)
        freq, level = _record(agent, pulse, "headset", tmp_path / "back.wav")
        assert abs(freq - SECOND_HZ) < 15 and level > 0.02, (freq, level)
        info = agent.call(call_id)
        assert info is not None and info.state == "confirmed"
        assert not agent.audio_levels().on_fallback
    finally:
        agent.stop()


def test_choosing_a_device_that_is_not_there_falls_back_and_never_raises(
    pulse: PulseServer,
) -> None:
    pytest.importorskip("sounddevice")
    agent = Phone(PhoneConfig(audio=AudioPrefs(headset_output="headset")), AnsweringListener())
    agent.start()
    try:
        agent.set_devices(AudioPrefs(headset_output="no-such-headset"))
        assert pump_until(agent.pump, lambda: agent.audio_levels().on_fallback, 5)
        assert agent.audio_levels().output_device is None  # the system default plays
        pulse.load_sink("no-such-headset")  # plugged in after all: it is taken up
        assert pump_until(agent.pump, lambda: not agent.audio_levels().on_fallback, 5)
        assert agent.audio_levels().output_device == "no-such-headset"
    finally:
        agent.stop()
