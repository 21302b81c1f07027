"""The softphone configuration and hub token a deployed desk takes from its settings.

Real policy files, real user files and a real (file) keyring: a locked registrar reaches the
PhoneConfig, the SIP password comes from the keyring, `--set` still beats the policy, and the
hub token round-trips through the keyring and is gone after `clear()`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.app import DesktopOptions
from desktop.settings import LockedSettingError, load_settings, parse_overrides
from desktop.settings.deployment import phone_config
from desktop.settings.hub_token import KeyringTokens
from desktop.settings.secrets import SecretStore, hub_token_scope, sip_scope
from sync.client.token import SavedToken

REGISTRAR = "sip:pbx.example.test:5060"
HUB = "wss://hub.example.test"


def _policy(path: Path) -> None:
    path.write_text(
        f'hub_url = "{HUB}"\nsip_registrar = "{REGISTRAR}"\nsip_transport = "tcp"\n'
        'unpaired_policy = "reject"\n'
    )


def test_locked_policy_reaches_the_phone_with_the_keyring_password(
    private_policy: Path, user_file: Path
) -> None:
    _policy(private_policy)
    settings = load_settings(user_file=user_file, environ={})
    settings.set_user("sip_user", "ext1001")
    settings.set_user("headset_output", "USB Headset")
    assert SecretStore().save("sip_password", sip_scope(REGISTRAR, "ext1001"), "s3cret").ok

    config = phone_config(settings, "ana", "Ana", with_audio=True)

    assert config.registrar == REGISTRAR and config.transport == "tcp"
    assert config.user == "ext1001" and config.password == "s3cret"
    assert config.unpaired_policy == "reject"
    assert config.audio is not None and config.audio.headset_output == "USB Headset"
    assert config.audio.headset_input is None  # empty name = the system default
    with pytest.raises(LockedSettingError):
        settings.set_user("sip_registrar", "sip:elsewhere.test")


def test_without_registrar_the_hub_user_calls_direct_and_no_password_is_read(
    user_file: Path,
) -> None:
    settings = load_settings(user_file=user_file, environ={})
    config = phone_config(settings, "ana", "", port=5099, with_audio=False)
    assert config.registrar is None and config.password is None
    assert config.user == "ana" and config.display_name == "ana" and config.port == 5099
    assert config.audio is None


def test_options_follow_the_policy_and_set_beats_it(private_policy: Path, user_file: Path) -> None:
    _policy(private_policy)
    locked = DesktopOptions.from_settings(load_settings(user_file=user_file, environ={}))
    assert locked.hub_url == HUB and locked.hub_locked

    override = load_settings(
        parse_overrides(["hub_url=ws://127.0.0.1:9999"]), user_file=user_file, environ={}
    )
    troubleshooting = DesktopOptions.from_settings(override)
    assert troubleshooting.hub_url == "ws://127.0.0.1:9999"
    assert DesktopOptions.from_settings(override, hub_url="ws://127.0.0.1:1").hub_url == (
        "ws://127.0.0.1:1"
    )
    assert not DesktopOptions().hub_locked  # the demo: no settings, nothing locked


def test_hub_token_lives_in_the_keyring_until_cleared() -> None:
    tokens = KeyringTokens(HUB, "ana")
    assert tokens.load() is None
    expires = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    tokens.save(SavedToken("tok-123", "ana", expires))

    loaded = tokens.load()
    assert loaded is not None and loaded.token == "tok-123" and loaded.expires_at == expires
    assert loaded.usable_for("ana") and not loaded.usable_for("luis")
    assert "tok-123" in (SecretStore().load("hub_token", hub_token_scope(HUB, "ana")) or "")
    assert KeyringTokens(HUB, "luis").load() is None  # another agent's entry

    tokens.clear()
    assert tokens.load() is None
    tokens.clear()  # clearing twice is fine


def test_an_unreadable_keyring_entry_is_no_token() -> None:
    assert SecretStore().save("hub_token", hub_token_scope(HUB, "ana"), "not json").ok
    assert KeyringTokens(HUB, "ana").load() is None
