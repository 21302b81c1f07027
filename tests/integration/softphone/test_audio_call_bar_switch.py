"""The call bar's device menu moves a live call's audio at once and remembers the choice.

A real Phone on PulseAudio null sinks (`headset`, `headset2`) takes an echoed sipp call; the
call bar's `AudioControls` (pytest-qt) picks `headset2` through `CallControl.set_devices`.
The phone's output stream is on `headset2` straight away, the call stays up, and the choice
is in the layered user settings file that sign-in reads (test_audio_prefs_store.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.agent.audio_controls import AudioControls
from desktop.agent.call_control import CallControl
from desktop.common import messages
from desktop.settings.deployment import audio_prefs
from desktop.settings.layered import load_settings
from softphone import Phone, PhoneConfig
from softphone.model import AudioPrefs
from tests.integration.softphone.pulse import PulseServer, available, pulse_session
from tests.integration.softphone.support import AnsweringListener, Sipp, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
    pytest.mark.skipif(not available(), reason="pulseaudio/pactl/parec not installed"),
]


@pytest.fixture
def pulse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PulseServer]:
    with pulse_session(tmp_path / "pulse-runtime", monkeypatch, ("headset2",)) as server:
        yield server


def test_call_bar_choice_moves_the_live_call_and_is_what_sign_in_reads(
    pulse: PulseServer, tmp_path: Path, qtbot: Any
) -> None:
    pytest.importorskip("sounddevice")
    listener = AnsweringListener()
    prefs = AudioPrefs(headset_output="headset", headset_input="mic.monitor", echo_cancel=False)
    phone = Phone(PhoneConfig(audio=prefs), listener)
    listener.phone = phone
    phone.start()
    shown: list[str] = []
    messages.bridge().posted.connect(lambda _level, text: shown.append(text))
    try:
        Sipp.calling(
            "uac_echo.xml", phone.contact_uri, tmp_path, "-rtp_echo", "-key", "handoff",
            "h-bar", "-d", "20000",
        )  # fmt: skip
        assert pump_until(phone.pump, lambda: bool(listener.incoming), 10)
        call_id = listener.incoming[0].call_id

        def up() -> bool:
            info = phone.call(call_id)
            return info is not None and info.state == "confirmed" and info.rx_rtp_packets > 0

        assert pump_until(phone.pump, up, 10)
        assert phone.audio_levels().output_device == "headset"
        calls = CallControl(phone)  # type: ignore[arg-type]
        bar = AudioControls(calls)
        qtbot.addWidget(bar)
        bar.choose("headset_output", "headset2")
        assert phone.audio_levels().output_device == "headset2"  # moved at once
        assert shown[-1] == "Audio device changed."
        received = phone.call(call_id)
        assert received is not None
        before = received.rx_rtp_packets
        pump_until(phone.pump, lambda: False, 0.5)
        after = phone.call(call_id)
        assert after is not None and after.state == "confirmed"
        assert after.rx_rtp_packets > before  # the call kept its media through the switch
        assert phone.audio_levels().output_device == "headset2"  # the watchdog kept it there
    finally:
        phone.stop()
    assert audio_prefs(load_settings(environ={})).headset_output == "headset2"
