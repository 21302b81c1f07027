"""Sign out at the end of a shift and sign in again in the same process, on the real desk.

`desktop.desk.Desk.main()` runs on the test's loop against the real hub: the open wrap-up is
submitted with the campaign's time-out code, the hub marks the agent logged out, the sign-in
window comes back asking for the password, and a second shift starts with a new softphone and
a new workspace that goes ready on the hub.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.login.dialog import LoginDialog
from sync.hub.seed import DEMO_PASSWORD
from sync.hub.server import Hub
from sync.protocol import CreateHandoff, HandoffCreated
from tests.integration.hub.conftest import connect_peer
from tests.integration.scripts.conftest import RunningDesk
from tests.integration.workspace.conftest import AGENT, until

pytestmark = [pytest.mark.sip]


def _presence(db: Path) -> str | None:
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT p.state FROM agent_presence p JOIN users u ON u.id = p.user_id"
            " WHERE u.username = ?",
            (AGENT,),
        ).fetchone()
    return None if row is None else str(row[0])


def _login_dialog() -> LoginDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog)]
    return next((w for w in found if w.isVisible()), None)


@pytest.mark.asyncio
async def test_sign_out_closes_the_wrapup_and_sign_in_starts_a_new_shift(
    hub: Hub, qapp: QApplication, tmp_path: Path
) -> None:
    db = Path(hub.database_url.removeprefix("sqlite:///"))
    running = RunningDesk(hub, AGENT, tmp_path / "data", locale="en_US")
    dialer, _welcome = await connect_peer(hub, "dialer")
    try:
        desk = running.desk
        assert await until(lambda: desk.session is not None and desk.session.rules.from_hub, 20)
        first_ws, session = desk.workspace, desk.session
        assert first_ws is not None and session is not None
        session.go("ready")
        assert await until(lambda: _presence(db) == "ready")
        created = await dialer.request(
            CreateHandoff(agent=AGENT, campaign="temprana", mode="preview", ref="h")
        )
        assert isinstance(created, HandoffCreated), created
        assert await until(lambda: session.offer is not None), "no screen pop"

        # Ctrl+Shift+Q: the previewed debtor goes to wrap-up, which is submitted for the agent.
        first_ws.activateWindow()
        QTest.keyClick(
            first_ws,
            Qt.Key.Key_Q,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert await until(lambda: _login_dialog() is not None, 20), "no sign-in window"
        assert await until(lambda: _presence(db) == "logged_out")
        # Delivered before the sign-out finished, not left for the next sign-in.
        sql = "SELECT disposition FROM wrapups WHERE handoff_id = ?"
        assert _rows(db, sql, created.handoff_id) == [("wrapup_expired",)]
        assert desk.workspace is None and desk.phone is None  # the shift is closed
        assert not first_ws.isVisible()

        # Sign in again: the password is asked for this time (it was forgotten on sign-out).
        dialog = _login_dialog()
        assert dialog is not None and dialog.password.text() == ""
        dialog.password.setText(DEMO_PASSWORD)
        dialog.sign_in_button.click()
        assert await until(
            lambda: (
                desk.workspace is not None
                and desk.workspace is not first_ws
                and desk.session is not None
                and desk.session.connection == "online"
            ),
            20,
        ), "the second shift never started"
        assert desk.phone is not None
        second = desk.session
        assert second is not None and second.offer is None and second.state == "not_ready"
        second.go("ready")
        assert await until(lambda: _presence(db) == "ready")
    finally:
        await dialer.ws.close()
        dialog = _login_dialog()
        if dialog is not None:
            dialog.reject()  # a failed check left the sign-in window up: quit from it
        if not running.task.done():
            assert await running.quit() == 0


def _rows(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()
