"""The settings dialog and the first-run wizard: locked keys read-only, secrets to the keyring."""

from __future__ import annotations

import tomllib
from pathlib import Path

import keyring
from pytestqt.qtbot import QtBot

from desktop.settings import load_settings, parse_overrides
from desktop.settings.audio_check import AudioCheck
from desktop.settings.dialog import SettingsDialog
from desktop.settings.secrets import SecretStore, sip_scope
from desktop.settings.wizard import FirstRunWizard

POLICY = 'hub_url = "wss://hub.corp.example"\nsip_registrar = "sip:pbx.corp.example"\n'


def test_dialog_shows_locked_keys_read_only_with_the_reason(
    qtbot: QtBot, private_policy: Path, user_file: Path
) -> None:
    private_policy.write_text(POLICY, encoding="utf-8")
    settings = load_settings(environ={}, user_file=user_file)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    hub = dialog.editors["hub_url"]
    assert not hub.isEnabled()
    assert dialog.notes["hub_url"].text() == "Set by your IT department"
    assert dialog.editors["locale"].isEnabled()
    assert "sip_password" not in dialog.editors and "hub_token" not in dialog.editors


def test_dialog_saves_edits_but_never_a_locked_key(
    qtbot: QtBot, private_policy: Path, user_file: Path
) -> None:
    private_policy.write_text(POLICY, encoding="utf-8")
    settings = load_settings(environ={}, user_file=user_file)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.editors["hub_url"].setText("ws://elsewhere.example:1")  # type: ignore[union-attr]
    dialog.editors["sip_user"].setText("ana")  # type: ignore[union-attr]
    dialog.editors["locale"].setCurrentText("en_US")  # type: ignore[union-attr]
    dialog.accept()
    saved = tomllib.loads(user_file.read_text(encoding="utf-8"))
    assert saved == {"version": 2, "sip_user": "ana", "locale": "en_US"}
    assert load_settings(environ={}, user_file=user_file).value("hub_url") == (
        "wss://hub.corp.example"
    )


def test_dialog_reports_a_bad_value_and_stays_open(qtbot: QtBot, user_file: Path) -> None:
    settings = load_settings(environ={}, user_file=user_file)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.editors["hub_url"].setText("http://not-a-websocket")  # type: ignore[union-attr]
    dialog.accept()
    assert "ws:// or wss://" in dialog.error.text()
    assert not user_file.exists()


def test_dialog_marks_command_line_overrides(qtbot: QtBot, user_file: Path) -> None:
    settings = load_settings(parse_overrides(["log_level=DEBUG"]), environ={}, user_file=user_file)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert not dialog.editors["log_level"].isEnabled()
    assert "troubleshooting" in dialog.notes["log_level"].text()


def test_wizard_asks_only_what_policy_left_open_and_keeps_the_password_in_the_keyring(
    qtbot: QtBot, private_policy: Path, user_file: Path
) -> None:
    private_policy.write_text(POLICY, encoding="utf-8")
    settings = load_settings(environ={}, user_file=user_file)
    assert settings.first_run
    wizard = FirstRunWizard(settings)
    qtbot.addWidget(wizard)
    assert wizard.fields["hub_url"].isReadOnly()  # type: ignore[union-attr]
    assert wizard.fields["sip_registrar"].isReadOnly()  # type: ignore[union-attr]
    wizard.fields["sip_user"].setText("ana")  # type: ignore[union-attr]
    wizard.password.setText("s3cret-sip")
    wizard.accept()
    assert wizard.problems == []
    text = user_file.read_text(encoding="utf-8")
    assert "s3cret-sip" not in text and "hub_url" not in text
    assert tomllib.loads(text)["sip_user"] == "ana"
    stored = SecretStore().load("sip_password", sip_scope("sip:pbx.corp.example", "ana"))
    assert stored == "s3cret-sip"
    assert not load_settings(environ={}, user_file=user_file).first_run


def test_wizard_refuses_a_bad_sip_user(qtbot: QtBot, user_file: Path) -> None:
    wizard = FirstRunWizard(load_settings(environ={}, user_file=user_file))
    qtbot.addWidget(wizard)
    wizard.fields["sip_user"].setText("ana@pbx")  # type: ignore[union-attr]
    wizard.password.setText("pw")
    wizard.accept()
    assert any("sip_user" in p for p in wizard.problems)
    assert "sip_user" in wizard.problem_label.text()
    assert not user_file.exists()
    assert keyring.get_password("acuerdo", "sip_password||ana@pbx") is None


def test_wizard_shows_the_microphone_level_and_audio_failures(
    qtbot: QtBot, user_file: Path
) -> None:
    wizard = FirstRunWizard(load_settings(environ={}, user_file=user_file))
    qtbot.addWidget(wizard)
    wizard.show_audio_check(AudioCheck(True, level=0.42))
    assert wizard.mic_level.value() == 42
    wizard.show_audio_check(AudioCheck(False, reason="device unplugged"))
    assert "device unplugged" in wizard.audio_status.text()


def test_diagnostics_page_lists_results_and_exports_a_bundle(
    qtbot: QtBot, user_file: Path, tmp_path: Path
) -> None:
    from desktop.diagnostics.checks import CheckResult
    from desktop.diagnostics.page import DiagnosticsPage

    page = DiagnosticsPage(load_settings(environ={}, user_file=user_file))
    qtbot.addWidget(page)
    page.show_results(
        [
            CheckResult("hub", True, "reachable", {"connect_ms": 4.0}),
            CheckResult("test_call", False, "no audio came back", {"mos": 1.0}),
            CheckResult("sip_registration", True, "no registrar configured", skipped=True),
        ]
    )
    rows = [page.table.topLevelItem(i) for i in range(page.table.topLevelItemCount())]
    assert [r.text(1) for r in rows] == ["OK", "Problem", "Not configured"]
    assert "connect_ms=4.0" in rows[0].text(2)
    bundle = page.export_bundle(tmp_path / "support.zip")
    assert bundle.is_file()
