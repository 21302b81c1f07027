"""Supervisor orders and monitoring against the real hub: audited, relayed, refused clearly.

The monitor test's phone records what the desk asks of the softphone (dial with a grant,
change the grant in-dialog, hang up); the grant it is handed is checked with the agent's own
key, the one the agent's softphone verifies with. Audio itself is the softphone tests' job.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop.supervisor.commands import AgentCommands
from desktop.supervisor.desk import SupervisorDesk
from sync.hub.grants import agent_grant_key, verify_grant
from sync.protocol import AgentOrder, CreateHandoff, HandoffCreated, RaiseHelp
from tests.integration.hub.conftest import connect_peer

from .conftest import GRANT_SECRET, Floor, until

ANA_URI = "sip:ana@127.0.0.1:5099"


class RecordingPhone:
    """Stands in for the supervisor's softphone: records the SIP side of the monitor flow."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any, ...]] = []

    def start_monitor(self, sip_uri: str, token: str) -> int:
        self.calls.append(("start", sip_uri, token))
        return 41

    def change_monitor(self, call_id: int, token: str) -> None:
        self.calls.append(("change", call_id, token))

    def hangup(self, call_id: int) -> None:
        self.calls.append(("hangup", call_id))


def orders(events: list[Any]) -> list[AgentOrder]:
    return [e for e in events if isinstance(e, AgentOrder)]


@pytest.mark.asyncio
async def test_orders_reach_the_agent_and_are_audited(floor: Floor) -> None:
    ana, heard = await floor.sign_in("ana")
    await ana.set_state("ready", sip_uri=ANA_URI)
    await floor.wait_row("ana", lambda e: e.state == "ready")
    desk, window = floor.desk, floor.desk.window
    assert window.floor.select_agent("ana")
    assert window.actions_by_name["force_not_ready"].isEnabled()
    assert not window.actions_by_name["extend_60"].isEnabled()  # not in wrap-up

    window.actions_by_name["force_not_ready"].trigger()
    row = await floor.wait_row("ana", lambda e: e.state == "not_ready")
    assert row.pause_code == "supervisor"
    assert await until(lambda: len(orders(heard.events)) == 1)
    assert orders(heard.events)[0].action == "force_not_ready"
    assert orders(heard.events)[0].by == "Carmen Díaz"
    assert await until(lambda: window.notice.text() == "Ana López is now not ready.")

    task = desk.order("message", text="Ofrece el plan a 3 meses")
    assert task is not None and await task
    assert await until(lambda: len(orders(heard.events)) == 2)
    assert orders(heard.events)[1].text == "Ofrece el plan a 3 meses"

    box = desk.confirm_logout()
    assert box is not None and box.objectName() == "confirmLogout"
    box.accept()
    await floor.wait_row("ana", lambda e: e.state == "logged_out")

    audit = floor.rows(
        "SELECT a.action, a.target FROM audit_log a JOIN users u ON u.id = a.user_id "
        "WHERE u.username = 'carmen' AND a.action LIKE 'agent.%' ORDER BY a.id"
    )
    assert audit == [
        ("agent.force_not_ready", "agent:ana:done"),
        ("agent.message", "agent:ana:done"),
        ("agent.logout", "agent:ana:done"),
    ]


@pytest.mark.asyncio
async def test_refusals_are_shown_in_words(floor: Floor) -> None:
    outcome = await floor.desk.commands.send("nadie", "Nadie", "force_not_ready")
    assert not outcome.ok and outcome.text == "The hub does not know that agent."
    roberto, _ = await floor.sign_in("roberto")  # a team lead may only send messages
    refused = await AgentCommands(roberto.request).send("ana", "Ana", "force_not_ready")
    assert not refused.ok and refused.text == "You are not allowed to do that."
    await floor.client.stop()
    offline = await floor.desk.commands.send("ana", "Ana", "message", text="hola")
    assert not offline.ok and offline.text.startswith("The hub is offline")


@pytest.mark.asyncio
async def test_listen_coach_join_leave_with_real_grants(floor: Floor) -> None:
    phone = RecordingPhone()
    desk = SupervisorDesk(floor.client.request, phone, "Carmen Díaz", "en_US")
    ana, _ = await floor.sign_in("ana")
    await ana.set_state("ready", sip_uri=ANA_URI)
    await floor.wait_row("ana", lambda e: e.state == "ready")
    dialer, _ = await connect_peer(floor.hub, "dialer")
    try:
        created = await dialer.request(CreateHandoff(agent="ana", campaign="temprana", ref="h"))
        assert isinstance(created, HandoffCreated), created
        await floor.wait_row("ana", lambda e: e.state == "on_call")
        desk.model.apply_snapshot(0, floor.desk.model.entries())
        assert desk.floor.select_agent("ana")

        desk.floor.agent_activated.emit("ana")  # Enter on the row: listen
        assert await until(lambda: desk.monitor.state == "live")
        key = agent_grant_key(GRANT_SECRET, "ana")
        kind, uri, token = phone.calls[0]
        claims = verify_grant(token, key, dt.datetime.now(dt.UTC))
        assert (kind, uri) == ("start", ANA_URI)
        assert (claims.agent, claims.supervisor, claims.mode) == ("ana", "carmen", "listen")
        assert claims.handoff_id == created.handoff_id

        desk.window.actions_by_name["coach"].trigger()
        assert await until(lambda: desk.monitor.mode == "coach")
        desk.window.actions_by_name["join"].trigger()
        assert await until(lambda: desk.monitor.mode == "join")
        modes = [verify_grant(c[2], key, dt.datetime.now(dt.UTC)).mode for c in phone.calls[1:]]
        assert [c[:2] for c in phone.calls[1:]] == [("change", 41), ("change", 41)]
        assert modes == ["coach", "join"]
        assert desk.window.monitor_panel.status.text().startswith("Join · Ana López · 00:0")

        desk.window.actions_by_name["leave"].trigger()
        assert await until(lambda: desk.monitor.state == "idle")
        assert phone.calls[-1] == ("hangup", 41)
        audit = floor.rows(
            "SELECT action FROM audit_log a JOIN users u ON u.id = a.user_id "
            "WHERE u.username = 'carmen' AND a.action LIKE 'monitor.%' ORDER BY a.id"
        )
        assert [a for (a,) in audit] == [
            "monitor.listen",
            "monitor.coach",
            "monitor.join",
            "monitor.end",
        ]
    finally:
        await desk.stop()
        await dialer.ws.close()


@pytest.mark.asyncio
async def test_wrap_up_is_extended_and_a_raised_hand_cleared(floor: Floor) -> None:
    ana, heard = await floor.sign_in("ana")
    await ana.set_state("ready", sip_uri=ANA_URI)
    await floor.wait_row("ana", lambda e: e.state == "ready")
    dialer, _ = await connect_peer(floor.hub, "dialer")
    try:
        created = await dialer.request(CreateHandoff(agent="ana", campaign="temprana", ref="h"))
        assert isinstance(created, HandoffCreated), created
        await floor.wait_row("ana", lambda e: e.state == "on_call")
        await ana.set_state("wrap_up")  # the agent hung up: the desk moves to wrap-up
        before = await floor.wait_row("ana", lambda e: e.state == "wrap_up")
        desk, window = floor.desk, floor.desk.window
        assert window.floor.select_agent("ana")
        window.update_actions()
        assert window.actions_by_name["extend_60"].isEnabled()

        dialog = desk.ask_extension()
        assert dialog is not None
        dialog.setIntValue(90)
        dialog.accept()
        assert await until(lambda: any(o.seconds == 90 for o in orders(heard.events)))
        old_deadline = before.wrapup_deadline
        assert old_deadline is not None  # the campaign's limit, from the hub
        await floor.wait_row(
            "ana", lambda e: e.wrapup_deadline == old_deadline + dt.timedelta(seconds=90)
        )

        await ana.request(RaiseHelp(message="¿Puedo ofrecer quita?"))
        await floor.wait_row("ana", lambda e: e.help_message is not None)
        window.update_actions()
        window.actions_by_name["clear_help"].trigger()
        await floor.wait_row("ana", lambda e: e.help_message is None)
        assert [o.action for o in orders(heard.events)] == ["extend_wrapup", "clear_help"]
    finally:
        await dialer.ws.close()
