"""SyncClient against the real Hub on loopback: login, screen pop, promise synced exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
import sqlalchemy as sa
from websockets.asyncio.client import ClientConnection, connect

from sync.client import ConnectionState, ItemState, LocalStore, SyncClient
from sync.hub.db import migrate
from sync.hub.seed import seed_demo
from sync.hub.server import Hub
from sync.protocol import (
    AgentAvailability,
    CreateHandoff,
    CreatePromise,
    HandoffCreated,
    Hello,
    ServerMessage,
    Welcome,
    decode_server,
    encode,
)

from .peer import RecordingListener, eventually

pytestmark = pytest.mark.timeout(60)


@pytest_asyncio.fixture
async def hub(tmp_path: Path) -> AsyncIterator[tuple[Hub, str]]:
    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    await asyncio.to_thread(migrate, url)
    await asyncio.to_thread(seed_demo, url, debtors=20)
    server = Hub(url, port=0)
    await server.start()
    yield server, url
    await server.stop()


async def next_matching(ws: ClientConnection, wanted: type, **fields: object) -> ServerMessage:
    """Read frames until one of type ``wanted`` whose fields match; others are skipped."""
    while True:
        message = decode_server(await asyncio.wait_for(ws.recv(), 10))
        if isinstance(message, wanted) and all(
            getattr(message, name) == value for name, value in fields.items()
        ):
            return message


@pytest.mark.asyncio
async def test_offer_then_promise_synced_once(hub: tuple[Hub, str], tmp_path: Path) -> None:
    server, database_url = hub
    hub_url = f"ws://127.0.0.1:{server.port}"
    store = LocalStore(tmp_path / "desk" / "cache.sqlite")
    listener = RecordingListener()
    client = SyncClient(
        hub_url, "ana", "acuerdo-demo", store, listener, backoff_initial=0.05, heartbeat_s=2.0
    )
    try:
        async with connect(hub_url) as dialer:
            await dialer.send(encode(Hello(user="dialer", password="acuerdo-demo")), text=True)
            assert isinstance(await next_matching(dialer, Welcome), Welcome)

            await client.start()
            await eventually(lambda: client.connection_state is ConnectionState.ONLINE)
            assert listener.welcomes[0].role == "agent"
            await client.set_state("ready", sip_uri="sip:ana@127.0.0.1:5099")
            await next_matching(dialer, AgentAvailability, agent="ana", state="ready")

            create = CreateHandoff(agent="ana", campaign="temprana", mode="predictive", ref="r1")
            await dialer.send(encode(create), text=True)
            created = await next_matching(dialer, HandoffCreated, ref="r1")
            assert isinstance(created, HandoffCreated)

        await eventually(lambda: len(listener.offers) == 1)
        offer = listener.offers[0]
        assert offer.handoff_id == created.handoff_id
        assert offer.debtor.id == created.debtor_id
        await eventually(lambda: store.last_seq() == offer.seq)  # persisted after on_offer

        account = next(a for a in offer.debtor.accounts if a.status == "open")
        key = str(uuid.uuid4())
        promise = CreatePromise(
            key=key,
            handoff_id=offer.handoff_id,
            debtor_id=offer.debtor.id,
            account_id=account.id,
            amount_cents=max(1, account.minimum_payment_cents),
            currency=account.currency,
            due_date=dt.date.today() + dt.timedelta(days=7),
        )
        item = await client.save_promise(promise)
        assert item.state is ItemState.SAVED
        answered = (ItemState.SYNCED, ItemState.REJECTED)
        await eventually(lambda: any(state in answered for state in listener.states_of(key)))
        final = store.get(key)
        assert final is not None
        assert final.state is ItemState.SYNCED, final.reason
    finally:
        await client.stop()
        store.close()

    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT debtor_id, account_id FROM promises WHERE key = :key"),
                {"key": key},
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [(offer.debtor.id, account.id)]
