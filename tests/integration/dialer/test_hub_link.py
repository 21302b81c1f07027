"""The dialer's hub session over real websockets on loopback: replies by ref, junk, reconnects."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest

from sync.dialer.hub_link import HubLink, HubRefusedLogin
from sync.protocol import AgentAvailability, CreateHandoff, Error, HandoffCreated
from tests.integration.dialer.hub_peer import PASSWORD, HubPeer


class Recorder:
    def __init__(self) -> None:
        self.availability: list[AgentAvailability] = []
        self.connection: list[bool] = []
        self.changed = asyncio.Event()

    def on_availability(self, event: AgentAvailability) -> None:
        self.availability.append(event)
        self.changed.set()

    def on_connection(self, up: bool) -> None:
        self.connection.append(up)
        self.changed.set()

    async def until(self, predicate: object, timeout: float = 5.0) -> None:
        async with asyncio.timeout(timeout):
            while not predicate():  # type: ignore[operator]
                self.changed.clear()
                await self.changed.wait()


@contextlib.asynccontextmanager
async def linked(
    password: str = PASSWORD,
) -> AsyncIterator[tuple[HubPeer, HubLink, Recorder, asyncio.Task[None]]]:
    hub = HubPeer("ana", "sip:ana@127.0.0.1:5999", ["h-1"])
    await hub.start()
    seen = Recorder()
    link = HubLink(
        hub.url,
        "dialer",
        password,
        seen.on_availability,
        seen.on_connection,
        backoff_initial_s=0.05,
        backoff_max_s=0.2,
    )
    task = asyncio.create_task(link.run())
    try:
        yield hub, link, seen, task
    finally:
        await link.close()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, HubRefusedLogin):
            await task
        await hub.stop()


@pytest.mark.asyncio
async def test_replies_are_matched_by_ref_and_pushes_are_delivered() -> None:
    async with linked() as (hub, link, seen, _):
        await seen.until(lambda: seen.availability)
        assert (seen.availability[0].agent, seen.availability[0].state) == ("ana", "ready")
        reply = await link.request(CreateHandoff(agent="ana", campaign="temprana"), 5)
        assert isinstance(reply, HandoffCreated)
        assert reply.handoff_id == "h-1"
        refused = await link.request(CreateHandoff(agent="luis", campaign="temprana"), 5)
        assert isinstance(refused, Error)
        assert refused.code == "agent_not_ready"
        assert [c.agent for c in hub.creates] == ["ana", "luis"]
        assert len({c.ref for c in hub.creates}) == 2


@pytest.mark.asyncio
async def test_unreadable_frames_are_ignored_and_the_session_goes_on() -> None:
    async with linked() as (hub, link, seen, _):
        await seen.until(lambda: seen.availability)
        await hub.push_raw("not json")
        await hub.push_raw('{"type": "surprise", "v": 1}')
        await hub.announce("not_ready")
        await seen.until(lambda: len(seen.availability) >= 2)
        assert seen.availability[-1].state == "not_ready"
        assert link.connected
        assert seen.connection == [True]


@pytest.mark.asyncio
async def test_reconnects_after_the_hub_drops_and_offline_requests_fail_fast() -> None:
    async with linked() as (hub, link, seen, _):
        await seen.until(lambda: seen.connection == [True])
        await hub.drop_connections()
        await seen.until(lambda: seen.connection == [True, False, True])
        assert hub.sessions == 2
        assert link.sessions == 2
    with pytest.raises(ConnectionError):
        await link.request(CreateHandoff(agent="ana", campaign="temprana"), 5)


@pytest.mark.asyncio
async def test_refused_login_is_fatal() -> None:
    async with linked(password="wrong") as (_, _link, seen, task):
        with pytest.raises(HubRefusedLogin, match="refused dialer user"):
            await asyncio.wait_for(task, 5)
        assert seen.connection == []
