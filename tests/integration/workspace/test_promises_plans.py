"""Promises against the real hub: plans with their instalments, the read-back gate, the
confirmation message, and a promise saved offline that syncs when the hub comes back.

Each test drives the production promise form the way a negotiator would and checks the hub's
own tables, not only the screen.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sync.hub.server import Hub
from tests.integration.workspace.conftest import Desk, until

pytestmark = [pytest.mark.sip]


async def _verified_preview(desk: Desk) -> int:
    """A previewed debtor on screen with the identity confirmed; returns the debtor id."""
    desk.session.go("ready")
    assert await until(lambda: presence(desk) == "ready")
    created = await desk.offer_call("preview")
    QTest.keyClick(desk.workspace, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert desk.session.right_party == "verified"
    return created.debtor_id


def presence(desk: Desk) -> str | None:
    rows = desk.rows(
        "SELECT p.state FROM agent_presence p JOIN users u ON u.id = p.user_id "
        "WHERE u.username = 'ana'"
    )
    return str(rows[0][0]) if rows else None


def _saved_keys(desk: Desk) -> list[str]:
    keys: list[str] = []
    desk.session.promise_saved.connect(lambda item: keys.append(item.key))
    return keys


@pytest.mark.asyncio
async def test_a_plan_reaches_the_hub_with_its_instalments(desk: Desk) -> None:
    debtor_id = await _verified_preview(desk)
    form = desk.workspace.promise_form
    keys = _saved_keys(desk)
    form.confirm_to.setCurrentIndex(0)  # no message in this test
    form.select_kind("plan")
    form.plan.count.setValue(3)
    form.channel.setCurrentIndex(form.channel.findData("convenience_store"))
    assert "in 3 instalments" in form.read_back.text()
    form.read_back_done.setChecked(True)
    form.save_button.click()
    assert await until(lambda: len(keys) == 1)
    assert await until(lambda: desk.session.outbox.state_of(keys[0]) == "synced")
    ((amount, instalments, channel),) = desk.rows(
        "SELECT amount_cents, instalments, payment_channel FROM promises WHERE key = ?", keys[0]
    )
    plan = json.loads(instalments) if isinstance(instalments, str) else instalments
    assert len(plan) == 3 and sum(i["amount_cents"] for i in plan) == amount
    assert channel == "convenience_store"
    (balance,) = desk.rows(
        "SELECT SUM(balance_cents) FROM accounts WHERE id = ?",
        form.current_account().id,  # type: ignore[union-attr]
    )[0]
    assert amount == balance
    assert desk.rows("SELECT COUNT(*) FROM promises WHERE debtor_id = ?", debtor_id)[0][0] >= 1


@pytest.mark.asyncio
async def test_nothing_is_saved_until_the_promise_was_read_back(desk: Desk) -> None:
    await _verified_preview(desk)
    form = desk.workspace.promise_form
    keys = _saved_keys(desk)
    assert not form.save_button.isEnabled()
    QTest.keyClick(form.amount, Qt.Key.Key_Return)  # Enter in the amount does not bypass it
    assert form.problems.text() == "Read the promise back to the debtor before saving."
    await until(lambda: False, timeout_s=0.3)
    assert keys == []
    assert desk.rows("SELECT COUNT(*) FROM promises")[0][0] == 0
    form.read_back_done.setChecked(True)
    QTest.keyClick(form.amount, Qt.Key.Key_Return)
    assert await until(lambda: len(keys) == 1)


@pytest.mark.asyncio
async def test_the_confirmation_is_queued_to_the_debtor_through_the_hub(desk: Desk) -> None:
    debtor_id = await _verified_preview(desk)
    form = desk.workspace.promise_form
    if form.confirm_to.count() < 2:
        pytest.skip("the seeded debtor has no phone or e-mail that may be messaged")
    keys = _saved_keys(desk)
    form.confirm_to.setCurrentIndex(1)
    channel = form.confirm_to.currentData().channel
    form.read_back_done.setChecked(True)
    form.save_button.click()
    assert await until(lambda: len(keys) == 1)
    outbox = desk.session.outbox
    assert await until(lambda: outbox.rowCount() == 2)  # the promise and its confirmation
    message = outbox.data(outbox.index(0), outbox.ItemRole)
    assert message.kind == "message"
    assert await until(lambda: outbox.state_of(message.key) == "synced")
    rows = desk.rows(
        "SELECT channel, direction, detail FROM history_events "
        "WHERE debtor_id = ? AND channel = ? AND direction = 'out' ORDER BY id DESC LIMIT 1",
        debtor_id,
        channel,
    )
    assert rows, "no outgoing message in the debtor's history"
    detail = json.loads(rows[0][2]) if isinstance(rows[0][2], str) else rows[0][2]
    assert detail.get("status") == "queued"


@pytest.mark.asyncio
async def test_a_promise_saved_offline_syncs_when_the_hub_is_back(desk: Desk) -> None:
    await _verified_preview(desk)
    form = desk.workspace.promise_form
    keys = _saved_keys(desk)
    port = desk.hub.port
    await desk.hub.stop()
    assert await until(lambda: desk.session.connection != "online")
    form.confirm_to.setCurrentIndex(0)
    form.read_back_done.setChecked(True)
    form.save_button.click()
    assert await until(lambda: len(keys) == 1)
    assert desk.session.outbox.state_of(keys[0]) == "saved"
    assert "Saved locally" in form.items.model().index(0, 0).data()
    back = Hub(f"sqlite:///{desk.db_path}", host="127.0.0.1", port=port)
    await back.start()
    try:
        assert await until(lambda: desk.session.outbox.state_of(keys[0]) == "synced", 30)
        assert desk.rows("SELECT COUNT(*) FROM promises WHERE key = ?", keys[0])[0][0] == 1
    finally:
        await desk.client.stop()
        await back.stop()


@pytest.mark.asyncio
async def test_wrap_up_hotkey_and_a_callback_for_me(desk: Desk) -> None:
    desk.session.username = "ana"  # the desk sets it from the sign-in
    debtor_id = await _verified_preview(desk)
    ws = desk.workspace
    ws.call_bar.hangup_button.click()
    assert await until(lambda: ws.wrapup.isVisible())
    assert ws.wrapup.radios["callback"].text() == "Call back later  (Alt+2)"
    QTest.keyClick(ws.wrapup, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert ws.wrapup.selected() == "callback"
    assert ws.wrapup.callback.wanted.isChecked()  # "call back later" opens the picker
    ws.wrapup.callback.for_me.setChecked(True)
    ws.wrapup.submit_button.click()
    assert await until(lambda: desk.session.state == "ready")
    assert await until(
        lambda: (
            desk.rows(
                "SELECT u.username FROM callbacks c JOIN users u ON u.id = c.for_agent_id "
                "WHERE c.debtor_id = ?",
                debtor_id,
            )
            == [("ana",)]
        )
    )
    ((callback_at,),) = desk.rows(
        "SELECT callback_at FROM wrapups WHERE debtor_id = ? AND disposition = 'callback'",
        debtor_id,
    )
    assert callback_at is not None
