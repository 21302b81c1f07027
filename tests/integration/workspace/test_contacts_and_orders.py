"""Contact points, the raised hand, supervisor orders and call status, against the real hub.

The agent's side is the production workspace; the supervisor is a real protocol client
(carmen) whose `agent.command` the hub relays to the desk as `agent.order` stream events.
Each test checks the hub's tables or board as well as the screen.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.agent.call_status_reporter import CallStatusReporter
from sync.protocol import BoardEntry, BoardSnapshot, CommandAgent, Done, SubscribeBoard
from tests.integration.hub.conftest import Peer, connect_peer
from tests.integration.workspace.conftest import Desk, until
from tests.integration.workspace.test_promises_plans import presence

pytestmark = [pytest.mark.sip]


async def _preview(desk: Desk) -> str:
    desk.session.go("ready")
    assert await until(lambda: presence(desk) == "ready")
    created = await desk.offer_call("preview")
    return created.handoff_id


async def _supervisor(desk: Desk) -> Peer:
    # The desk fixture routes stream events (agent.order) to the session like desktop.desk.
    peer, _welcome = await connect_peer(desk.hub, "carmen")
    return peer


async def _order(peer: Peer, action: str, **extra: object) -> None:
    reply = await peer.request(CommandAgent(agent="ana", action=action, ref=action, **extra))  # type: ignore[arg-type]
    assert isinstance(reply, Done), reply


async def _board_entry(peer: Peer) -> BoardEntry:
    snapshot = await peer.request(SubscribeBoard(ref="board"))
    assert isinstance(snapshot, BoardSnapshot), snapshot
    return next(e for e in snapshot.agents if e.agent == "ana")


def _point_valid(desk: Desk, point_id: int) -> bool:
    return bool(desk.rows("SELECT valid FROM contact_points WHERE id = ?", point_id)[0][0])


@pytest.mark.asyncio
async def test_wrong_number_then_valid_update_the_record_optimistically(desk: Desk) -> None:
    await _preview(desk)
    book, view = desk.session.contacts, desk.workspace.debtor_panel.contacts
    assert view is not None and book.rowCount() > 0
    row = next(r for r in range(book.rowCount()) if book.point(r).valid)  # type: ignore[union-attr]
    point_id = book.point(row).id  # type: ignore[union-attr]
    view.select_row(row)
    view.wrong_button.click()
    assert not book.point(row).valid  # type: ignore[union-attr] # at once, before the hub
    assert "wrong number" in book.index(row).data()
    assert await until(lambda: book.state_of(point_id) == "synced")
    assert "Synced" in book.index(row).data()
    assert not _point_valid(desk, point_id)
    assert view.valid_button.isEnabled() and not view.wrong_button.isEnabled()
    view.valid_button.click()
    assert await until(lambda: _point_valid(desk, point_id))


@pytest.mark.asyncio
async def test_a_new_number_is_validated_before_it_is_added(desk: Desk) -> None:
    created_debtor = await _preview(desk)
    assert created_debtor
    book, view = desk.session.contacts, desk.workspace.debtor_panel.contacts
    assert view is not None
    before = book.rowCount()
    view.new_number.setText("12345")
    QTest.keyClick(view.new_number, Qt.Key.Key_Return)
    assert not view.problem.isHidden() and book.rowCount() == before
    view.new_number.setText("81 1234 5678")
    view.add_button.click()
    assert view.problem.isHidden() and book.rowCount() == before + 1
    point = book.point(before)
    assert point is not None and point.value == "+528112345678"
    assert await until(lambda: book.state_of(point.id) == "synced")
    assert desk.rows("SELECT COUNT(*) FROM contact_points WHERE value = '+528112345678'")[0][0] == 1


@pytest.mark.asyncio
async def test_help_is_raised_and_cleared_on_the_supervisors_board(desk: Desk) -> None:
    peer = await _supervisor(desk)
    try:
        button = desk.workspace.top_bar.help_button
        QTest.keyClick(desk.workspace, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
        assert button.prompt.isVisible()
        button.prompt.text.setText("debtor disputes the balance")
        button.prompt.send_button.click()
        assert await until(lambda: desk.session.help.raised)
        assert button.text() == "Help requested · withdraw"
        assert (await _board_entry(peer)).help_message == "debtor disputes the balance"
        button.click()  # withdraw
        assert await until(lambda: not desk.session.help.raised)
        assert (await _board_entry(peer)).help_message is None
        # Raised again, then the supervisor closes it from the board.
        assert desk.session.help.ask("second question") is None
        assert await until(lambda: desk.session.help.raised)
        await _order(peer, "clear_help")
        assert await until(lambda: not desk.session.help.raised)
        assert desk.workspace.order_notice.title.text() == "Help request closed"
    finally:
        await peer.ws.close()


@pytest.mark.asyncio
async def test_a_message_and_force_not_ready_from_a_supervisor(desk: Desk) -> None:
    peer = await _supervisor(desk)
    try:
        desk.session.go("ready")
        assert await until(lambda: presence(desk) == "ready")
        await _order(peer, "message", text="<b>Team huddle</b> at 12:00")
        notice = desk.workspace.order_notice
        assert await until(lambda: notice.isVisible())
        assert notice.title.text() == "Message from Carmen Díaz"
        assert notice.text.text() == "<b>Team huddle</b> at 12:00"  # plain text, not markup
        assert notice.text.textFormat() == Qt.TextFormat.PlainText
        await _order(peer, "force_not_ready")
        assert await until(lambda: desk.session.state == "not_ready")
        assert desk.session.pause_code == "supervisor"
        assert desk.workspace.top_bar.state.text() == "Not ready · set by a supervisor"
        assert presence(desk) == "not_ready"
    finally:
        await peer.ws.close()


@pytest.mark.asyncio
async def test_extend_wrapup_then_logout_saves_the_wrap_up_first(desk: Desk) -> None:
    peer = await _supervisor(desk)
    try:
        handoff_id = await _preview(desk)
        ws = desk.workspace
        ws.call_bar.hangup_button.click()  # preview with no call: straight to wrap-up
        assert await until(lambda: ws.wrapup.isVisible())
        deadline = desk.session.wrapup_deadline
        assert deadline is not None
        await _order(peer, "extend_wrapup", seconds=120)
        assert await until(lambda: desk.session.wrapup_deadline == deadline + 120)
        # 60 s of campaign limit plus the supervisor's 120 s, shown at once.
        assert any(t in ws.wrapup.countdown.text() for t in ("in 3:00", "in 2:5"))
        signed_out: list[bool] = []
        desk.session.logout_ordered.connect(lambda: signed_out.append(True))
        ws.wrapup.choose("no_agreement")
        await _order(peer, "logout")
        assert await until(lambda: signed_out == [True])
        assert desk.session.state == "logged_out"
        assert await until(
            lambda: (
                desk.rows("SELECT disposition FROM wrapups WHERE handoff_id = ?", handoff_id)
                == [("no_agreement",)]
            )
        )
    finally:
        await peer.ws.close()


@pytest.mark.asyncio
async def test_call_status_reaches_the_board(desk: Desk) -> None:
    peer = await _supervisor(desk)
    try:
        handoff_id = await _preview(desk)
        reporter = CallStatusReporter(
            desk.client.request,
            desk.session._spawn,
            lambda: (handoff_id, 4.1, "greeting"),
        )
        reporter.call_started()
        assert await until(lambda: reporter.sent == 1)
        reporter.call_ended()
        entry = await _board_entry(peer)
        assert (entry.mos, entry.script_node) == (4.1, "greeting")
    finally:
        await peer.ws.close()
