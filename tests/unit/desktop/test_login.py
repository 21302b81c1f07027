"""Sign-in: the password lives only in the keyring; failures keep what the agent typed."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring
from pytestqt.qtbot import QtBot

from desktop.login.dialog import LoginDialog
from desktop.login.vault import SERVICE, PasswordVault, vault_key

HUB = "ws://127.0.0.1:8765"


def test_vault_round_trip_under_service_and_key(file_keyring: PlaintextKeyring) -> None:
    vault = PasswordVault()
    assert vault.save(HUB, "ana", "s3cret").ok
    assert keyring.get_password(SERVICE, f"{HUB}|ana") == "s3cret"
    assert vault_key(HUB, "ana") == f"{HUB}|ana"
    assert vault.load(HUB, "ana") == "s3cret"
    vault.forget(HUB, "ana")
    assert vault.load(HUB, "ana") is None


def test_no_keyring_backend_gives_a_clear_reason() -> None:
    keyring.set_keyring(fail.Keyring())
    vault = PasswordVault()
    result = vault.save(HUB, "ana", "s3cret")
    assert not result.ok
    assert "no password keyring" in result.reason
    assert vault.load(HUB, "ana") is None


def test_dialog_without_keyring_disables_remember_and_says_why(qtbot: QtBot) -> None:
    keyring.set_keyring(fail.Keyring())
    dialog = LoginDialog(PasswordVault(), HUB, "ana")
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    assert "no password keyring" in dialog.keyring_note.text()


def test_stored_password_is_prefilled(qtbot: QtBot) -> None:
    PasswordVault().save(HUB, "ana", "s3cret")
    dialog = LoginDialog(PasswordVault(), HUB, "ana")
    qtbot.addWidget(dialog)
    assert dialog.password.text() == "s3cret"
    assert dialog.remember.isChecked()


def test_wrong_password_shows_error_and_keeps_the_fields(qtbot: QtBot) -> None:
    dialog = LoginDialog(PasswordVault(), HUB, "ana")
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong")
    with qtbot.waitSignal(dialog.sign_in_requested) as blocker:
        dialog.sign_in_button.click()
    assert blocker.args == [HUB, "ana", "wrong"]
    assert not dialog.sign_in_button.isEnabled()  # busy while the hub answers
    dialog.fail("Wrong user or password.")
    assert dialog.error.text() == "Wrong user or password."
    assert (dialog.hub.text(), dialog.user.text(), dialog.password.text()) == (HUB, "ana", "wrong")
    assert dialog.sign_in_button.isEnabled()


@pytest.mark.parametrize(
    ("hub", "user", "password", "message"),
    [
        ("http://x", "ana", "pw", "The hub address must start with ws:// or wss://."),
        (HUB, "", "pw", "Enter your user and password."),
        (HUB, "ana", "", "Enter your user and password."),
    ],
)
def test_incomplete_input_is_refused_locally(
    qtbot: QtBot, hub: str, user: str, password: str, message: str
) -> None:
    dialog = LoginDialog(PasswordVault(), hub, user)
    qtbot.addWidget(dialog)
    dialog.password.setText(password)
    with qtbot.assertNotEmitted(dialog.sign_in_requested):
        assert not dialog.request()
    assert dialog.error.text() == message


def test_success_remembers_only_when_asked(qtbot: QtBot) -> None:
    dialog = LoginDialog(PasswordVault(), HUB, "ana")
    qtbot.addWidget(dialog)
    dialog.password.setText("acuerdo-demo")
    dialog.remember.setChecked(True)
    dialog.request()
    dialog.succeed()
    assert keyring.get_password(SERVICE, f"{HUB}|ana") == "acuerdo-demo"

    again = LoginDialog(PasswordVault(), HUB, "ana")
    qtbot.addWidget(again)
    again.remember.setChecked(False)
    again.request()
    again.succeed()
    assert keyring.get_password(SERVICE, f"{HUB}|ana") is None
