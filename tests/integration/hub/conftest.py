"""A real hub on a free loopback port over a small seeded database, and a protocol client.

Every hub test runs twice: on SQLite and on PostgreSQL. The demo database (30
debtors) is seeded once and copied for each test (a file copy for SQLite, a
``CREATE DATABASE ... TEMPLATE`` for PostgreSQL), so every test starts from the
same state without paying for the seed. PostgreSQL is a throwaway cluster on
loopback started once per run (see ``postgres_cluster``).
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
import pytest_asyncio
from sqlalchemy import text
from websockets.asyncio.client import ClientConnection, connect

from sync.hub.db import make_engine
from sync.hub.seed import DEMO_PASSWORD, seed_demo
from sync.hub.server import Hub
from sync.protocol import Hello, Message, ServerMessage, Welcome, decode_server, encode

from .postgres import PostgresCluster, binaries

M = TypeVar("M", bound=Message)


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hub-template") / "hub.db"
    seed_demo(f"sqlite:///{path}", debtors=30, seed=7)
    return path


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL 15 binaries are not installed (Debian package 'postgresql')")
    cluster = PostgresCluster(bin_dir).start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_cluster: PostgresCluster) -> str:
    return postgres_cluster.seeded_template(debtors=30, seed=7)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        target = tmp_path / "hub.db"
        shutil.copyfile(request.getfixturevalue("seeded_template"), target)
        return f"sqlite:///{target}"
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    return cluster.copy_of(request.getfixturevalue("postgres_template"))


def rows(database_url: str, sql: str, *args: object) -> list[tuple[object, ...]]:
    """Run a query with ``?`` placeholders on either database; JSON comes back as text."""
    parts = sql.split("?")
    named = "".join(p + (f":p{i}" if i < len(parts) - 1 else "") for i, p in enumerate(parts))
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            found = conn.execute(text(named), {f"p{i}": a for i, a in enumerate(args)}).all()
    finally:
        engine.dispose()
    return [tuple(_as_text(v) for v in row) for row in found]


def _as_text(value: object) -> object:
    if isinstance(value, list | dict):
        return json.dumps(value)
    return value


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
