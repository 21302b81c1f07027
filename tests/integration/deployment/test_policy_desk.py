"""A policy file decides where a real desk connects; the agent cannot move it, `--set` can.

Each test writes a policy TOML, points `ACUERDO_POLICY` at it, loads the layered settings the
way `acuerdo desktop` does and runs the production `Desk.main()` (offscreen) against a real hub
on a free loopback port and, for SIP, a real kamailio registrar. The hub token must end up in
the keyring, never in the desk's SQLite file.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import DesktopOptions
from desktop.desk import Desk, store_path
from desktop.login.dialog import LoginDialog
from desktop.settings import Layer, load_settings, parse_overrides
from desktop.settings.dialog import SettingsDialog
from desktop.settings.hub_token import KeyringTokens
from desktop.settings.secrets import SecretStore, sip_scope
from sync.client import LocalStore, SyncClient
from sync.hub.seed import DEMO_PASSWORD
from sync.hub.server import Hub
from tests.integration.deployment.conftest import until
from tests.integration.softphone import kamailio

AGENT = "ana"
SIP_USER = "ext1001"
SIP_PASSWORD = "kam-secret-1001"


def _sqlite_bytes(path: Path) -> bytes:
    """The store file and its WAL, where a committed token would be."""
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())


async def _run(desk: Desk) -> asyncio.Task[int]:
    task = asyncio.ensure_future(desk.main())
    ok = await until(lambda: desk.session is not None or task.done(), 20)
    assert ok and not task.done(), "the desk never signed in"
    return task


async def _quit(desk: Desk, task: asyncio.Task[int]) -> int:
    desk.request_quit(0)
    return await asyncio.wait_for(task, 20)


@pytest.mark.asyncio
async def test_locked_hub_and_registrar_decide_where_the_desk_connects(
    hub: Hub, qapp: QApplication, tmp_path: Path, policy_file: Path
) -> None:
    if not kamailio.available():
        pytest.skip("kamailio is not installed")
    registrar = kamailio.Kamailio(tmp_path, SIP_USER, SIP_PASSWORD)
    registrar.start()
    hub_url = f"ws://127.0.0.1:{hub.port}"
    policy_file.write_text(f'hub_url = "{hub_url}"\nsip_registrar = "{registrar.uri}"\n')
    try:
        user_file = tmp_path / "config" / "settings.toml"
        settings = load_settings(user_file=user_file)
        # What the first-run wizard stores: the SIP user in the file, its password in the keyring.
        settings.set_user("sip_user", SIP_USER)
        settings.save()
        assert SecretStore().save("sip_password", sip_scope(registrar.uri, SIP_USER), SIP_PASSWORD)
        settings = load_settings(user_file=user_file)

        # The agent's settings dialog shows the locked keys read-only and cannot change them.
        dialog = SettingsDialog(settings)
        assert not dialog.editors["hub_url"].isEnabled()
        assert not dialog.editors["sip_registrar"].isEnabled()
        assert "hub_url" in dialog.notes and "sip_registrar" in dialog.notes
        dialog.accept()
        dialog.deleteLater()
        assert "hub_url" not in user_file.read_text()
        assert load_settings(user_file=user_file).resolved("hub_url").layer is Layer.POLICY

        data_dir = tmp_path / "desk"
        desk = Desk(
            DesktopOptions.from_settings(
                settings, user=AGENT, password=DEMO_PASSWORD, data_dir=data_dir, headless=True
            )
        )
        task = await _run(desk)
        try:
            assert desk.client is not None and desk._welcome is not None
            assert await until(lambda: str(desk.client.connection_state) == "online")  # type: ignore[union-attr]
            assert desk.phone is not None and desk.phone_config is not None
            assert desk.phone_config.registrar == registrar.uri
            assert desk.phone_config.user == SIP_USER
            registered = await until(lambda: desk.phone.registration.state == "registered", 15)
            assert registered, desk.phone.registration

            token = desk._welcome.token
            saved = KeyringTokens(hub_url, AGENT).load()
            assert saved is not None and saved.token == token
            sqlite = store_path(data_dir, hub_url, AGENT)
            assert sqlite.exists()
            assert token.encode() not in _sqlite_bytes(sqlite)
        finally:
            assert await _quit(desk, task) == 0
    finally:
        registrar.stop()


@pytest.mark.asyncio
async def test_the_sign_in_dialog_cannot_point_the_desk_at_another_hub(
    hub: Hub, qapp: QApplication, tmp_path: Path, policy_file: Path
) -> None:
    hub_url = f"ws://127.0.0.1:{hub.port}"
    policy_file.write_text(f'hub_url = "{hub_url}"\n')
    settings = load_settings(user_file=tmp_path / "u.toml")
    # No password: the desk asks for it in the sign-in dialog.
    desk = Desk(DesktopOptions.from_settings(settings, user=AGENT, data_dir=tmp_path / "desk"))
    task = asyncio.ensure_future(desk.main())
    try:

        def sign_in_dialog() -> LoginDialog | None:
            found = [w for w in qapp.topLevelWidgets() if isinstance(w, LoginDialog)]
            return next((w for w in found if w.isVisible()), None)

        assert await until(lambda: sign_in_dialog() is not None), "no sign-in dialog"
        dialog = sign_in_dialog()
        assert dialog is not None
        assert dialog.hub.isReadOnly() and dialog.hub.text() == hub_url
        dialog.hub.setText("ws://127.0.0.1:9")  # what a bypassed field would send
        dialog.password.setText(DEMO_PASSWORD)
        assert dialog.request()
        assert await until(lambda: desk.session is not None or task.done(), 20)
        assert desk.client is not None and str(desk.client.connection_state) == "online"
        assert store_path(tmp_path / "desk", hub_url, AGENT).exists()
    finally:
        if task.done():
            assert task.result() == 0
        else:
            assert await _quit(desk, task) == 0


@pytest.mark.asyncio
async def test_set_overrides_a_locked_hub_for_troubleshooting(
    hub: Hub, qapp: QApplication, tmp_path: Path, policy_file: Path
) -> None:
    # The policy's hub is a closed port: only the --set override can reach the real one.
    policy_file.write_text('hub_url = "ws://127.0.0.1:9"\n')
    real = f"ws://127.0.0.1:{hub.port}"
    settings = load_settings(parse_overrides([f"hub_url={real}"]), user_file=tmp_path / "u.toml")
    assert settings.is_locked("hub_url") and settings.resolved("hub_url").layer is Layer.OVERRIDE
    options = DesktopOptions.from_settings(
        settings, user=AGENT, password=DEMO_PASSWORD, data_dir=tmp_path / "desk", headless=True
    )
    assert options.hub_url == real and options.hub_locked
    desk = Desk(options)
    task = await _run(desk)
    try:
        assert desk.client is not None
        assert str(desk.client.connection_state) == "online"
    finally:
        assert await _quit(desk, task) == 0


@pytest.mark.asyncio
async def test_a_token_left_in_sqlite_moves_to_the_keyring_and_logout_clears_it(
    hub: Hub, qapp: QApplication, tmp_path: Path
) -> None:
    from desktop.adapters.sync_signals import SyncSignals

    hub_url = f"ws://127.0.0.1:{hub.port}"
    path = tmp_path / "desk.sqlite"
    signals = SyncSignals()
    # An older desk: the token in the SQLite kv.
    old = SyncClient(hub_url, AGENT, DEMO_PASSWORD, LocalStore(path), signals)
    await old.start()
    assert await until(lambda: str(old.connection_state) == "online")
    await old.stop()
    store = LocalStore(path)
    legacy = store.get_value("token")
    assert legacy is not None

    # The new desk, with no password: only the migrated token can sign it in.
    tokens = KeyringTokens(hub_url, AGENT)
    new = SyncClient(hub_url, AGENT, None, store, signals, token_store=tokens)
    await new.start()
    try:
        assert await until(lambda: str(new.connection_state) == "online"), new.connection_state
        assert store.get_value("token") is None and store.get_value("token_user") is None
        saved = tokens.load()
        assert saved is not None and saved.user == AGENT
    finally:
        await new.logout()
    assert tokens.load() is None
    store.close()
    assert legacy.encode() not in _sqlite_bytes(path)  # deleted rows are wiped, WAL folded
