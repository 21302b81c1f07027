"""The dialer simulator against the real hub (seeded SQLite) and sipp as the agent's phone.

An agent logs in over websockets and goes ready with sipp's address as its softphone; the
dialer must see that, get a handoff from the hub, and INVITE sipp carrying the very handoff id
the hub offered the agent.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TypeVar

import pytest
import pytest_asyncio
from websockets.asyncio.client import ClientConnection, connect

from sync.dialer.simulator import DialerSimulator
from sync.hub.seed import DEMO_PASSWORD, seed_demo
from sync.hub.server import Hub
from sync.protocol import (
    HandoffOffer,
    Hello,
    Message,
    ServerMessage,
    SetAgentState,
    Welcome,
    decode_server,
    encode,
)
from tests.integration.dialer.agent_phone import agent_phone, running

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
]

M = TypeVar("M", bound=ServerMessage)


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dialer-hub") / "hub.db"
    seed_demo(f"sqlite:///{path}", debtors=10, seed=7)
    return path


@pytest_asyncio.fixture
async def hub_url(seeded_template: Path, tmp_path: Path) -> AsyncIterator[str]:
    target = tmp_path / "hub.db"
    shutil.copyfile(seeded_template, target)
    hub = Hub(f"sqlite:///{target}", host="127.0.0.1", port=0)
    await hub.start()
    try:
        yield f"ws://127.0.0.1:{hub.port}"
    finally:
        await hub.stop()


async def send(ws: ClientConnection, message: Message) -> None:
    await ws.send(encode(message).decode())


async def next_of(ws: ClientConnection, kind: type[M], timeout: float = 10.0) -> M:
    async with asyncio.timeout(timeout):
        while True:
            message = decode_server(await ws.recv())
            if isinstance(message, kind):
                return message


@pytest.mark.asyncio
async def test_ready_agent_gets_a_call_carrying_the_offered_handoff(
    hub_url: str, tmp_path: Path
) -> None:
    sipp_log = tmp_path / "agent_phone.log"
    async with (
        agent_phone(
            "agent_phone_uas.xml",
            ("expected_handoff", "*"),  # the hub mints it later; compared below
            ("expected_auto", "1"),
            log_file=sipp_log,
        ) as phone,
        connect(hub_url) as agent,
    ):
        await send(agent, Hello(user="ana", password=DEMO_PASSWORD))
        assert isinstance(await next_of(agent, Welcome), Welcome)
        simulator = DialerSimulator(
            hub_url, password=DEMO_PASSWORD, pacing_s=0.1, max_calls=1, talk_time_s=(0.3, 0.3)
        )
        async with running(simulator):
            await asyncio.wait_for(simulator.wait_connected(), 10)
            await send(agent, SetAgentState(state="ready", sip_uri=phone.sip_uri))
            offer = await next_of(agent, HandoffOffer, timeout=15)
            await asyncio.wait_for(simulator.wait_finished(), 20)
        code, output = await phone.exit_code()
    assert code == 0, output
    assert f"handoff={offer.handoff_id} " in sipp_log.read_text()
    assert (offer.campaign, offer.mode) == ("temprana", "predictive")
    stats = simulator.stats
    assert (stats.calls_placed, stats.calls_answered, stats.handoffs_refused) == (1, 1, 0)
    assert len(stats.invite_to_confirmed_ms) == 1
