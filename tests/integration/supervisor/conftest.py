"""A real hub on loopback, real agent sync clients and the supervisor's real desk and window.

The hub runs in this process over a seeded SQLite copy (the workspace tests' template); the
supervisor (carmen) signs in with a production ``SyncClient`` bound to a ``SupervisorDesk``
whose window is shown offscreen; agents are production ``SyncClient`` sessions that change
state as a desk would. Waits are bounded loops running Qt and asyncio together.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from PySide6.QtWidgets import QApplication

from desktop.adapters.sync_signals import SyncSignals
from desktop.supervisor.desk import SupervisorDesk
from sync.client import LocalStore, SyncClient
from sync.hub.server import Hub
from tests.integration.softphone.monitor_support import SECRET
from tests.integration.workspace.conftest import hub, hub_template, until  # noqa: F401

PASSWORD = "acuerdo-demo"
# The secret the softphone tests' agent desk derives its grant key from.
GRANT_SECRET = SECRET


@pytest.fixture(autouse=True)
def _grant_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """A known secret, so tests can check the grants the desk receives with the agent's key."""
    monkeypatch.setenv("ACUERDO_HUB_GRANT_SECRET", GRANT_SECRET.decode())


class Recorder(SyncSignals):
    """An agent desk's listener that keeps every stream event (orders arrive here)."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[Any] = []
        self.stream_event.connect(self.events.append)


@dataclass
class Floor:
    hub: Hub
    db_path: Path
    desk: SupervisorDesk
    client: SyncClient
    tmp: Path
    agents: dict[str, tuple[SyncClient, Recorder]] = field(default_factory=dict)
    stores: list[LocalStore] = field(default_factory=list)

    async def sign_in(self, user: str) -> tuple[SyncClient, Recorder]:
        """A real desk session for ``user`` (online when this returns)."""
        store = LocalStore(self.tmp / user / "desktop.sqlite")
        self.stores.append(store)
        recorder = Recorder()
        client = SyncClient(self.url, user, PASSWORD, store, recorder)
        await client.start()
        assert await until(lambda: str(client.connection_state) == "online"), user
        self.agents[user] = (client, recorder)
        return client, recorder

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.hub.port}"

    def rows(self, sql: str, *args: object) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db_path) as conn:
            return conn.execute(sql, args).fetchall()

    async def wait_row(self, agent: str, check: Callable[[Any], bool]) -> Any:
        def seen() -> bool:
            entry = self.desk.model.entry(agent)
            return entry is not None and check(entry)

        assert await until(seen), f"the floor never showed {agent} as expected"
        return self.desk.model.entry(agent)


@pytest_asyncio.fixture
async def floor(hub: Hub, tmp_path: Path, qapp: QApplication) -> AsyncIterator[Floor]:  # noqa: F811
    store = LocalStore(tmp_path / "carmen" / "desktop.sqlite")
    signals = SyncSignals()
    client = SyncClient(f"ws://127.0.0.1:{hub.port}", "carmen", PASSWORD, store, signals)
    desk = SupervisorDesk(client.request, None, "Carmen Díaz", "en_US")
    signals.stream_event.connect(desk.on_event)
    signals.connection_changed.connect(lambda state, detail: desk.on_connection(state, detail))
    desk.show()
    await client.start()
    result = Floor(hub, tmp_path / "hub.db", desk, client, tmp_path)
    try:
        assert await until(lambda: desk.subscribed.is_set()), "the board never arrived"
        yield result
    finally:
        for agent_client, _ in result.agents.values():
            await agent_client.stop()
        await desk.stop()
        await client.stop()
        for other_store in result.stores:
            other_store.close()
        store.close()
