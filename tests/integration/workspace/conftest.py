"""A real hub on loopback, a real sync client and the real agent workspace, driven like an agent.

The hub runs in this process on a free port over a seeded SQLite copy; the dialer is a plain
protocol peer that opens handoffs for the agent. The workspace is the production window
(offscreen) bound to a production `AgentSession`; tests click its widgets. Waits are bounded
loops that let both Qt and asyncio run, never timed assertions.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from desktop.adapters.phone_signals import PhonePump, PhoneSignals
from desktop.adapters.sync_signals import SyncSignals
from desktop.agent.session import AgentSession
from desktop.agent.shortcuts import ShortcutMap
from desktop.agent.workspace import AgentWorkspace
from softphone import Phone, PhoneConfig
from sync.client import LocalStore, SyncClient
from sync.hub.models import CallbackRow, User
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
    signals.stream_event.connect(session.on_event)  # as desktop.desk routes them
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


# --- the dialer simulator as a process: dialer and the desk's outgoing trunk ---------------

ROOT = Path(__file__).resolve().parents[3]


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def trunk_port(monkeypatch: pytest.MonkeyPatch) -> int:
    """Point the desk's trunk at a free port (request it before `desk`: the session reads its
    dialling settings from the environment when it is built)."""
    port = free_udp_port()
    monkeypatch.setenv("ACUERDO_SIP_TRUNK", f"sip:127.0.0.1:{port}")
    return port


@contextlib.asynccontextmanager
async def running_dialer(
    hub: Hub, mode: str, sip_port: int
) -> AsyncIterator[subprocess.Popen[bytes]]:
    """`acuerdo dialer` in its own process (pjsua2 allows one endpoint per process); it
    answers calls to `sip:<digits>@127.0.0.1:<sip_port>` as the trunk."""
    cmd = [sys.executable, "-m", "desktop.cli", "dialer", "--hub", f"ws://127.0.0.1:{hub.port}"]
    cmd += ["--mode", mode, "--pacing", "0.2", "--sip-port", str(sip_port)]
    env = {**os.environ, "ACUERDO_DIALER_PASSWORD": PASSWORD}
    process = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGINT)
        for _ in range(200):
            if process.poll() is not None:
                break
            await asyncio.sleep(0.05)
        if process.poll() is None:
            process.kill()
            process.wait(5)


def _dialer_sessions(hub: Hub) -> int:
    db = hub.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id"
            " WHERE u.username = 'dialer'"
        ).fetchone()
    return int(row[0])


@contextlib.asynccontextmanager
async def trunk(hub: Hub, sip_port: int, mode: str = "preview") -> AsyncIterator[None]:
    """The simulator up as the desk's trunk: it signs in to the hub only once its SIP endpoint
    listens, so a new dialer session on the hub means the trunk answers. In preview mode it
    sends nobody while the agent is not ready."""
    before = _dialer_sessions(hub)
    async with running_dialer(hub, mode, sip_port) as process:
        up = await until(lambda: _dialer_sessions(hub) > before or process.poll() is not None, 20)
        assert up and process.poll() is None, "the dialer simulator did not start"
        yield


# --- hub-side facts a test sets up or checks ----------------------------------------------


def dialable_debtor(db_path: Path) -> tuple[int, str]:
    """A debtor with an open account and exactly one phone, valid and callable: (id, phone)."""
    with sqlite3.connect(db_path) as conn:
        row = conn.execute(
            "SELECT d.id, MIN(c.value) FROM debtors d JOIN contact_points c ON c.debtor_id = d.id"
            " WHERE c.kind = 'phone' AND c.valid AND NOT c.do_not_call AND NOT d.do_not_call"
            " AND EXISTS (SELECT 1 FROM accounts a WHERE a.debtor_id = d.id"
            "             AND a.status = 'open')"
            " GROUP BY d.id HAVING COUNT(*) = 1 ORDER BY d.id DESC LIMIT 1"
        ).fetchone()
    assert row is not None, "the seed has no dialable debtor"
    return int(row[0]), str(row[1])


def schedule_callback(
    hub: Hub, debtor_id: int, due_at: dt.datetime, for_agent: str = AGENT, note: str = ""
) -> int:
    """A pending callback for `for_agent`, as a wrap-up elsewhere would have left it."""
    engine = create_engine(hub.database_url)
    try:
        with Session(engine) as db, db.begin():
            agent_id = db.scalar(select(User.id).where(User.username == for_agent))
            row = CallbackRow(
                key=uuid.uuid4().hex,
                debtor_id=debtor_id,
                agent_id=agent_id,
                for_agent_id=agent_id,
                due_at=due_at,
                note=note,
                state="scheduled",
                created_at=dt.datetime.now(dt.UTC),
                campaign="temprana",
            )
            db.add(row)
            db.flush()
            return int(row.id)
    finally:
        engine.dispose()


def midday_in(zone: str) -> Callable[[], dt.datetime]:
    """A clock at 12:00 today in `zone`, inside any campaign's calling window."""
    local = dt.datetime.now(ZoneInfo(zone)).replace(hour=12, minute=0, second=0, microsecond=0)
    return lambda: local.astimezone(dt.UTC)


def night_in(zone: str) -> Callable[[], dt.datetime]:
    """A clock at 03:00 today in `zone`, outside every campaign's calling window."""
    local = dt.datetime.now(ZoneInfo(zone)).replace(hour=3, minute=0, second=0, microsecond=0)
    return lambda: local.astimezone(dt.UTC)
