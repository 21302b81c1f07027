"""Hub benchmarks: connections, handoff latency, promise ingest, history paging, memory.

The hub runs in its own OS process (as in production) and the load generator
in this one, so the figures include real websocket and scheduling costs on
this 2-core machine; PostgreSQL runs in a throwaway cluster on loopback.
Figures: 1,000 idle agent connections with heartbeats (heartbeat round trip
p99), memory per idle connection (hub RSS delta / connections), handoff
delivery latency p99 (dialer's request to the agent's screen pop, measured
while the 1,000 connections stay open and heartbeat every 10 s), promise
ingest rate with idempotency (10% repeats) on SQLite and PostgreSQL, and the
first history page of a debtor with 100,000 events, timed server side, and the
supervisor board under load: 500 agents changing state 50 times a second in total
while 5 supervisors watch, timed from the agent's message to a watcher's delta.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from sqlalchemy import insert
from websockets.asyncio.client import ClientConnection, connect

from sync.hub import records
from sync.hub import sessions as hub_tokens
from sync.hub.db import make_engine, session_factory, utc_now
from sync.hub.models import HistoryEventRow, User
from sync.hub.passwords import hash_password
from sync.hub.seed import seed_demo
from sync.protocol import (
    AgentAvailability,
    BoardDelta,
    BoardSnapshot,
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
    SubscribeBoard,
    Welcome,
    WriteAck,
    decode_server,
    encode,
)
from tests.bench import Figure, median, percentile
from tests.integration.hub.postgres import PostgresCluster, binaries, free_port

BENCH = "hub"
CONNECTIONS = 1000
HANDOFFS = 200
PROMISES = 3000
HEARTBEAT_S = 10.0
HISTORY_EVENTS = 100_000
SIP = "sip:ana@127.0.0.1:5099"
BOARD_AGENTS = 500
BOARD_WATCHERS = 5
BOARD_RATE = 50  # state changes per second, the whole floor together
BOARD_CHANGES = 1000
PAUSES = ("break", "lunch")
M = TypeVar("M")


def spawn_hub(url: str, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import asyncio, resource, sys\n"
        "from sync.hub.limits import HubLimits\n"
        "from sync.hub.server import run_hub\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (8192, 8192))\n"
        "limits = HubLimits(messages_per_s=10_000, burst=10_000, sessions_per_user=5000)\n"
        "asyncio.run(run_hub(sys.argv[1], '127.0.0.1', int(sys.argv[2]), limits=limits))\n"
    )
    return subprocess.Popen([sys.executable, "-c", code, url, str(port)])


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def wait_listening(port: int) -> None:
    async with asyncio.timeout(60):
        while True:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.1)
                continue
            writer.close()
            return


class Client:
    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws

    @classmethod
    async def login(cls, port: int, user: str, token: str | None = None) -> tuple[Client, Welcome]:
        ws = await connect(f"ws://127.0.0.1:{port}", max_size=None, ping_interval=None)
        hello = Hello(user=user, token=token, password=None if token else "acuerdo-demo")
        await ws.send(encode(hello).decode())
        client = cls(ws)
        welcome = await client.until(Welcome)
        return client, welcome

    async def send(self, msg: Message) -> None:
        await self.ws.send(encode(msg).decode())

    async def until(self, kind: type[M]) -> M:
        while True:
            msg: ServerMessage = decode_server(await self.ws.recv())
            if isinstance(msg, kind):
                return msg


async def floor_figures(port: int, pid: int) -> list[Figure]:
    """Idle connections, memory, heartbeats, then handoff latency with the floor still busy."""
    _, welcome = await Client.login(port, "luis")
    before = rss_kib(pid)
    clients = []
    for start in range(0, CONNECTIONS, 100):
        batch = await asyncio.gather(
            *(
                Client.login(port, "luis", welcome.token)
                for _ in range(start, min(start + 100, CONNECTIONS))
            )
        )
        clients += [c for c, _ in batch]
    await asyncio.sleep(1.0)
    per_conn = (rss_kib(pid) - before) / len(clients)

    async def beat(client: Client, i: int) -> float:
        began = time.perf_counter()
        await client.send(Heartbeat(ref=f"hb{i}"))
        await client.until(Heartbeat)
        return (time.perf_counter() - began) * 1000

    rounds = []
    for _ in range(3):
        rounds += await asyncio.gather(*(beat(c, i) for i, c in enumerate(clients)))
    # Every agent keeps heartbeating (as the desktop does, every HEARTBEAT_S, spread
    # out) while the handoffs are measured: the goal is for a busy floor.
    beaters = [asyncio.create_task(keep_beating(c, i)) for i, c in enumerate(clients)]
    try:
        handoff = await handoff_latency(port)
    finally:
        for task in beaters:
            task.cancel()
        await asyncio.gather(*beaters, return_exceptions=True)
    await asyncio.gather(*(c.ws.close() for c in clients))
    return [
        Figure(
            BENCH,
            f"{len(clients)} connections: heartbeat round trip p99",
            percentile(rounds, 99),
            "ms",
            None,
            "lower",
        ),
        Figure(BENCH, "memory per idle connection", per_conn, "KiB", None, "lower"),
        handoff,
    ]


async def keep_beating(client: Client, index: int) -> None:
    async def drain() -> None:
        while True:
            await client.ws.recv()

    reader = asyncio.create_task(drain())
    try:
        await asyncio.sleep(HEARTBEAT_S * (index % CONNECTIONS) / CONNECTIONS)
        while True:
            await client.send(Heartbeat(ref=f"k{index}"))
            await asyncio.sleep(HEARTBEAT_S)
    finally:
        reader.cancel()


async def handoff_latency(port: int) -> Figure:
    agent, _ = await Client.login(port, "ana")
    dialer, _ = await Client.login(port, "dialer")
    samples = []
    await agent.send(SetAgentState(state="ready", sip_uri=SIP))
    for i in range(HANDOFFS):
        while (await dialer.until(AgentAvailability)).state != "ready":
            pass
        began = time.perf_counter()
        await dialer.send(CreateHandoff(agent="ana", campaign="any", ref=f"h{i}"))
        offer = await agent.until(HandoffOffer)
        samples.append((time.perf_counter() - began) * 1000)
        await dialer.until(HandoffCreated)
        await dialer.send(EndHandoff(handoff_id=offer.handoff_id, reason="bench"))
    await agent.ws.close()
    await dialer.ws.close()
    return Figure(
        BENCH, "handoff delivery latency p99", percentile(samples, 99), "ms", 25.0, "lower"
    )


async def promise_ingest(port: int, label: str) -> Figure:
    agent, _ = await Client.login(port, "sofia")
    dialer, _ = await Client.login(port, "dialer")
    await agent.send(SetAgentState(state="ready", sip_uri="sip:sofia@127.0.0.1:5098"))
    while (await dialer.until(AgentAvailability)).agent != "sofia":
        pass
    await dialer.send(CreateHandoff(agent="sofia", campaign="temprana"))
    offer = await agent.until(HandoffOffer)
    account = next(a for a in offer.debtor.accounts if a.status == "open")
    keys = [str(uuid.uuid4()) for _ in range(PROMISES)]
    keys += keys[: PROMISES // 10]  # repeats must come back as duplicates, not new rows
    due = dt.date.today() + dt.timedelta(days=10)

    async def sender() -> None:
        for key in keys:
            await agent.send(
                CreatePromise(
                    key=key,
                    handoff_id=offer.handoff_id,
                    debtor_id=offer.debtor.id,
                    account_id=account.id,
                    amount_cents=100_00,
                    currency=account.currency,
                    due_date=due,
                )
            )

    began = time.perf_counter()
    send_task = asyncio.create_task(sender())
    duplicates = 0
    for _ in keys:
        ack = await agent.until(WriteAck)
        duplicates += ack.duplicate
    elapsed = time.perf_counter() - began
    await send_task
    assert duplicates >= PROMISES // 10, duplicates
    await agent.ws.close()
    await dialer.ws.close()
    return Figure(
        BENCH,
        f"promise ingest with idempotency ({label})",
        len(keys) / elapsed,
        "/s",
        2000.0,
        "higher",
    )


def history_first_page(url: str) -> Figure:
    engine = make_engine(url)
    try:
        now = dt.datetime.now(dt.UTC)
        with engine.begin() as conn:
            for start in range(0, HISTORY_EVENTS, 10_000):
                conn.execute(
                    insert(HistoryEventRow),
                    [
                        {
                            "debtor_id": 1, "channel": "sms", "direction": "out",
                            "occurred_at": now - dt.timedelta(minutes=i),
                            "account_id": None, "summary": "Recordatorio", "detail": {},
                        }
                        for i in range(start, start + 10_000)
                    ],
                )  # fmt: skip
        maker = session_factory(engine)
        samples = []
        for _ in range(30):
            began = time.perf_counter()
            with maker() as session:
                page = records.history_page(session, 1)
            samples.append((time.perf_counter() - began) * 1000)
        assert page.total >= HISTORY_EVENTS
    finally:
        engine.dispose()
    return Figure(
        BENCH, "first history page, 100k events (server side)", median(samples), "ms", 30.0, "lower"
    )


def board_users(url: str) -> tuple[dict[str, str], dict[str, str]]:
    """Add the board's agents and watchers; a token for each (no password hashing per login)."""
    engine = make_engine(url)
    agents = [f"bench-agent-{i:03d}" for i in range(BOARD_AGENTS)]
    watchers = [f"bench-boss-{i}" for i in range(BOARD_WATCHERS)]
    hashed = hash_password("unused-bench-password", demo=True)
    try:
        with engine.begin() as conn:
            conn.execute(
                insert(User),
                [
                    {"username": name, "display_name": name, "role": role, "team": "Bench",
                     "password_hash": hashed}
                    for names, role in ((agents, "agent"), (watchers, "supervisor"))
                    for name in names
                ],
            )  # fmt: skip
        maker = session_factory(engine)
        tokens: dict[str, str] = {}
        for name in agents + watchers:
            with maker() as session:
                user = records.user_by_name(session, name)
            assert user is not None
            tokens[name] = hub_tokens.issue_token(maker, user, utc_now()).token
    finally:
        engine.dispose()
    return {a: tokens[a] for a in agents}, {w: tokens[w] for w in watchers}


async def board_latency(port: int, agents: dict[str, str], watchers: dict[str, str]) -> Figure:
    sent: dict[tuple[str, str | None], float] = {}
    samples: list[float] = []
    bosses = []
    for name, token in watchers.items():
        boss, _ = await Client.login(port, name, token)
        await boss.send(SubscribeBoard(ref="board"))
        await boss.until(BoardSnapshot)
        bosses.append(boss)
    desks: list[tuple[str, Client]] = []
    names = list(agents)
    for start in range(0, len(names), 100):
        batch = names[start : start + 100]
        logged = await asyncio.gather(*(Client.login(port, n, agents[n]) for n in batch))
        desks += [(n, c) for n, (c, _) in zip(batch, logged, strict=True)]

    async def watch(boss: Client, timed: bool) -> None:
        while True:
            delta = await boss.until(BoardDelta)
            began = sent.get((delta.entry.agent, delta.entry.pause_code))
            if timed and began is not None:
                samples.append((time.perf_counter() - began) * 1000)

    readers = [asyncio.create_task(watch(b, i == 0)) for i, b in enumerate(bosses)]
    try:
        for i in range(BOARD_CHANGES):
            name, desk = desks[i % len(desks)]
            pause = PAUSES[(i // len(desks)) % len(PAUSES)]
            sent[(name, pause)] = time.perf_counter()
            await desk.send(SetAgentState(state="not_ready", pause_code=pause))
            await asyncio.sleep(1 / BOARD_RATE)
        async with asyncio.timeout(30):
            while len(samples) < min(BOARD_CHANGES, 2 * len(desks)):
                await asyncio.sleep(0.05)
    finally:
        for task in readers:
            task.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
        await asyncio.gather(*(c.ws.close() for _, c in desks), *(b.ws.close() for b in bosses))
    return Figure(
        BENCH,
        f"board delta latency p99 ({BOARD_AGENTS} agents, {BOARD_RATE} changes/s, "
        f"{BOARD_WATCHERS} watchers)",
        percentile(samples, 99),
        "ms",
        50.0,
        "lower",
    )


def on_database(url: str, label: str, everything: bool) -> Iterator[Figure]:
    port = free_port()
    board = board_users(url) if everything else None
    hub = spawn_hub(url, port)
    try:
        asyncio.run(wait_listening(port))
        if everything:
            yield from asyncio.run(floor_figures(port, hub.pid))
        if board is not None:
            yield asyncio.run(board_latency(port, *board))
        yield asyncio.run(promise_ingest(port, label))
    finally:
        hub.kill()
        hub.wait()
    if everything:
        yield history_first_page(url)


def run() -> Iterator[Figure]:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, 8192), hard), hard))
    with tempfile.TemporaryDirectory(prefix="acuerdo-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'hub.db'}"
        seed_demo(url, debtors=2000, seed=7)
        yield from on_database(url, "SQLite", everything=True)
    bin_dir = binaries()
    if bin_dir is None:
        return
    cluster = PostgresCluster(bin_dir).start(durable=True)
    try:
        url = cluster.create_database("bench")
        seed_demo(url, debtors=2000, seed=7)
        yield from on_database(url, "PostgreSQL", everything=False)
    finally:
        cluster.stop()
