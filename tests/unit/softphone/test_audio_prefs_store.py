"""The call bar's device choice lives in the layered user settings file, and sign-in reads it.

One source of truth: `desktop.agent.audio_settings.save_device` writes the user layer and
`desktop.settings.deployment.phone_config` (what sign-in starts the phone with) reads the file
again, so a choice made after start-up is used by the next sign-in in the same process too.
"""

from __future__ import annotations

from pathlib import Path

from desktop.agent.audio_settings import chosen_device, load_audio_prefs, save_device
from desktop.settings.deployment import phone_config
from desktop.settings.layered import load_settings
from desktop.settings.userfile import load_user_file


def test_a_choice_saved_by_the_call_bar_is_what_sign_in_starts_the_phone_with(
    tmp_path: Path,
) -> None:
    at_start = load_settings(
        environ={}, policy_file=tmp_path / "p.toml", user_file=tmp_path / "u.toml"
    )
    assert load_audio_prefs(at_start).headset_output is None  # system default until chosen
    assert load_audio_prefs(at_start).echo_cancel  # on unless someone turned it off
    # The call bar loads the settings as they are now and saves into the user file.
    bar = load_settings(environ={}, policy_file=tmp_path / "p.toml", user_file=tmp_path / "u.toml")
    save_device(bar, "headset_output", "headset2")
    save_device(bar, "headset_input", "mic2.monitor")
    save_device(bar, "headset_input", None)  # back to the system default
    assert load_user_file(tmp_path / "u.toml").values["headset_output"] == "headset2"
    assert chosen_device(bar, "headset_output") == "headset2"
    # Sign-in uses the settings object loaded at start-up; it still sees the new choice.
    config = phone_config(at_start, "agent7", "Agent 7")
    assert config.audio is not None
    assert config.audio.headset_output == "headset2" and config.audio.headset_input is None


def test_echo_cancel_reaches_the_phone_and_an_override_still_wins(tmp_path: Path) -> None:
    paths = {"policy_file": tmp_path / "p.toml", "user_file": tmp_path / "u.toml"}
    edit = load_settings(environ={}, **paths)
    edit.set_user("echo_cancel", False)
    edit.save()
    later = load_settings(environ={}, **paths)
    assert phone_config(later, "a", "A").audio is not None
    assert not load_audio_prefs(later).echo_cancel
    forced = load_settings({"headset_output": "support-headset"}, environ={}, **paths)
    save_device(load_settings(environ={}, **paths), "headset_output", "headset2")
    assert load_audio_prefs(forced).headset_output == "support-headset"  # --set beats the file
