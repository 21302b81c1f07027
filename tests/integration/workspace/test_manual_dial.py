"""Manual dial (Ctrl+D) for the debtor on screen: refused with the reason when the number is not
valid, not on the record, do-not-call, flagged wrong, or the debtor's local time is outside the
calling window; dialled through the trunk (RTP back) when it may be.

Real hub, real desk, the dialer simulator as the trunk. The debtor is opened as a callback at
night (so nothing is dialled on its own); the desk's clock is set, never the test's timing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.agent.manual_dial import ManualDialDialog
from tests.integration.workspace.conftest import (
    Desk,
    dialable_debtor,
    midday_in,
    night_in,
    schedule_callback,
    trunk,
    until,
)

pytestmark = [pytest.mark.sip, pytest.mark.usefixtures("trunk_port")]

DNC = "+52 55 1234 5678"
WRONG = "+52 33 3615 0000"
NOT_ON_RECORD = "+52 55 9999 0000"


def _add_phones(db_path: object, debtor_id: int) -> None:
    with sqlite3.connect(str(db_path)) as conn:
        conn.executemany(
            "INSERT INTO contact_points (debtor_id, kind, value, valid, label, do_not_call)"
            " VALUES (?, 'phone', ?, ?, ?, ?)",
            [(debtor_id, DNC, 1, "trabajo", 1), (debtor_id, WRONG, 0, "casa", 0)],
        )


async def _refused(desk: Desk, dialog: ManualDialDialog, typed: str, reason: str) -> None:
    dialog.number.setEditText(typed)
    dialog.dial_button.click()
    assert await until(lambda: reason in desk.workspace.banner.text()), (
        typed,
        desk.workspace.banner.text(),
    )
    assert dialog.isVisible()  # the agent corrects the number in place
    assert desk.session.call is None
    desk.workspace.banner.clear()


@pytest.mark.asyncio
async def test_manual_dial_refuses_with_the_reason_and_dials_a_number_on_record(
    desk: Desk, trunk_port: int
) -> None:
    ws, session, dialing = desk.workspace, desk.session, desk.workspace.dialing
    debtor_id, phone = dialable_debtor(desk.db_path)
    zone = desk.rows("SELECT timezone FROM debtors WHERE id = ?", debtor_id)[0][0]
    _add_phones(desk.db_path, debtor_id)
    callback_id = schedule_callback(
        desk.hub, debtor_id, dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    )
    dialing.own_calls.clock = night_in(zone)
    dialing.agenda.refresh()
    assert await until(lambda: any(i.id == callback_id for i in dialing.agenda.model.items))
    dialing.callbacks_panel.select(callback_id)
    dialing.callbacks_panel.dial_button.click()
    assert await until(lambda: session.offer is not None), "the debtor never popped"
    assert await until(lambda: "outside the calling window" in ws.banner.text())
    assert session.call is None and session.state == "on_call"

    QTest.keyClick(ws, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = dialing.manual_dialog
    assert await until(dialog.isVisible)
    choices = [dialog.number.itemText(i) for i in range(dialog.number.count())]
    assert len(choices) == 3
    assert any(DNC in c and "do not call" in c for c in choices)
    assert any(WRONG in c and "wrong number" in c for c in choices)

    await _refused(desk, dialog, phone, "outside the calling window")
    dialing.own_calls.clock = midday_in(zone)
    await _refused(desk, dialog, "555", "not a valid phone number")
    await _refused(desk, dialog, NOT_ON_RECORD, "not on this debtor's record")
    await _refused(desk, dialog, DNC, "Do not call")
    await _refused(desk, dialog, WRONG, "marked as a wrong number")

    async with trunk(desk.hub, trunk_port):
        dialog.number.setCurrentIndex(dialog.number.findData(phone))
        dialog.dial_button.click()
        assert await until(lambda: not dialog.isVisible())
        assert await until(
            lambda: session.call is not None and session.call.state == "confirmed", 15
        ), "the trunk never answered"
        call_id = session.call.call_id  # type: ignore[union-attr]
        assert await until(
            lambda: (p := desk.phone.call(call_id)) is not None and p.rx_rtp_packets > 0
        ), "no RTP from the trunk"
        # A second number while this call is up is refused too.
        ws.activateWindow()  # focus went back nowhere when the dialog closed (offscreen)
        await until(ws.isActiveWindow, 2)
        QTest.keyClick(ws, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        assert await until(dialog.isVisible)
        dialog.number.setEditText(phone)
        dialog.dial_button.click()
        shown = lambda: ws.statusBar().currentMessage()  # noqa: E731
        assert await until(lambda: "Hang up the current call first" in shown(), 3), shown()
        dialog.reject()
        ws.call_bar.hangup_button.click()
        assert await until(lambda: session.state == "wrap_up")
        session.ready_after_wrapup = False
        ws.wrapup.choose("promise_to_pay")
        ws.wrapup.submit_button.click()
        assert await until(
            lambda: (
                desk.rows("SELECT state FROM callbacks WHERE id = ?", callback_id) == [("done",)]
            )
        )
