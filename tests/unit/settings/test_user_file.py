"""The user settings file: versioned upgrades, broken or newer files, nothing lost."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop.settings import CURRENT_VERSION, Layer, SettingsFileError, load_settings
from desktop.settings.userfile import load_user_file, upgrade, write_user_file

V1 = """
hub = "ws://10.1.1.5:8765"
locale = "en_US"
[sip]
registrar = "sip:pbx.local:5060"
user = "ana"
transport = "tcp"
[audio]
headset = "alsa_output.usb-Jabra"
microphone = "alsa_input.usb-Jabra"
"""


def test_v1_is_upgraded_to_the_current_version(user_file: Path) -> None:
    user_file.parent.mkdir(parents=True)
    user_file.write_text(V1, encoding="utf-8")
    settings = load_settings(environ={}, user_file=user_file)
    assert settings.value("hub_url") == "ws://10.1.1.5:8765"
    assert settings.value("sip_registrar") == "sip:pbx.local:5060"
    assert settings.value("sip_user") == "ana"
    assert settings.value("sip_transport") == "tcp"
    assert settings.value("headset_output") == "alsa_output.usb-Jabra"
    assert settings.value("headset_input") == "alsa_input.usb-Jabra"
    assert settings.resolved("locale").layer is Layer.USER
    rewritten = tomllib.loads(user_file.read_text(encoding="utf-8"))
    assert rewritten["version"] == CURRENT_VERSION
    assert "sip" not in rewritten and rewritten["sip_user"] == "ana"
    backup = user_file.with_name("settings.toml.v1.bak")
    assert backup.read_text(encoding="utf-8") == V1


def test_every_version_has_an_upgrade_step() -> None:
    assert upgrade({"version": 1}, 1) == {}
    for version in range(1, CURRENT_VERSION):
        assert upgrade({}, version) is not None


def test_broken_file_is_kept_and_the_desk_still_starts(user_file: Path) -> None:
    user_file.parent.mkdir(parents=True)
    user_file.write_text("locale = [unterminated\n", encoding="utf-8")
    settings = load_settings(environ={}, user_file=user_file)
    assert settings.value("locale") == "es_MX"
    assert settings.problems and "could not be read" in settings.problems[0]
    copy = user_file.with_name("settings.toml.broken")
    assert copy.read_text(encoding="utf-8") == "locale = [unterminated\n"


def test_bad_value_falls_back_to_default_but_is_kept_in_the_file(user_file: Path) -> None:
    write_user_file(user_file, {"sip_user": "ana"})
    text = user_file.read_text(encoding="utf-8") + 'sip_transport = "smoke-signals"\n'
    user_file.write_text(text, encoding="utf-8")
    settings = load_settings(environ={}, user_file=user_file)
    assert settings.value("sip_transport") == "udp"
    assert any("sip_transport" in p for p in settings.problems)
    settings.set_user("locale", "en_US")
    settings.save()
    saved = tomllib.loads(user_file.read_text(encoding="utf-8"))
    assert saved["sip_transport"] == "smoke-signals" and saved["locale"] == "en_US"


def test_unknown_keys_from_a_newer_build_survive_a_save(user_file: Path) -> None:
    write_user_file(user_file, {"sip_user": "ana"}, {"future_key": {"nested": 1}})
    settings = load_settings(environ={}, user_file=user_file)
    settings.set_user("theme", "light")
    settings.save()
    assert tomllib.loads(user_file.read_text(encoding="utf-8"))["future_key"] == {"nested": 1}


def test_a_newer_file_is_read_but_never_overwritten(user_file: Path) -> None:
    user_file.parent.mkdir(parents=True)
    text = f'version = {CURRENT_VERSION + 1}\nsip_user = "ana"\n'
    user_file.write_text(text, encoding="utf-8")
    settings = load_settings(environ={}, user_file=user_file)
    assert settings.value("sip_user") == "ana"
    settings.set_user("locale", "en_US")
    with pytest.raises(SettingsFileError, match="newer"):
        settings.save()
    assert user_file.read_text(encoding="utf-8") == text


def test_secret_in_the_user_file_is_ignored(user_file: Path) -> None:
    user_file.parent.mkdir(parents=True)
    user_file.write_text('version = 2\nsip_password = "hunter2"\n', encoding="utf-8")
    loaded = load_user_file(user_file)
    assert "sip_password" not in loaded.values
    with pytest.raises(SettingsFileError, match="secret"):
        write_user_file(user_file, {"sip_password": "hunter2"})
