"""The media port range setting: from IT's policy file to the phone's configuration.

`sip_rtp_port` is lockable like the other SIP keys; `phone_config` carries it into
`PhoneConfig.rtp_port`, which refuses ports a desk cannot bind. That a call's RTP really
arrives on a port from that base is checked with real phones in
tests/integration/softphone/test_monitor_hold_recording.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.settings import LockedSettingError, SettingValueError, load_settings, parse_overrides
from desktop.settings.deployment import phone_config
from softphone import PhoneConfig
from softphone.endpoint import rtp_port_span


def test_the_default_keeps_pjsua_base() -> None:
    assert PhoneConfig().rtp_port == 0


@pytest.mark.parametrize("port", [1, 80, 1023, 65_001, -2])
def test_a_port_a_desk_cannot_use_is_refused(port: int) -> None:
    with pytest.raises(ValueError, match=r"rtp_port must be 0 or 1024\.\.65000"):
        PhoneConfig(rtp_port=port)


def test_a_locked_policy_port_reaches_the_phone(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("sip_rtp_port = 31000\n", encoding="utf-8")
    user_file = tmp_path / "settings.toml"
    user_file.write_text("version = 2\nsip_rtp_port = 5000\n", encoding="utf-8")
    settings = load_settings(environ={}, policy_file=policy, user_file=user_file)
    assert settings.is_locked("sip_rtp_port")
    assert phone_config(settings, "ana", "Ana", with_audio=False).rtp_port == 31000
    with pytest.raises(LockedSettingError, match="sip_rtp_port"):
        settings.set_user("sip_rtp_port", 32000)


def test_an_out_of_range_setting_is_a_clear_error() -> None:
    with pytest.raises(SettingValueError, match="sip_rtp_port: 70000 is above 65000"):
        parse_overrides(["sip_rtp_port=70000"])


def test_the_range_a_firewall_opens_grows_with_the_calls_a_desk_holds() -> None:
    assert rtp_port_span(4) == 32  # base .. base + 33 with RTCP: the default desk
    assert rtp_port_span(16) == 128
    assert PhoneConfig(rtp_port=65_000, max_calls=16).rtp_port + rtp_port_span(16) + 1 <= 65_535
