"""Several hub processes on one PostgreSQL: events routed between them, and losing one.

Two hubs share one database: an agent on one gets the handoff a dialer makes
on the other, and dialers on both see the agent's availability. Then a hub
running in its own OS process is killed with SIGKILL mid-shift; its agent
reconnects to the survivor with the same token and last sequence number and
gets everything that happened meanwhile, and its unacknowledged promise is
stored exactly once.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio
from websockets.asyncio.client import connect

from sync.hub.server import Hub
from sync.protocol import (
    AgentAvailability,
    CreateHandoff,
    CreatePromise,
    EndHandoff,
    HandoffCancel,
    HandoffCreated,
    HandoffOffer,
    Hello,
    SetAgentState,
    Welcome,
    WriteAck,
)

from .conftest import Peer, connect_peer, rows
from .postgres import PostgresCluster
from .processes import hub_process, wait_listening

SIP = "sip:ana@127.0.0.1:5099"


@pytest.fixture
def shared_url(postgres_cluster: PostgresCluster, postgres_template: str) -> str:
    return postgres_cluster.copy_of(postgres_template)


@pytest_asyncio.fixture
async def two_hubs(shared_url: str) -> AsyncIterator[tuple[Hub, Hub]]:
    first, second = Hub(shared_url, port=0), Hub(shared_url, port=0)
    await first.start()
    await second.start()
    try:
        yield first, second
    finally:
        await first.stop()
        await second.stop()


async def until_state(peer: Peer, agent: str, state: str) -> AgentAvailability:
    while True:
        seen = await peer.receive_type(AgentAvailability)
        if (seen.agent, seen.state) == (agent, state):
            return seen


@pytest.mark.asyncio
async def test_handoff_made_on_one_hub_reaches_an_agent_on_the_other(
    two_hubs: tuple[Hub, Hub],
) -> None:
    first, second = two_hubs
    agent, _ = await connect_peer(first, "ana")
    dialer_here, _ = await connect_peer(first, "dialer")
    dialer_there, _ = await connect_peer(second, "dialer")
    async with agent, dialer_here, dialer_there:
        await agent.send(SetAgentState(state="ready", sip_uri=SIP))
        for dialer in (dialer_here, dialer_there):
            seen = await until_state(dialer, "ana", "ready")
            assert seen.sip_uri == SIP
        created = await dialer_there.request(
            CreateHandoff(agent="ana", campaign="temprana", ref="h1")
        )
        assert isinstance(created, HandoffCreated) and created.sip_uri == SIP
        offer = await agent.receive_type(HandoffOffer)
        assert offer.handoff_id == created.handoff_id
        # Both dialers hear that the agent is now busy, whichever hub made the call.
        for dialer in (dialer_here, dialer_there):
            await until_state(dialer, "ana", "on_call")
        # The agent is claimed once: a second dialer request on the other hub is refused.
        again = await dialer_here.request(CreateHandoff(agent="ana", campaign="temprana", ref="h2"))
        assert getattr(again, "code", None) == "agent_not_ready"


@pytest.fixture
def doomed_hub(shared_url: str) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    with hub_process(shared_url) as running:
        yield running


@pytest.mark.asyncio
async def test_agents_of_a_killed_hub_reconnect_to_the_other_and_lose_nothing(
    shared_url: str, doomed_hub: tuple[subprocess.Popen[bytes], int]
) -> None:
    process, port = doomed_hub
    await wait_listening(port, process)
    survivor = Hub(shared_url, port=0)
    await survivor.start()
    try:
        agent = Peer(await connect(f"ws://127.0.0.1:{port}"))
        welcome = await agent.request(Hello(user="ana", password="acuerdo-demo", ref="hi"))
        assert isinstance(welcome, Welcome)
        dialer, _ = await connect_peer(survivor, "dialer")
        async with dialer:
            await agent.send(SetAgentState(state="ready", sip_uri=SIP))
            await until_state(dialer, "ana", "ready")
            first = await dialer.request(CreateHandoff(agent="ana", campaign="temprana", ref="a"))
            assert isinstance(first, HandoffCreated)
            offer = await agent.receive_type(HandoffOffer)
            last_seq = offer.seq
            key = str(uuid.uuid4())
            account = next(a for a in offer.debtor.accounts if a.status == "open")
            promise = CreatePromise(
                key=key,
                handoff_id=offer.handoff_id,
                debtor_id=offer.debtor.id,
                account_id=account.id,
                amount_cents=120_000,
                currency=account.currency,
                due_date=dt.date.today() + dt.timedelta(days=5),
                ref="p",
            )
            # The promise goes out and the hub dies before the agent sees an answer.
            await agent.send(promise)
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            await agent.ws.close()

            # Meanwhile the dialer (on the survivor) cancels and hands off a new debtor.
            busy = await dialer.request(CreateHandoff(agent="ana", campaign="temprana", ref="busy"))
            assert getattr(busy, "code", None) == "agent_not_ready"  # still on the first call
            await dialer.send(EndHandoff(handoff_id=first.handoff_id, reason="gone", ref="end"))
            await until_state(dialer, "ana", "ready")
            second = await dialer.request(CreateHandoff(agent="ana", campaign="temprana", ref="b"))
            assert isinstance(second, HandoffCreated)

            back = Peer(await connect(f"ws://127.0.0.1:{survivor.port}"))
            async with back:
                again = await back.request(
                    Hello(user="ana", token=welcome.token, last_seq=last_seq, ref="again")
                )
                assert isinstance(again, Welcome) and again.seq > last_seq
                cancel = await back.receive_type(HandoffCancel)
                replayed = await back.receive_type(HandoffOffer)
                assert cancel.handoff_id == first.handoff_id and cancel.seq == last_seq + 1
                assert replayed.handoff_id == second.handoff_id and replayed.seq == again.seq
                ack = await back.request(promise)
                assert isinstance(ack, WriteAck)
        count = rows(shared_url, "SELECT count(*) FROM promises WHERE key = ?", key)
        assert count == [(1,)]
    finally:
        await survivor.stop()
