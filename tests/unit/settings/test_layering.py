"""Layering: defaults < policy preset < user file < locked policy < command line/environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.settings import (
    SETTINGS,
    Layer,
    LockedSettingError,
    PolicyError,
    SettingValueError,
    load_settings,
    parse_overrides,
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_file_exists(user_file: Path) -> None:
    settings = load_settings(environ={}, user_file=user_file)
    assert settings.value("hub_url") == "ws://127.0.0.1:8765"
    assert settings.resolved("locale").layer is Layer.DEFAULT
    assert settings.first_run


def test_every_declared_setting_has_a_valid_default() -> None:
    for declared in SETTINGS:
        assert declared.coerce(declared.default) == declared.default, declared.key


def test_user_file_beats_defaults_and_presets(private_policy: Path, user_file: Path) -> None:
    write(private_policy, '[preset]\nlocale = "en_US"\ntheme = "light"\n')
    write(user_file, 'version = 2\nlocale = "es_MX"\n')
    settings = load_settings(environ={}, user_file=user_file)
    assert settings.resolved("locale").value == "es_MX"
    assert settings.resolved("locale").layer is Layer.USER
    assert settings.resolved("theme").layer is Layer.PRESET
    assert not settings.is_locked("locale")


def test_locked_key_ignores_the_user_file(private_policy: Path, user_file: Path) -> None:
    write(private_policy, 'hub_url = "wss://hub.corp.example:8765"\n')
    write(user_file, 'version = 2\nhub_url = "ws://attacker.example:1"\n')
    settings = load_settings(environ={}, user_file=user_file)
    resolved = settings.resolved("hub_url")
    assert resolved.value == "wss://hub.corp.example:8765"
    assert resolved.locked and resolved.layer is Layer.POLICY


def test_locked_key_cannot_be_changed_through_the_api(
    private_policy: Path, user_file: Path
) -> None:
    write(private_policy, 'sip_registrar = "sip:pbx.corp.example"\n')
    settings = load_settings(environ={}, user_file=user_file)
    with pytest.raises(LockedSettingError, match="sip_registrar"):
        settings.set_user("sip_registrar", "sip:other.example")
    settings.set_user("sip_user", "ana")
    settings.save()
    assert "sip_registrar" not in user_file.read_text(encoding="utf-8")


def test_command_line_and_environment_still_override_a_locked_key(
    private_policy: Path, user_file: Path
) -> None:
    write(private_policy, 'hub_url = "wss://hub.corp.example"\nlog_level = "WARNING"\n')
    settings = load_settings(
        parse_overrides(["hub_url=ws://127.0.0.1:9999"]),
        environ={"ACUERDO_LOG_LEVEL": "DEBUG", "ACUERDO_HUB_URL": "ws://10.0.0.1:1"},
        user_file=user_file,
    )
    assert settings.value("hub_url") == "ws://127.0.0.1:9999"  # --set beats the environment
    assert settings.value("log_level") == "DEBUG"
    assert settings.resolved("log_level").layer is Layer.OVERRIDE


def test_environment_values_are_typed_and_checked(user_file: Path) -> None:
    settings = load_settings(environ={"ACUERDO_SIP_PORT": "5070"}, user_file=user_file)
    assert settings.value("sip_port") == 5070
    with pytest.raises(SettingValueError, match="sip_port"):
        load_settings(environ={"ACUERDO_SIP_PORT": "seventy"}, user_file=user_file)


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("hub_url", "key=value"),
        ("nonsense=1", "unknown setting 'nonsense'"),
        ("sip_password=hunter2", "secret"),
        ("sip_transport=carrier-pigeon", "not one of udp, tcp"),
        ("hub_url=http://x.example", "ws:// or wss://"),
        ("sip_port=70000", "above 65535"),
    ],
)
def test_bad_overrides_get_clear_errors(pair: str, message: str) -> None:
    with pytest.raises((SettingValueError, KeyError), match=message):
        parse_overrides([pair])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("hub_url = [", "not valid TOML"),
        ('hub_ulr = "wss://x.example"', "unknown setting 'hub_ulr'"),
        ('sip_password = "s3cret"', "secret"),
        ('headset_output = "USB headset"', "cannot be locked"),
        ('sip_transport = "tls"', "not one of udp, tcp"),
        ("sip_port = true", "whole number"),
        ("schema = 9", "schema 9 is not supported"),
        ("preset = 3", "must be a table"),
    ],
)
def test_bad_policy_file_is_refused_with_the_reason(
    private_policy: Path, user_file: Path, text: str, message: str
) -> None:
    write(private_policy, text + "\n")
    with pytest.raises(PolicyError, match=message) as caught:
        load_settings(environ={}, user_file=user_file)
    assert str(private_policy) in str(caught.value)


def test_bad_policy_loses_nothing_in_the_user_file(private_policy: Path, user_file: Path) -> None:
    original = 'version = 2\nsip_user = "ana"\n'
    write(user_file, original)
    write(private_policy, "this is not toml = = =\n")
    with pytest.raises(PolicyError):
        load_settings(environ={}, user_file=user_file)
    assert user_file.read_text(encoding="utf-8") == original


def test_secrets_are_never_set_as_settings(user_file: Path) -> None:
    settings = load_settings(environ={"ACUERDO_SIP_PASSWORD": "leak"}, user_file=user_file)
    assert settings.value("sip_password") == ""  # the environment variable was not taken
    with pytest.raises(SettingValueError, match="secret"):
        settings.set_user("sip_password", "hunter2")
    assert "sip_password" not in settings.export()
