"""A real hub on a free loopback port over a small seeded SQLite file, and a protocol client.

The demo database (30 debtors) is seeded once per test module and copied for
each test so every test starts from the same state without paying for the seed.
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

from sync.hub.seed import DEMO_PASSWORD, seed_demo
from sync.hub.server import Hub
from sync.protocol import Hello, Message, ServerMessage, Welcome, decode_server, encode

M = TypeVar("M", bound=Message)


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hub-template") / "hub.db"
    seed_demo(f"sqlite:///{path}", debtors=30, seed=7)
    return path


@pytest.fixture
def database_url(seeded_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "hub.db"
    shutil.copyfile(seeded_template, target)
    return f"sqlite:///{target}"


@pytest_asyncio.fixture
async def hub(database_url: str) -> AsyncIterator[Hub]:
    server = Hub(database_url, host="127.0.0.1", port=0)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


def url_of(hub: Hub) -> str:
    return f"ws://127.0.0.1:{hub.port}"


async def receive(ws: ClientConnection, timeout: float = 5.0) -> ServerMessage:
    raw = await asyncio.wait_for(ws.recv(), timeout)
    return decode_server(raw)


class Peer:
    """A protocol client over a real websocket; messages skipped while waiting are kept."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.backlog: list[ServerMessage] = []

    async def __aenter__(self) -> Peer:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.ws.close()

    async def send(self, msg: Message) -> None:
        await self.ws.send(encode(msg).decode())

    async def receive_type(self, kind: type[M], timeout: float = 5.0) -> M:
        """The oldest message of ``kind``, leaving other messages for later."""
        async with asyncio.timeout(timeout):
            while True:
                for index, msg in enumerate(self.backlog):
                    if isinstance(msg, kind):
                        del self.backlog[index]
                        return msg
                self.backlog.append(await receive(self.ws, timeout))

    async def request(self, msg: Message, timeout: float = 5.0) -> ServerMessage:
        """Send and wait for the reply carrying the same ref."""
        await self.send(msg)
        async with asyncio.timeout(timeout):
            while True:
                reply = await receive(self.ws, timeout)
                if getattr(reply, "ref", None) == msg.ref:
                    return reply
                self.backlog.append(reply)


async def request(ws: ClientConnection, msg: Message, timeout: float = 5.0) -> ServerMessage:
    """Send and wait for the reply carrying the same ref (for single-purpose sockets)."""
    return await Peer(ws).request(msg, timeout)


async def connect_peer(hub: Hub, user: str, password: str = DEMO_PASSWORD) -> tuple[Peer, Welcome]:
    ws, welcome = await login(hub, user, password)
    return Peer(ws), welcome


async def login(
    hub: Hub, user: str, password: str = DEMO_PASSWORD
) -> tuple[ClientConnection, Welcome]:
    ws = await connect(url_of(hub))
    await ws.send(encode(Hello(user=user, password=password, ref="hello")).decode())
    welcome = await receive(ws)
    assert isinstance(welcome, Welcome), welcome
    return ws, welcome
