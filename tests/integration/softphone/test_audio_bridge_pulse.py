"""The headset bridge against real (null-sink) PulseAudio devices, audio checked by tone.

A 700 Hz tone is played into the `mic` sink, whose monitor is the phone's microphone; sipp
answers... no: sipp calls the phone and echoes every RTP packet back (-rtp_echo), so the tone
travels mic -> bridge -> RTP -> sipp -> RTP -> bridge -> `headset` sink, where parec records it
and an FFT finds its frequency. Mute must make the headset silent; unloading the headset sink
mid-call must move the audio to the fallback (`speakers`) without dropping the call, and
loading it again must bring the audio back.

The echo canceller is off here: sipp's echo makes the far end a delayed copy of the agent's own
pure tone, which any canceller rightly learns to predict and remove (test_audio_echo_pulse.py
covers it with a far end that is not the agent).
"""

from __future__ import annotations

import shutil
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
)
from tests.integration.softphone.support import AnsweringListener, Sipp, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
    pytest.mark.skipif(not available(), reason="pulseaudio/pactl/parec not installed"),
]

TONE_HZ = 700.0


@pytest.fixture
def pulse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PulseServer]:
    with pulse_session(tmp_path / "pulse-runtime", monkeypatch) as server:
        yield server


@pytest.fixture
def phone(pulse: PulseServer) -> Iterator[tuple[Phone, AnsweringListener]]:
    pytest.importorskip("sounddevice")
    listener = AnsweringListener()
    prefs = AudioPrefs(headset_output="headset", headset_input="mic.monitor", echo_cancel=False)
    agent = Phone(PhoneConfig(audio=prefs), listener)
    listener.phone = agent
    agent.start()
    try:
        yield agent, listener
    finally:
        agent.stop()


def _echo_call(agent: Phone, listener: AnsweringListener, tmp_path: Path) -> int:
    Sipp.calling(
        "uac_echo.xml",
        agent.contact_uri,
        tmp_path,
        "-rtp_echo",
        "-key",
        "handoff",
        "h-echo",
        "-d",
        "20000",
    )

    def echoing() -> bool:
        if not listener.incoming:
            return False
        info = agent.call(listener.incoming[0].call_id)
        return info is not None and info.state == "confirmed" and info.rx_rtp_packets > 20

    assert pump_until(agent.pump, echoing, 10), "the echo call never carried RTP"
    return listener.incoming[0].call_id


def _hear(agent: Phone, pulse: PulseServer, sink: str, path: Path) -> tuple[float, float]:
    # Keep pumping while parec records: the watchdog and SIP both live on this thread.
    import threading

    result: list[tuple[float, float]] = []
    worker = threading.Thread(
        target=lambda: result.append(dominant_frequency(pulse.capture(sink, 2.5, path)[3200:]))
    )
    worker.start()
    pump_until(agent.pump, lambda: not worker.is_alive(), 10)
    worker.join()
    return result[0]


def test_tone_goes_round_trip_through_the_devices_and_mute_silences_it(
    phone: tuple[Phone, AnsweringListener], pulse: PulseServer, tmp_path: Path
) -> None:
    agent, listener = phone
    pulse.play_tone("mic", TONE_HZ)
    call_id = _echo_call(agent, listener, tmp_path)
    pump_until(agent.pump, lambda: False, 0.5)  # let the jitter buffers fill

    freq, level = _hear(agent, pulse, "headset", tmp_path / "normal.wav")
    assert abs(freq - TONE_HZ) < 15 and level > 0.02, (freq, level)
    levels = agent.audio_levels()
    assert levels.output_device == "headset" and levels.input_device == "mic.monitor"
    assert levels.mic > 0.1 and not levels.on_fallback

    agent.set_mute(call_id, True)
    pump_until(agent.pump, lambda: False, 0.5)
    _, muted_level = _hear(agent, pulse, "headset", tmp_path / "muted.wav")
    assert muted_level < 0.005, muted_level

    agent.set_mute(call_id, False)
    pump_until(agent.pump, lambda: False, 0.5)
    freq, level = _hear(agent, pulse, "headset", tmp_path / "unmuted.wav")
    assert abs(freq - TONE_HZ) < 15 and level > 0.02, (freq, level)


def test_unplugged_headset_falls_back_without_dropping_the_call_and_comes_back(
    phone: tuple[Phone, AnsweringListener], pulse: PulseServer, tmp_path: Path
) -> None:
    agent, listener = phone
    pulse.play_tone("mic", TONE_HZ)
    call_id = _echo_call(agent, listener, tmp_path)

    pulse.unload_sink("headset")  # the agent pulls the headset's plug
    assert pump_until(agent.pump, lambda: agent.audio_levels().on_fallback, 5)
    info = agent.call(call_id)
    assert info is not None and info.state == "confirmed"
    pump_until(agent.pump, lambda: False, 0.5)
    freq, level = _hear(agent, pulse, "speakers", tmp_path / "fallback.wav")
    assert abs(freq - TONE_HZ) < 15 and level > 0.02, (freq, level)

    pulse.load_sink("headset")  # and plugs it back in
    assert pump_until(agent.pump, lambda: not agent.audio_levels().on_fallback, 5)
    assert agent.audio_levels().output_device == "headset"
    pump_until(agent.pump, lambda: False, 0.5)
    freq, level = _hear(agent, pulse, "headset", tmp_path / "back.wav")
    assert abs(freq - TONE_HZ) < 15 and level > 0.02, (freq, level)
    info = agent.call(call_id)
    assert info is not None and info.state == "confirmed"
