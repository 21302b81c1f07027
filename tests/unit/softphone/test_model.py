"""PhoneConfig refuses values that would only fail later inside pjsua2."""

from __future__ import annotations

from typing import Any

import pytest

from softphone import PhoneConfig


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
    ],
)
def test_bad_values_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        PhoneConfig(**changes)
