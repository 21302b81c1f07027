"""Call status, raised hands and supervisors' orders through a real hub, as the board sees them."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from sync.hub.server import Hub
from sync.protocol import (
    AgentAvailability,
    AgentOrder,
    BoardDelta,
    BoardSnapshot,
    ClearHelp,
    CommandAgent,
    Done,
    EndMonitor,
    Error,
    HandoffOffer,
    RaiseHelp,
    ReportCallStatus,
    SetAgentState,
    SubmitWrapUp,
    SubscribeBoard,
    WriteAck,
)

from .conftest import Peer, connect_peer, rows
from .test_call_flow import hand_off, promise, ready_agent_and_dialer


async def next_delta(boss: Peer, agent: str = "ana") -> BoardDelta:
    while True:
        delta = await boss.receive_type(BoardDelta)
        if delta.entry.agent == agent:
            return delta


@pytest.mark.asyncio
async def test_status_help_and_counters_reach_the_board(hub: Hub, database_url: str) -> None:
    boss, _ = await connect_peer(hub, "carmen")
    async with boss:
        snapshot = await boss.request(SubscribeBoard(ref="b"))
        assert isinstance(snapshot, BoardSnapshot)
        ana = next(e for e in snapshot.agents if e.agent == "ana")
        assert (ana.team, ana.contacts_today, ana.help_message) == ("Equipo Centro", 0, None)
        ws, dialer = await ready_agent_and_dialer(hub)
        async with ws, dialer:
            await next_delta(boss)  # ready
            created = await hand_off(dialer)
            offer = await ws.receive_type(HandoffOffer)
            await next_delta(boss)  # on_call
            status = ReportCallStatus(
                handoff_id=created.handoff_id, mos=4.27, script_node="verify", ref="s1"
            )
            assert isinstance(await ws.request(status), Done)
            shown = (await next_delta(boss)).entry
            assert (shown.mos, shown.script_node) == (4.3, "verify")
            # The same figures again change nothing on the board: no delta.
            again = ReportCallStatus(
                handoff_id=created.handoff_id, mos=4.31, script_node="verify", ref="s2"
            )
            assert isinstance(await ws.request(again), Done)
            bad = await ws.request(ReportCallStatus(mos=7.0, ref="s3"))
            assert isinstance(bad, Error) and bad.code == "invalid"
            assert isinstance(await ws.request(RaiseHelp(message="Pide quita", ref="h")), Done)
            raised = (await next_delta(boss)).entry
            assert raised.help_message == "Pide quita" and raised.help_at is not None
            assert raised.mos == 4.3  # the earlier report was not followed by a delta
            assert isinstance(await ws.request(promise(offer, str(uuid.uuid4()))), WriteAck)
            await ws.send(SetAgentState(state="wrap_up"))
            wrapping = (await next_delta(boss)).entry
            assert wrapping.state == "wrap_up" and wrapping.wrapup_deadline is not None
            assert wrapping.promises_today == 1
            limit = wrapping.wrapup_deadline - (wrapping.since or dt.datetime.now(dt.UTC))
            assert limit == dt.timedelta(seconds=60)  # temprana's wrap-up limit
            wrap = SubmitWrapUp(
                key=str(uuid.uuid4()),
                handoff_id=created.handoff_id,
                debtor_id=offer.debtor.id,
                disposition="promise_to_pay",
                right_party="verified",
                ref="w",
            )
            assert isinstance(await ws.request(wrap), WriteAck)
            await ws.send(SetAgentState(state="ready"))
            ready = (await next_delta(boss)).entry
            assert (ready.state, ready.contacts_today, ready.promises_today) == ("ready", 1, 1)
            assert ready.mos is None and ready.script_node is None
            assert isinstance(await ws.request(ClearHelp(ref="c")), Done)
            assert (await next_delta(boss)).entry.help_message is None
            refused = await boss.request(RaiseHelp(message="x", ref="r"))
            assert isinstance(refused, Error) and refused.code == "forbidden"
    audited = rows(database_url, "SELECT action, target FROM audit_log WHERE action LIKE ? "
                   "ORDER BY id", "help.%")  # fmt: skip
    assert audited == [("help.raise", "agent:ana"), ("help.clear", "agent:ana")]
    stored = rows(database_url, "SELECT right_party, handle_s IS NOT NULL, wrapup_s IS NOT NULL "
                  "FROM wrapups")  # fmt: skip
    assert [(r[0], bool(r[1]), bool(r[2])) for r in stored] == [("verified", True, True)]


@pytest.mark.asyncio
async def test_supervisor_orders_are_checked_applied_relayed_and_audited(
    hub: Hub, database_url: str
) -> None:
    boss, _ = await connect_peer(hub, "carmen")
    lead, _ = await connect_peer(hub, "roberto")
    async with boss, lead:
        await boss.request(SubscribeBoard(ref="b"))
        ws, dialer = await ready_agent_and_dialer(hub)
        async with ws, dialer:
            await next_delta(boss)
            forbidden = await lead.request(CommandAgent(agent="ana", action="logout", ref="l1"))
            assert isinstance(forbidden, Error) and forbidden.code == "forbidden"
            note = CommandAgent(agent="ana", action="message", text="Buen trabajo", ref="l2")
            assert isinstance(await lead.request(note), Done)
            order = await ws.receive_type(AgentOrder)
            assert (order.action, order.by, order.text) == (
                "message",
                "Roberto Méndez",
                "Buen trabajo",
            )
            for bad, code in (
                (CommandAgent(agent="nadie", action="logout"), "unknown_agent"),
                (CommandAgent(agent="carmen", action="logout"), "unknown_agent"),
                (CommandAgent(agent="ana", action="extend_wrapup", seconds=0), "bad_request"),
                (CommandAgent(agent="ana", action="extend_wrapup", seconds=1801), "bad_request"),
                (CommandAgent(agent="ana", action="message", text=" "), "bad_request"),
            ):
                bad.ref = "x"
                answer = await boss.request(bad)
                assert isinstance(answer, Error) and answer.code == code, (bad, answer)
            agent_try = await ws.request(CommandAgent(agent="luis", action="logout", ref="a"))
            assert isinstance(agent_try, Error) and agent_try.code == "forbidden"
            forced = CommandAgent(agent="ana", action="force_not_ready", ref="f")
            assert isinstance(await boss.request(forced), Done)
            # The hub applied it: the dialer stops at once, whatever the desk does.
            seen = await dialer.receive_type(AgentAvailability)
            assert (seen.agent, seen.state) == ("ana", "not_ready")
            paused = (await next_delta(boss)).entry
            assert (paused.state, paused.pause_code) == ("not_ready", "supervisor")
            order = await ws.receive_type(AgentOrder)
            assert (order.action, order.by) == ("force_not_ready", "Carmen Díaz")
            await ws.send(SetAgentState(state="ready"))
            await dialer.receive_type(AgentAvailability)
            await next_delta(boss)
            created = await hand_off(dialer)
            await ws.send(SetAgentState(state="wrap_up"))
            first = (await next_delta(boss)).entry
            while first.state != "wrap_up":
                first = (await next_delta(boss)).entry
            extend = CommandAgent(agent="ana", action="extend_wrapup", seconds=120, ref="e")
            assert isinstance(await boss.request(extend), Done)
            extended = (await next_delta(boss)).entry
            assert first.wrapup_deadline is not None and extended.wrapup_deadline is not None
            assert extended.wrapup_deadline - first.wrapup_deadline == dt.timedelta(seconds=120)
            order = await ws.receive_type(AgentOrder)
            while order.action != "extend_wrapup":
                order = await ws.receive_type(AgentOrder)
            assert order.seconds == 120
            ended = EndMonitor(agent="ana", handoff_id=created.handoff_id, ref="m")
            assert isinstance(await boss.request(ended), Done)
            out = CommandAgent(agent="ana", action="logout", ref="o")
            assert isinstance(await boss.request(out), Done)
            assert (await next_delta(boss)).entry.state == "logged_out"
            assert (await ws.receive_type(AgentOrder)).action == "logout"
    audited = rows(database_url, "SELECT action, target FROM audit_log WHERE action LIKE ? "
                   "OR action = ? ORDER BY id", "agent.%", "monitor.end")  # fmt: skip
    assert audited == [
        ("agent.logout", "agent:ana:forbidden"),
        ("agent.message", "agent:ana:done"),
        ("agent.logout", "agent:nadie:unknown_agent"),
        ("agent.logout", "agent:carmen:unknown_agent"),
        ("agent.extend_wrapup", "agent:ana:bad_request"),
        ("agent.extend_wrapup", "agent:ana:bad_request"),
        ("agent.message", "agent:ana:bad_request"),
        ("agent.force_not_ready", "agent:ana:done"),
        ("agent.extend_wrapup", "agent:ana:done"),
        ("monitor.end", f"agent:ana:{created.handoff_id}"),
        ("agent.logout", "agent:ana:done"),
    ]
