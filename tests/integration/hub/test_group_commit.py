"""Group commit: many writes per transaction, each answered on its own, exactly once.

``store_batch`` on a real database (SQLite and PostgreSQL): a rejected write
does not fail its batch-mates, a key repeated inside a batch or stored before
gets the original answer, and batches racing on overlapping keys from several
threads (as several hub processes would) store every key once. Through a real
hub, a burst of promises on one connection is all acknowledged in order while
heartbeats and transport pings sent after the burst are answered before the
burst's last acknowledgement: reading never waits for the database.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from websockets.asyncio.client import connect

from sync.hub import records
from sync.hub.db import make_engine, session_factory, utc_now
from sync.hub.limits import HubLimits
from sync.hub.models import Account, HandoffRow
from sync.hub.records import UserRecord
from sync.hub.server import Hub
from sync.hub.writes import WriteRequest, store_batch
from sync.protocol import (
    CreatePromise,
    HandoffOffer,
    Heartbeat,
    Hello,
    SubmitWrapUp,
    WriteAck,
    WriteReject,
    decode_server,
    encode,
)

from .conftest import Peer, rows, url_of
from .test_call_flow import hand_off, promise, ready_agent_and_dialer

BURST = 1500


@pytest.fixture
def store(database_url: str) -> Iterator[tuple[sessionmaker[Session], UserRecord, str, int, int]]:
    """Sessions on the database, the agent, and a handoff of theirs with an open account."""
    engine = make_engine(database_url)
    sessions = session_factory(engine)
    with sessions.begin() as session:
        agent = records.user_by_name(session, "ana")
        assert agent is not None
        account = session.scalars(select(Account).where(Account.status == "open")).first()
        assert account is not None
        handoff_id = str(uuid.uuid4())
        session.add(
            HandoffRow(
                id=handoff_id, agent_id=agent.id, debtor_id=account.debtor_id, campaign="temprana",
                mode="predictive", script_id="early-stage-mx", script_version=1,
                created_at=utc_now(), state="offered",
            )
        )  # fmt: skip
        debtor_id, account_id = account.debtor_id, account.id
    try:
        yield sessions, agent, handoff_id, debtor_id, account_id
    finally:
        engine.dispose()


def _promise(
    handoff_id: str, debtor_id: int, account_id: int, key: str, cents: int
) -> CreatePromise:
    return CreatePromise(
        key=key, handoff_id=handoff_id, debtor_id=debtor_id, account_id=account_id,
        amount_cents=cents, currency="MXN", due_date=dt.date.today() + dt.timedelta(days=7),
    )  # fmt: skip


def test_a_batch_answers_each_write_and_a_rejection_spares_the_others(
    database_url: str, store: tuple[sessionmaker[Session], UserRecord, str, int, int]
) -> None:
    sessions, agent, handoff_id, debtor_id, account_id = store
    now = utc_now()
    stored_before = str(uuid.uuid4())
    first = store_batch(
        sessions,
        [WriteRequest(agent, _promise(handoff_id, debtor_id, account_id, stored_before, 100), now)],
    )
    assert isinstance(first[0], WriteAck) and not first[0].duplicate
    good, twice, bad = (str(uuid.uuid4()) for _ in range(3))
    wrapup = SubmitWrapUp(
        key=str(uuid.uuid4()), handoff_id=handoff_id, debtor_id=debtor_id, disposition="promise"
    )
    batch = [
        _promise(handoff_id, debtor_id, account_id, good, 500),
        _promise(handoff_id, debtor_id, account_id, bad, 0),  # rejected: amount
        _promise(handoff_id, debtor_id, account_id, twice, 700),
        _promise(handoff_id, debtor_id, account_id, twice, 700),  # repeat in the batch
        _promise(handoff_id, debtor_id, account_id, stored_before, 100),  # stored before
        _promise(handoff_id, debtor_id, account_id, "", 100),  # no key: not recordable
        wrapup,
        _promise(handoff_id, debtor_id, account_id, bad, 0),  # repeat of a rejection
    ]
    answers = store_batch(sessions, [WriteRequest(agent, m, now) for m in batch])
    kinds = [
        (type(a).__name__, getattr(a, "duplicate", None), getattr(a, "code", None)) for a in answers
    ]
    assert kinds == [
        ("WriteAck", False, None),
        ("WriteReject", None, "invalid_amount"),
        ("WriteAck", False, None),
        ("WriteAck", True, None),
        ("WriteAck", True, None),
        ("WriteReject", None, "invalid_key"),
        ("WriteAck", False, None),
        ("WriteReject", None, "invalid_amount"),
    ]
    assert answers[3].result_id == answers[2].result_id  # type: ignore[union-attr]
    assert answers[4].result_id == first[0].result_id  # type: ignore[union-attr]
    for key in (good, twice, stored_before):
        assert rows(database_url, "SELECT count(*) FROM promises WHERE key = ?", key) == [(1,)]
    assert rows(database_url, "SELECT count(*) FROM promises WHERE key = ?", bad) == [(0,)]
    assert rows(database_url, "SELECT outcome, code FROM write_results WHERE key = ?", bad) == [
        ("rejected", "invalid_amount")
    ]
    assert rows(database_url, "SELECT state FROM handoffs WHERE id = ?", handoff_id) == [
        ("wrapped",)
    ]


def test_racing_batches_store_every_key_exactly_once(
    database_url: str, store: tuple[sessionmaker[Session], UserRecord, str, int, int]
) -> None:
    sessions, agent, handoff_id, debtor_id, account_id = store
    keys = [str(uuid.uuid4()) for _ in range(120)]
    now = utc_now()

    def batch(offset: int) -> list[object]:
        # Four writers, each with a window of keys overlapping its neighbours'.
        mine = keys[offset : offset + 60]
        requests = [
            WriteRequest(agent, _promise(handoff_id, debtor_id, account_id, k, 100), now)
            for k in mine
        ]
        return list(zip(mine, store_batch(sessions, requests), strict=True))

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = [pair for part in pool.map(batch, (0, 20, 40, 60)) for pair in part]
    assert all(isinstance(answer, WriteAck) for _, answer in results)
    fresh = [key for key, answer in results if not answer.duplicate]  # type: ignore[attr-defined]
    assert sorted(fresh) == sorted(set(keys[:120]))
    count = rows(database_url, "SELECT count(*) FROM promises WHERE handoff_id = ?", handoff_id)
    assert count == [(120,)]


@pytest.mark.asyncio
async def test_a_burst_is_acknowledged_in_order_while_pings_are_answered(
    database_url: str,
) -> None:
    # Limits high enough that the burst is not rate limited: the figure here is order.
    hub = Hub(database_url, port=0, limits=HubLimits(messages_per_s=10_000, burst=10_000))
    await hub.start()
    try:
        await _burst(hub)
    finally:
        await hub.stop()


async def _burst(hub: Hub) -> None:
    agent, dialer = await ready_agent_and_dialer(hub)
    async with agent, dialer:
        await hand_off(dialer)
        offer = await agent.receive_type(HandoffOffer)
    ws = await connect(url_of(hub), ping_interval=None)
    peer = Peer(ws)
    async with peer:
        await peer.request(Hello(user="ana", password="acuerdo-demo", ref="hi"))
        keys = [str(uuid.uuid4()) for _ in range(BURST)]
        for key in keys:
            await ws.send(encode(promise(offer, key)).decode())
        await ws.send(encode(Heartbeat(ref="alive")).decode())
        pong = await ws.ping()
        acked: list[str] = []
        heartbeat_at = pong_at = None
        async with asyncio.timeout(60):
            while len(acked) < BURST:
                message = decode_server(await ws.recv())
                if isinstance(message, Heartbeat):
                    heartbeat_at = len(acked)
                elif isinstance(message, WriteAck):
                    acked.append(message.key)
                else:
                    assert not isinstance(message, WriteReject), message
                if pong_at is None and pong.done():
                    pong_at = len(acked)
    assert acked == keys  # every write answered, in the order sent
    assert heartbeat_at is not None and heartbeat_at < BURST
    assert pong_at is not None and pong_at < BURST
