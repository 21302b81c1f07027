"""Callbacks: listed with their due time, a reminder when due, dialled from the list, closed
by the wrap-up — against the real hub, the real desk and the dialer simulator as the trunk.

The callback row is put in the hub's database as a wrap-up elsewhere would have left it; from
there everything goes through the production paths (`callbacks.fetch`, `debtor.fetch`, a SIP
call through the trunk with RTP coming back, `wrapup.submit` with its `callback_id`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.agent.callbacks_model import CallbacksModel
from desktop.common.formatting import format_datetime
from tests.integration.workspace.conftest import (
    Desk,
    dialable_debtor,
    midday_in,
    schedule_callback,
    trunk,
    until,
)

pytestmark = [pytest.mark.sip, pytest.mark.usefixtures("trunk_port")]


def _row_of(model: CallbacksModel, callback_id: int) -> int:
    return next((r for r, item in enumerate(model.items) if item.id == callback_id), -1)


def _due_text(model: CallbacksModel, callback_id: int) -> str:
    return str(model.data(model.index(_row_of(model, callback_id), 0)))


@pytest.mark.asyncio
async def test_a_due_callback_is_listed_reminded_dialled_and_closed_by_the_wrapup(
    desk: Desk, trunk_port: int
) -> None:
    ws, session = desk.workspace, desk.session
    dialing = ws.dialing
    debtor_id, _phone = dialable_debtor(desk.db_path)
    name, zone = desk.rows(
        "SELECT first_name || ' ' || last_name, timezone FROM debtors WHERE id = ?", debtor_id
    )[0]
    due = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(seconds=3)
    callback_id = schedule_callback(desk.hub, debtor_id, due, note="after payday")

    # Listed with its due time (not overdue yet), and the reminder comes once it is due.
    dialing.agenda.check_every(100)
    dialing.agenda.refresh()
    model = dialing.agenda.model
    assert await until(lambda: _row_of(model, callback_id) >= 0), "callback never listed"
    local_zone = dt.datetime.now().astimezone().tzinfo
    assert _due_text(model, callback_id) == format_datetime(due, session.locale, local_zone)
    row = _row_of(model, callback_id)
    assert model.data(model.index(row, 1)) == name
    assert model.data(model.index(row, 2)) == "after payday"
    assert model.data(model.index(row, 0), CallbacksModel.OverdueRole) is False
    assert dialing.reminders == 0
    assert await until(lambda: dialing.reminders == 1, 10), "no reminder when due"
    assert name in ws.statusBar().currentMessage()
    assert model.data(model.index(_row_of(model, callback_id), 0), CallbacksModel.OverdueRole)
    assert _due_text(model, callback_id).endswith("overdue")
    await until(lambda: False, 0.3)
    assert dialing.reminders == 1  # once per callback, not at every check

    # Dial from the list with the keyboard: Ctrl+B focuses it, Enter dials the selection.
    dialing.own_calls.clock = midday_in(zone)
    session.ready_after_wrapup = False  # nobody else is to be called after this one
    async with trunk(desk.hub, trunk_port):
        QTest.keyClick(ws, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        assert ws.left_tabs.currentWidget() is dialing.callbacks_panel
        dialing.callbacks_panel.select(callback_id)
        QTest.keyClick(dialing.callbacks_panel.table, Qt.Key.Key_Return)
        assert await until(lambda: session.offer is not None), "the debtor never popped"
        assert session.offer is not None and session.offer.debtor.id == debtor_id
        assert session.current_callback_id == callback_id
        assert await until(
            lambda: session.call is not None and session.call.state == "confirmed", 15
        ), "the trunk never answered"
        assert not dialing.offline_note.isVisible()  # live data from the hub
        call_id = session.call.call_id  # type: ignore[union-attr]
        assert await until(
            lambda: (p := desk.phone.call(call_id)) is not None and p.rx_rtp_packets > 0
        ), "no RTP from the trunk"
        ws.call_bar.hangup_button.click()
        assert await until(lambda: session.state == "wrap_up")
        ws.wrapup.choose("promise_to_pay")
        ws.wrapup.submit_button.click()
        assert await until(
            lambda: (
                desk.rows("SELECT state FROM callbacks WHERE id = ?", callback_id) == [("done",)]
            )
        ), "the wrap-up did not close the callback"
    wrapups = desk.rows(
        "SELECT debtor_id, handoff_id FROM wrapups WHERE callback_id = ?", callback_id
    )
    assert wrapups == [(debtor_id, None)]  # the agent's own call: no dialer handoff
    # The list is fetched again after the wrap-up: the callback is gone from it.
    assert await until(lambda: _row_of(model, callback_id) < 0)


@pytest.mark.asyncio
async def test_a_debtor_with_no_callable_number_pops_but_is_not_dialled(desk: Desk) -> None:
    """Every phone flagged do-not-call: the record opens, the refusal says why, no call."""
    session, dialing = desk.session, desk.workspace.dialing
    debtor_id, _phone = dialable_debtor(desk.db_path)
    zone = desk.rows("SELECT timezone FROM debtors WHERE id = ?", debtor_id)[0][0]
    with sqlite3.connect(desk.db_path) as conn:
        conn.execute(
            "UPDATE contact_points SET do_not_call = 1 WHERE debtor_id = ? AND kind = 'phone'",
            (debtor_id,),
        )
    due = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    callback_id = schedule_callback(desk.hub, debtor_id, due)
    dialing.own_calls.clock = midday_in(zone)
    dialing.agenda.refresh()
    assert await until(lambda: _row_of(dialing.agenda.model, callback_id) >= 0)
    dialing.callbacks_panel.select(callback_id)
    dialing.callbacks_panel.dial_button.click()
    assert await until(lambda: session.offer is not None)
    assert await until(lambda: "Do not call" in desk.workspace.banner.text())
    assert session.call is None
