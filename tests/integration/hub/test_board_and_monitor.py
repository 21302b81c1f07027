"""Supervisor board (snapshot, then deltas) and monitor grants through a real hub."""

from __future__ import annotations

import datetime as dt

import pytest

from sync.hub.grants import GrantInvalid, agent_grant_key, grant_key_from_text, verify_grant
from sync.hub.server import Hub
from sync.protocol import (
    BoardDelta,
    BoardSnapshot,
    Error,
    HandoffOffer,
    MonitorGrant,
    RequestMonitor,
    SetAgentState,
    SubscribeBoard,
)

from .conftest import connect_peer, rows
from .test_call_flow import hand_off, ready_agent_and_dialer


@pytest.mark.asyncio
async def test_board_snapshot_then_deltas_and_agents_are_refused(hub: Hub) -> None:
    boss, _ = await connect_peer(hub, "carmen")
    async with boss:
        snapshot = await boss.request(SubscribeBoard(ref="b"))
        assert isinstance(snapshot, BoardSnapshot), snapshot
        names = [e.agent for e in snapshot.agents]
        assert "ana" in names and "carmen" not in names and names == sorted(names)
        ws, dialer = await ready_agent_and_dialer(hub)
        async with ws, dialer:
            ready = await boss.receive_type(BoardDelta)
            assert (ready.entry.agent, ready.entry.state) == ("ana", "ready")
            assert ready.seq > snapshot.seq
            created = await hand_off(dialer)
            offer = await ws.receive_type(HandoffOffer)
            call = await boss.receive_type(BoardDelta)
            assert call.entry.state == "on_call" and call.entry.handoff_id == created.handoff_id
            assert call.entry.campaign == "temprana" and call.entry.call_started_at is not None
            assert call.entry.debtor_ref == f"…{offer.debtor.id % 100:02d}"  # masked
            await ws.send(SetAgentState(state="not_ready", pause_code="lunch"))
            paused = await boss.receive_type(BoardDelta)
            assert (paused.entry.state, paused.entry.pause_code) == ("not_ready", "lunch")
            refused = await ws.request(SubscribeBoard(ref="x"))
            assert isinstance(refused, Error) and refused.code == "forbidden"


@pytest.mark.asyncio
async def test_monitor_grant_is_signed_short_lived_and_audited(hub: Hub, database_url: str) -> None:
    boss, _ = await connect_peer(hub, "carmen")
    lead, _ = await connect_peer(hub, "roberto")
    async with boss, lead:
        idle = await boss.request(RequestMonitor(agent="ana", mode="listen", ref="m0"))
        assert isinstance(idle, Error) and idle.code == "not_on_call"
        ws, dialer = await ready_agent_and_dialer(hub)
        async with ws, dialer:
            created = await hand_off(dialer)
            grant = await boss.request(RequestMonitor(agent="ana", mode="coach", ref="m1"))
            assert isinstance(grant, MonitorGrant), grant
            assert (grant.agent, grant.supervisor, grant.mode) == ("ana", "carmen", "coach")
            assert grant.handoff_id == created.handoff_id and grant.sip_uri == created.sip_uri
            now = dt.datetime.now(dt.UTC)
            assert now < grant.expires_at <= now + dt.timedelta(seconds=61)
            # Signed with ana's own key (from her welcome), not the hub's secret itself.
            _, ana_welcome = await connect_peer(hub, "ana")
            assert ana_welcome.grant_key is not None
            key = grant_key_from_text(ana_welcome.grant_key)
            assert key == agent_grant_key(hub.context.grant_secret, "ana")
            claims = verify_grant(grant.token, key, now)
            assert (claims.handoff_id, claims.mode) == (created.handoff_id, "coach")
            assert claims.notify_agent  # coach is always announced
            with pytest.raises(GrantInvalid):
                verify_grant(grant.token, hub.context.grant_secret, now)
            with pytest.raises(GrantInvalid):
                verify_grant(grant.token, agent_grant_key(hub.context.grant_secret, "luis"), now)
            join = await lead.request(RequestMonitor(agent="ana", mode="join", ref="m2"))
            assert isinstance(join, Error) and join.code == "forbidden"
            listen = await lead.request(RequestMonitor(agent="ana", mode="listen", ref="m3"))
            assert isinstance(listen, MonitorGrant)
            # Listening is not announced unless ACUERDO_HUB_LISTEN_NOTICE=shown.
            assert not verify_grant(listen.token, key, now).notify_agent
            agent_try = await ws.request(RequestMonitor(agent="ana", mode="listen", ref="m4"))
            assert isinstance(agent_try, Error) and agent_try.code == "forbidden"
    audited = rows(database_url, "SELECT action, target FROM audit_log WHERE action LIKE ? "
                   "ORDER BY id", "monitor.%")  # fmt: skip
    assert audited == [
        ("monitor.listen", "agent:ana:not_on_call"),
        ("monitor.coach", "agent:ana:granted"),
        ("monitor.join", "agent:ana:forbidden"),
        ("monitor.listen", "agent:ana:granted"),
    ]
