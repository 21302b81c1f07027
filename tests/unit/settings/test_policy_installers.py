"""Installer side of the policy: the writer, the MSI definition and the shipped example."""

from __future__ import annotations

import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.settings import BY_KEY, Layer, load_policy, load_settings
from desktop.settings.policy_writer import policy_values, render_policy

ROOT = Path(__file__).resolve().parents[3]
WXS = ROOT / "installer" / "windows" / "acuerdo.wxs"
NS = {"wix": "http://wixtoolset.org/schemas/v4/wxs"}
INSTALLER_ONLY = {"LOCK_SETTINGS"}


def wix() -> ET.Element:
    return ET.parse(WXS).getroot()  # raises on malformed XML


def test_msi_properties_match_lockable_setting_keys() -> None:
    package = wix().find("wix:Package", NS)
    assert package is not None and package.get("Scope") == "perMachine"
    properties = {p.get("Id") for p in package.findall("wix:Property", NS)}
    settings_props = properties - INSTALLER_ONLY
    assert settings_props, "no deployment properties declared"
    for prop in settings_props:
        key = str(prop).lower()
        assert key in BY_KEY, f"MSI property {prop} names no setting"
        assert BY_KEY[key].lockable and not BY_KEY[key].secret
        assert BY_KEY[key].msi_property == prop


def _custom_action_argv(properties: dict[str, str]) -> list[str]:
    action = wix().find("wix:Package/wix:CustomAction[@Id='WritePolicy']", NS)
    assert action is not None
    command = str(action.get("ExeCommand"))
    used = set(re.findall(r"\[([A-Z_]+)\]", command)) - {"INSTALLFOLDER", "CommonAppDataFolder"}
    declared = {p.get("Id") for p in wix().findall("wix:Package/wix:Property", NS)}
    assert used == declared, "every property must reach the custom action and back"
    # What msiexec does: substitute [PROPERTY] (unset ones become empty), then split the line.
    text = re.sub(r"\[([A-Za-z_]+)\]", lambda m: properties.get(m.group(1), ""), command)
    argv = shlex.split(text.replace("\\", "/"))
    assert argv[0].endswith("acuerdo.exe") and argv[1] == "write-policy"
    return argv[1:]


def test_msi_custom_action_writes_a_policy_the_app_loads(tmp_path: Path) -> None:
    props = {
        "INSTALLFOLDER": "C:/Program Files/Acuerdo/",
        "CommonAppDataFolder": f"{tmp_path}/ProgramData/",
        "HUB_URL": "wss://hub.cobranza.example:8765",
        "SIP_REGISTRAR": "sip:pbx.cobranza.example:5060",
        "SIP_TRANSPORT": "tcp",
        "LOCK_SETTINGS": "1",
    }
    assert main(_custom_action_argv(props)) == 0
    written = tmp_path / "ProgramData" / "Acuerdo" / "policy.toml"
    policy = load_policy(written)
    assert policy.locked == {
        "hub_url": "wss://hub.cobranza.example:8765",
        "sip_registrar": "sip:pbx.cobranza.example:5060",
        "sip_transport": "tcp",
    }
    settings = load_settings(environ={}, policy_file=written, user_file=tmp_path / "u.toml")
    assert settings.is_locked("hub_url") and not settings.is_locked("locale")


def test_msi_lock_settings_0_writes_presets(tmp_path: Path) -> None:
    props = {"CommonAppDataFolder": f"{tmp_path}/", "LOCALE": "en_US", "LOCK_SETTINGS": "0"}
    assert main(_custom_action_argv(props)) == 0
    settings = load_settings(
        environ={}, policy_file=tmp_path / "Acuerdo" / "policy.toml", user_file=tmp_path / "u.toml"
    )
    assert settings.resolved("locale").layer is Layer.PRESET


def test_msi_bad_property_fails_the_install_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    props = {"CommonAppDataFolder": f"{tmp_path}/", "HUB_URL": "https://wrong.example"}
    assert main(_custom_action_argv(props)) == 2
    assert "hub_url" in capsys.readouterr().err
    assert not (tmp_path / "Acuerdo" / "policy.toml").exists()


def test_writer_refuses_secrets_and_puts_unlockable_keys_under_preset() -> None:
    with pytest.raises(ValueError, match="secret"):
        policy_values(["sip_password=x"])
    text = render_policy(policy_values(["hub_url=ws://h.example", "ringer_output=spk"]), lock=True)
    assert 'hub_url = "ws://h.example"' in text and "[preset]" in text


def test_shipped_example_policy_is_valid() -> None:
    policy = load_policy(ROOT / "installer" / "policy.example.toml")
    assert policy.locked["hub_url"].startswith("wss://")
    assert "sip_registrar" in policy.locked and "locale" in policy.preset


def test_macos_bundle_declares_microphone_use() -> None:
    spec = (ROOT / "installer" / "acuerdo.spec").read_text(encoding="utf-8")
    assert "NSMicrophoneUsageDescription" in spec
    assert (ROOT / "installer" / "macos" / "build_dmg.sh").is_file()
