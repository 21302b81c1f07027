"""The real peers of the fault tests: hub processes, a dialer, seeded databases, promises.

A hub runs in its own OS process (so a test can SIGKILL it and start another on
the same port and database); the dialer is a raw protocol connection that hands a
debtor to an agent who is ready; promises are valid for the hub's rules (the
debtor was handed to the agent, the account is open, the due date is ahead).
Everything listens on 127.0.0.1. This module must never leave a process running
after the test that started it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from websockets.asyncio.client import ClientConnection, connect

from sync.client import OutboxItem
from sync.hub.db import make_engine, migrate
from sync.hub.seed import DEMO_PASSWORD, seed_demo
from sync.protocol import (
    CreateHandoff,
    CreatePromise,
    EndHandoff,
    HandoffCreated,
    HandoffOffer,
    Heartbeat,
    Hello,
    Message,
    ServerMessage,
    SetAgentState,
    Welcome,
    decode_server,
    encode,
)

ROOT = Path(__file__).resolve().parents[3]
SIP = "sip:ana@127.0.0.1:5099"
_HUB_CODE = (
    "import asyncio, logging, sys\n"
    "from sync.hub.limits import HubLimits\n"
    "from sync.hub.server import run_hub\n"
    "logging.basicConfig(level=logging.WARNING)\n"
    "limits = HubLimits(messages_per_s=float(sys.argv[3]), burst=int(sys.argv[4]))\n"
    "asyncio.run(run_hub(sys.argv[1], '127.0.0.1', int(sys.argv[2]), limits=limits))\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


_TEMPLATE: list[Path] = []


def seeded_sqlite(folder: Path) -> str:
    """A hub database in ``folder``: a copy of one demo database seeded once per run."""
    if not _TEMPLATE:
        template = Path(tempfile.mkdtemp(prefix="acuerdo-faults-")) / "hub.sqlite"
        migrate(f"sqlite:///{template}")
        seed_demo(f"sqlite:///{template}", debtors=20, seed=7)
        _TEMPLATE.append(template)
    target = folder / "hub.sqlite"
    shutil.copyfile(_TEMPLATE[0], target)
    return f"sqlite:///{target}"


class HubProcess:
    """``python -c run_hub(...)`` on a fixed port; kill() is SIGKILL, start() a fresh one."""

    def __init__(
        self, database_url: str, port: int, messages_per_s: float = 5000.0, burst: int = 5000
    ) -> None:
        self.database_url = database_url
        self.port = port
        self._limits = (str(messages_per_s), str(burst))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    async def start(self) -> HubProcess:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HUB_CODE, self.database_url, str(self.port), *self._limits],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        async with asyncio.timeout(30):
            while True:
                assert self.process.poll() is None, "the hub process exited"
                try:
                    _, writer = await asyncio.open_connection("127.0.0.1", self.port)
                except OSError:
                    await asyncio.sleep(0.05)
                    continue
                writer.close()
                await writer.wait_closed()
                return self

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)


async def eventually(check: Callable[[], bool], timeout: float = 30.0) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.02)


class Dialer:
    """The dialer service user on a raw protocol connection."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self._refs = 0

    @classmethod
    async def connect(cls, url: str) -> Dialer:
        dialer = cls(await connect(url))
        welcome = await dialer.request(Hello(user="dialer", password=DEMO_PASSWORD))
        assert isinstance(welcome, Welcome), welcome
        return dialer

    async def request(self, msg: Message) -> ServerMessage:
        self._refs += 1
        ref = f"d{self._refs}"
        msg.ref = ref
        await self.ws.send(encode(msg), text=True)
        async with asyncio.timeout(10):
            while True:
                reply = decode_server(await self.ws.recv())
                if reply.ref == ref:
                    return reply

    async def hand_off(self, agent: str = "ana") -> HandoffCreated:
        """Hand the agent a debtor, asking again while the hub has not seen them ready yet."""
        async with asyncio.timeout(10):
            while True:
                reply = await self.request(CreateHandoff(agent=agent, campaign="temprana"))
                if isinstance(reply, HandoffCreated):
                    return reply
                assert getattr(reply, "code", None) == "agent_not_ready", reply
                await asyncio.sleep(0.05)

    async def end(self, handoff_id: str) -> None:
        """End the handoff; returns once the hub handled it (it answers in order)."""
        await self.ws.send(encode(EndHandoff(handoff_id=handoff_id, reason="gone")), text=True)
        assert isinstance(await self.request(Heartbeat()), Heartbeat)

    async def close(self) -> None:
        await self.ws.close()


@dataclass(frozen=True)
class Handed:
    """A debtor handed to ana: enough to write valid promises."""

    handoff_id: str
    debtor_id: int
    account_id: int
    currency: str

    @classmethod
    def of(cls, offer: HandoffOffer) -> Handed:
        account = next(a for a in offer.debtor.accounts if a.status == "open")
        return cls(offer.handoff_id, offer.debtor.id, account.id, account.currency)

    def promise(self, key: str, amount_cents: int = 50_000) -> CreatePromise:
        return CreatePromise(
            key=key,
            handoff_id=self.handoff_id,
            debtor_id=self.debtor_id,
            account_id=self.account_id,
            amount_cents=amount_cents,
            currency=self.currency,
            due_date=dt.date.today() + dt.timedelta(days=10),
        )


async def hand_a_debtor_to_ana(url: str) -> Handed:
    """Ana (on a raw connection) gets ready, the dialer hands her a debtor; both leave."""
    async with connect(url) as ana:
        await ana.send(encode(Hello(user="ana", password=DEMO_PASSWORD)), text=True)
        assert isinstance(decode_server(await ana.recv()), Welcome)
        await ana.send(encode(SetAgentState(state="ready", sip_uri=SIP)), text=True)
        dialer = await Dialer.connect(url)
        try:
            await dialer.hand_off("ana")
            async with asyncio.timeout(10):
                while not isinstance(offer := decode_server(await ana.recv()), HandoffOffer):
                    pass
        finally:
            await dialer.close()
    return Handed.of(offer)


def promise_counts(database_url: str) -> dict[str, int]:
    """How many promise rows the hub holds per idempotency key."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            found = conn.execute(sa.text("SELECT key, count(*) FROM promises GROUP BY key")).all()
    finally:
        engine.dispose()
    return {str(key): int(count) for key, count in found}


class ItemLog:
    """A SyncListener that keeps the last state of every outbox item and every event."""

    def __init__(self) -> None:
        self.items: dict[str, OutboxItem] = {}
        self.events: list[Message] = []
        self.connection: list[tuple[str, str]] = []
        self.welcomes = 0

    def on_connection(self, state: object, detail: str) -> None:
        self.connection.append((str(state), detail))

    def on_welcome(self, welcome: Welcome) -> None:
        self.welcomes += 1

    def on_offer(self, offer: HandoffOffer) -> None:
        self.events.append(offer)

    def on_cancel(self, cancel: Message) -> None:
        self.events.append(cancel)

    def on_event(self, event: Message) -> None:
        self.events.append(event)

    def on_item(self, item: OutboxItem) -> None:
        self.items[item.key] = item

    def seqs(self) -> list[int]:
        return [int(getattr(event, "seq", -1)) for event in self.events]


Step = Callable[[], Awaitable[None]]
