"""Event streams across reconnects: token login with last_seq replays what was missed."""

from __future__ import annotations

import pytest
from websockets.asyncio.client import connect

from sync.hub.server import Hub
from sync.protocol import (
    AgentAvailability,
    CreateHandoff,
    HandoffCreated,
    HandoffOffer,
    Hello,
    SetAgentState,
    Welcome,
)

from .conftest import Peer, connect_peer, url_of

SIP = "sip:ana@127.0.0.1:5099"


async def token_login(hub: Hub, user: str, token: str, last_seq: int) -> tuple[Peer, Welcome]:
    peer = Peer(await connect(url_of(hub)))
    await peer.send(Hello(user=user, token=token, last_seq=last_seq, ref="again"))
    welcome = await peer.receive_type(Welcome)
    return peer, welcome


@pytest.mark.asyncio
async def test_dialer_connecting_late_gets_ready_agents_right_after_welcome(hub: Hub) -> None:
    agent, _ = await connect_peer(hub, "ana")
    async with agent:
        await agent.send(SetAgentState(state="ready", sip_uri=SIP))
        # A round trip proves the state change was processed before the dialer arrives.
        await agent.request(CreateHandoff(agent="x", campaign="y", ref="sync"))
        dialer, welcome = await connect_peer(hub, "dialer")
        async with dialer:
            snapshot = await dialer.receive_type(AgentAvailability)
            assert (snapshot.agent, snapshot.state, snapshot.sip_uri) == ("ana", "ready", SIP)
            assert snapshot.seq > welcome.seq


@pytest.mark.asyncio
async def test_dialer_reconnect_replays_missed_availability(hub: Hub) -> None:
    dialer, first = await connect_peer(hub, "dialer")
    last_seq = first.seq
    await dialer.ws.close()

    agent, _ = await connect_peer(hub, "ana")
    async with agent:
        await agent.send(SetAgentState(state="ready", sip_uri=SIP))
        await agent.send(SetAgentState(state="not_ready"))
        await agent.request(CreateHandoff(agent="x", campaign="y", ref="sync"))
        dialer, welcome = await token_login(hub, "dialer", first.token, last_seq)
        async with dialer:
            assert welcome.seq == last_seq + 2
            missed = [await dialer.receive_type(AgentAvailability) for _ in range(2)]
            assert [(m.seq, m.state) for m in missed] == [
                (last_seq + 1, "ready"),
                (last_seq + 2, "not_ready"),
            ]


@pytest.mark.asyncio
async def test_agent_reconnect_replays_a_missed_handoff_offer(hub: Hub) -> None:
    desk, first = await connect_peer(hub, "ana")
    dialer, _ = await connect_peer(hub, "dialer")
    async with desk, dialer:
        await desk.send(SetAgentState(state="ready", sip_uri=SIP))
        await dialer.receive_type(AgentAvailability)
        # A second session of the same agent drops off, then the offer arrives.
        spare, spare_welcome = await token_login(hub, "ana", first.token, first.seq)
        await spare.ws.close()
        created = await dialer.request(CreateHandoff(agent="ana", campaign="temprana", ref="c"))
        assert isinstance(created, HandoffCreated)
        live = await desk.receive_type(HandoffOffer)
        back, welcome = await token_login(hub, "ana", first.token, spare_welcome.seq)
        async with back:
            replayed = await back.receive_type(HandoffOffer)
            assert replayed.handoff_id == created.handoff_id == live.handoff_id
            assert replayed.seq == live.seq == welcome.seq
        # Nothing newer than what the client saw: nothing replayed.
        current, welcome_now = await token_login(hub, "ana", first.token, live.seq)
        async with current:
            assert welcome_now.seq == live.seq
            assert not current.backlog
