"""PhoneConfig refuses values that would only fail later inside pjsua2."""

from __future__ import annotations

from typing import Any

import pytest

from softphone import PhoneConfig
from softphone.model import AudioPrefs


def test_defaults_are_the_direct_ip_demo() -> None:
    config = PhoneConfig()
    assert (config.user, config.bind_host, config.port, config.registrar) == (
        "agent",
        "127.0.0.1",
        0,
        None,
    )
    assert config.unpaired_policy == "ring"


@pytest.mark.parametrize(
    "changes",
    [
        {"user": ""},
        {"user": "a b"},
        {"user": "agent@host"},
        {"port": -1},
        {"port": 70000},
        {"unpaired_policy": "drop"},
        {"pairing_wait_s": -0.1},
        {"log_level": 9},
        {"display_name": 'Say "hi"'},
        {"display_name": "two\r\nlines"},
        {"bind_host": "localhost"},
        {"bind_host": "::1"},
        {"bind_host": "999.1.1.1"},
        {"registrar": "127.0.0.1:5060"},
        {"registrar": "sip:a b"},
        {"transport": "sctp"},
        {"register_expires_s": 0},
        {"register_retry_s": 0},
    ],
)
def test_bad_values_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        PhoneConfig(**changes)


def test_the_sip_password_never_shows_in_repr() -> None:
    config = PhoneConfig(registrar="sip:pbx.example:5060", password="hunter2")
    assert "hunter2" not in repr(config)
    assert config.registrar_host == "pbx.example:5060"


def test_audio_volumes_are_bounded() -> None:
    assert AudioPrefs(speaker_volume=2.0).speaker_volume == 2.0
    with pytest.raises(ValueError):
        AudioPrefs(mic_volume=-0.1)
    with pytest.raises(ValueError):
        AudioPrefs(speaker_volume=2.5)
