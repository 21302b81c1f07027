"""Multi-process safety: debtors claimed in the database, and cleanup after a dead hub process.

Two hub processes (or racing transactions) must never hand off the same
debtor: many claims at once, through two hubs on one database and through
bare transactions on threads, all get different debtors. A hub process killed
with SIGKILL stops heartbeating; a survivor (with a shrunk timeout) logs its
agents out, the dialer connected to the survivor hears it, and the dead
process's row is removed. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from websockets.asyncio.client import connect

from sync.hub import debtor_claims
from sync.hub.db import make_engine, session_factory, utc_now
from sync.hub.server import Hub
from sync.protocol import (
    AgentAvailability,
    CreateHandoff,
    HandoffCreated,
    Hello,
    SetAgentState,
    Welcome,
)

from .conftest import Peer, connect_peer, rows
from .processes import hub_process, wait_listening

AGENTS = ("ana", "luis", "sofia", "diego", "maria", "jorge", "valeria", "fernando")


def test_racing_transactions_never_claim_the_same_debtor(database_url: str) -> None:
    engine = make_engine(database_url)
    sessions = session_factory(engine)
    now = utc_now()

    def claim(_: int) -> int | None:
        with sessions.begin() as session:
            return debtor_claims.claim_next(session, "any", now)

    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            claimed = list(pool.map(claim, range(24)))
    finally:
        engine.dispose()
    assert None not in claimed
    assert len(set(claimed)) == 24
    stamped = rows(database_url, "SELECT count(*) FROM debtors WHERE last_handoff_at IS NOT NULL")
    assert stamped == [(24,)]


def test_a_debtor_is_due_again_after_the_redial_window(database_url: str) -> None:
    engine = make_engine(database_url)
    sessions = session_factory(engine)
    window = dt.timedelta(hours=1)
    now = utc_now()
    try:
        with sessions.begin() as session:
            first = debtor_claims.claim_next(session, "temprana", now, window)
        with sessions.begin() as session:
            second = debtor_claims.claim_next(session, "temprana", now, window)
        with sessions.begin() as session:
            later = debtor_claims.claim_next(session, "temprana", now + 2 * window, window)
    finally:
        engine.dispose()
    assert first is not None and second is not None and first < second
    assert later == first  # the lowest id is due again once the window has passed


@pytest.mark.asyncio
async def test_two_hubs_handing_off_at_once_never_share_a_debtor(database_url: str) -> None:
    hubs = [Hub(database_url, port=0), Hub(database_url, port=0)]
    for hub in hubs:
        await hub.start()
    try:
        agents = [(await connect_peer(hubs[i % 2], name))[0] for i, name in enumerate(AGENTS)]
        # Two dialer connections per hub: handoffs race within and across processes.
        dialers = [(await connect_peer(hubs[i % 2], "dialer"))[0] for i in range(4)]
        for i, agent in enumerate(agents):
            await agent.send(SetAgentState(state="ready", sip_uri=f"sip:a{i}@127.0.0.1:5099"))
        await until_ready(database_url, len(AGENTS))
        for i, name in enumerate(AGENTS):
            await dialers[i % 4].send(CreateHandoff(agent=name, campaign="temprana", ref=f"h{i}"))
        created = [
            await dialers[i % 4].receive_type(HandoffCreated, timeout=10)
            for i in range(len(AGENTS))
        ]
        for peer in [*agents, *dialers]:
            await peer.ws.close()
    finally:
        for hub in hubs:
            await hub.stop()
    assert len({c.debtor_id for c in created}) == len(AGENTS)


@pytest.fixture
def doomed(database_url: str) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    # Heartbeating fast, so the survivor's short timeout never mistakes it for dead.
    with hub_process(database_url, process_heartbeat_s=0.2, process_timeout_s=1.0) as running:
        yield running


async def until_state(peer: Peer, agent: str, state: str) -> AgentAvailability:
    while True:
        seen = await peer.receive_type(AgentAvailability, timeout=10)
        if (seen.agent, seen.state) == (agent, state):
            return seen


@pytest.mark.asyncio
async def test_survivor_logs_out_the_agents_of_a_killed_hub_process(
    database_url: str, doomed: tuple[subprocess.Popen[bytes], int]
) -> None:
    process, port = doomed
    await wait_listening(port, process)
    survivor = Hub(database_url, port=0, process_heartbeat_s=0.2, process_timeout_s=1.0)
    await survivor.start()
    try:
        agent = Peer(await connect(f"ws://127.0.0.1:{port}"))
        welcome = await agent.request(Hello(user="ana", password="acuerdo-demo", ref="hi"))
        assert isinstance(welcome, Welcome)
        await agent.send(SetAgentState(state="ready", sip_uri="sip:ana@127.0.0.1:5099"))
        await until_ready(database_url, 1)
        dialer, _ = await connect_peer(survivor, "dialer")
        async with dialer:
            # The snapshot a dialer gets on login shows the agent held by the other process.
            await until_state(dialer, "ana", "ready")
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            await until_state(dialer, "ana", "logged_out")
        await agent.ws.close()
        assert rows(
            database_url, "SELECT state FROM agent_presence WHERE user_id = ?",
            _user_id(database_url, "ana"),
        ) == [("logged_out",)]  # fmt: skip
        origins = rows(database_url, "SELECT origin FROM hub_processes")
        assert origins == [(survivor.origin,)]
    finally:
        await survivor.stop()


async def until_ready(database_url: str, count: int) -> None:
    """Wait until ``count`` agents are stored as ready (state changes have no reply)."""
    async with asyncio.timeout(10):
        query = "SELECT count(*) FROM agent_presence WHERE state = ?"
        while rows(database_url, query, "ready") != [(count,)]:
            await asyncio.sleep(0.05)


def _user_id(database_url: str, username: str) -> int:
    found = rows(database_url, "SELECT id FROM users WHERE username = ?", username)
    return int(found[0][0])  # type: ignore[call-overload]
