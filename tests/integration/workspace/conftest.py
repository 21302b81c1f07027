"""A real hub on loopback, a real sync client and the real agent workspace, driven like an agent.

The hub runs in this process on a free port over a seeded SQLite copy; the dialer is a plain
protocol peer that opens handoffs for the agent. The workspace is the production window
(offscreen) bound to a production `AgentSession`; tests click its widgets. Waits are bounded
loops that let both Qt and asyncio run, never timed assertions.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from PySide6.QtWidgets import QApplication

from desktop.adapters.phone_signals import PhonePump, PhoneSignals
from desktop.adapters.sync_signals import SyncSignals
from desktop.agent.session import AgentSession
from desktop.agent.shortcuts import ShortcutMap
from desktop.agent.workspace import AgentWorkspace
from softphone import Phone, PhoneConfig
from sync.client import LocalStore, SyncClient
from sync.hub.seed import seed_demo
from sync.hub.server import Hub
from sync.protocol import CreateHandoff, HandoffCreated
from tests.integration.hub.conftest import Peer, connect_peer

AGENT = "ana"
PASSWORD = "acuerdo-demo"


async def until(condition: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    """Run Qt and asyncio together until `condition()` holds; False after `timeout_s`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while True:
        QApplication.processEvents()
        if condition():
            return True
        if loop.time() >= deadline:
            return False
        await asyncio.sleep(0.01)


@pytest.fixture(scope="module")
def hub_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("workspace-hub") / "hub.db"
    seed_demo(f"sqlite:///{path}", debtors=30, seed=7)
    return path


@pytest_asyncio.fixture
async def hub(hub_template: Path, tmp_path: Path) -> AsyncIterator[Hub]:
    db = tmp_path / "hub.db"
    shutil.copyfile(hub_template, db)
    server = Hub(f"sqlite:///{db}", host="127.0.0.1", port=0)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@dataclass
class Desk:
    hub: Hub
    db_path: Path
    client: SyncClient
    session: AgentSession
    workspace: AgentWorkspace
    dialer: Peer
    phone: Phone

    async def offer_call(self, mode: str = "predictive") -> HandoffCreated:
        """The dialer connects the campaign's next debtor to the agent; waits for the pop."""
        assert await until(lambda: self.session.state == "ready"), "agent never became ready"
        await asyncio.sleep(0.05)  # let the hub store the ready state before the handoff
        reply = await self.dialer.request(
            CreateHandoff(agent=AGENT, campaign="temprana", mode=mode, ref="h")  # type: ignore[arg-type]
        )
        assert isinstance(reply, HandoffCreated), reply
        assert await until(lambda: self.session.offer is not None), "no screen pop"
        return reply

    def rows(self, sql: str, *args: object) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db_path) as conn:
            return conn.execute(sql, args).fetchall()


@pytest_asyncio.fixture
async def desk(hub: Hub, tmp_path: Path, qapp: QApplication) -> AsyncIterator[Desk]:
    store = LocalStore(tmp_path / "desk" / "desktop.sqlite")
    signals = SyncSignals()
    client = SyncClient(f"ws://127.0.0.1:{hub.port}", AGENT, PASSWORD, store, signals)
    phone_signals = PhoneSignals()
    phone = Phone(PhoneConfig(user=AGENT, display_name="Ana"), phone_signals)
    phone.start()
    pump = PhonePump(phone)
    pump.start()
    session = AgentSession(client, phone, "Ana López", "en_US")
    phone_signals.incoming.connect(session.on_incoming)
    phone_signals.call_changed.connect(session.on_call_changed)
    signals.offer_received.connect(session.on_offer)
    signals.offer_cancelled.connect(session.on_cancel)
    signals.item_changed.connect(session.on_item)
    signals.connection_changed.connect(session.on_connection)
    workspace = AgentWorkspace(session, shortcuts=ShortcutMap())
    workspace.show()
    await client.start()
    dialer, _ = await connect_peer(hub, "dialer")
    db_path = tmp_path / "hub.db"
    try:
        assert await until(lambda: session.connection == "online"), "never online"
        assert await until(lambda: session.rules.from_hub), "campaign rules never arrived"
        yield Desk(hub, db_path, client, session, workspace, dialer, phone)
    finally:
        await dialer.ws.close()
        session.router.stop()
        await session.drain()
        pump.stop()
        phone.stop()
        await client.stop()
        store.close()
        workspace.allow_close()
        workspace.close()
