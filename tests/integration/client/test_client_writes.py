"""SyncClient.save_write for callbacks and contact updates against the real hub: synced once."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from sync.client import ConnectionState, ItemState, LocalStore, SyncClient
from sync.hub.server import Hub
from sync.protocol import (
    AgentAvailability,
    AgentOrder,
    CallbackList,
    CommandAgent,
    CreateHandoff,
    Done,
    FetchCallbacks,
    FetchKpis,
    HandoffCreated,
    Hello,
    KpiData,
    QueueMessage,
    ScheduleCallback,
    UpdateContact,
    Welcome,
    encode,
)

from .peer import RecordingListener, eventually
from .test_client_with_hub import hub, next_matching  # noqa: F401 (fixture)

pytestmark = pytest.mark.timeout(60)


@pytest.mark.asyncio
async def test_callback_and_contact_update_sync_once(hub: tuple[Hub, str], tmp_path: Path) -> None:  # noqa: F811
    server, _ = hub
    hub_url = f"ws://127.0.0.1:{server.port}"
    store = LocalStore(tmp_path / "desk" / "cache.sqlite")
    client = SyncClient(hub_url, "ana", "acuerdo-demo", store, RecordingListener(),
                        backoff_initial=0.05, heartbeat_s=2.0)  # fmt: skip
    try:
        async with connect(hub_url) as dialer:
            await dialer.send(encode(Hello(user="dialer", password="acuerdo-demo")), text=True)
            await next_matching(dialer, Welcome)
            await client.start()
            await eventually(lambda: client.connection_state is ConnectionState.ONLINE)
            await client.set_state("ready", sip_uri="sip:ana@127.0.0.1:5099")
            await next_matching(dialer, AgentAvailability, agent="ana", state="ready")
            create = CreateHandoff(agent="ana", campaign="temprana", ref="r")
            await dialer.send(encode(create), text=True)
            created = await next_matching(dialer, HandoffCreated, ref="r")
            assert isinstance(created, HandoffCreated)
        due = dt.datetime.now(dt.UTC) + dt.timedelta(hours=4)
        callback = ScheduleCallback(key=str(uuid.uuid4()), debtor_id=created.debtor_id, due_at=due)
        contact = UpdateContact(key=str(uuid.uuid4()), debtor_id=created.debtor_id,
                                action="new_number", value="5512345678")  # fmt: skip
        for msg in (callback, contact):
            saved = await client.save_write(msg)
            assert saved.state in (ItemState.SAVED, ItemState.SYNCING, ItemState.SYNCED)
            again = await client.save_write(msg)
            assert again.key == saved.key
        await eventually(lambda: client.pending_count() == 0)
        items = {i.key: i for i in store.recent()}
        assert items[callback.key].state is ItemState.SYNCED
        assert items[contact.key].state is ItemState.SYNCED
        assert items[contact.key].kind == "contact"
        with pytest.raises(TypeError):
            await client.save_write("not a write")  # type: ignore[arg-type]
    finally:
        await client.stop()


@pytest.mark.asyncio
async def test_queued_message_orders_and_floor_requests(
    hub: tuple[Hub, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    server, _ = hub
    hub_url = f"ws://127.0.0.1:{server.port}"
    store = LocalStore(tmp_path / "desk" / "cache.sqlite")
    listener = RecordingListener()
    client = SyncClient(hub_url, "ana", "acuerdo-demo", store, listener,
                        backoff_initial=0.05, heartbeat_s=2.0)  # fmt: skip
    try:
        async with connect(hub_url) as dialer, connect(hub_url) as boss:
            await dialer.send(encode(Hello(user="dialer", password="acuerdo-demo")), text=True)
            await next_matching(dialer, Welcome)
            await boss.send(encode(Hello(user="carmen", password="acuerdo-demo")), text=True)
            await next_matching(boss, Welcome)
            await client.start()
            await eventually(lambda: client.connection_state is ConnectionState.ONLINE)
            assert listener.welcomes[-1].grant_key  # agents get the key their grants use
            await client.set_state("ready", sip_uri="sip:ana@127.0.0.1:5099")
            await next_matching(dialer, AgentAvailability, agent="ana", state="ready")
            await dialer.send(
                encode(CreateHandoff(agent="ana", campaign="temprana", ref="r")), text=True
            )
            created = await next_matching(dialer, HandoffCreated, ref="r")
            assert isinstance(created, HandoffCreated)
            order = CommandAgent(agent="ana", action="message", text="Revisa tu correo", ref="o")
            await boss.send(encode(order), text=True)
            await next_matching(boss, Done, ref="o")
            await eventually(lambda: any(isinstance(e, AgentOrder) for e in listener.events))
        await eventually(lambda: bool(listener.offers))
        phone = next(p for p in listener.offers[-1].debtor.contact_points if p.kind == "phone")
        message = QueueMessage(
            key=str(uuid.uuid4()),
            debtor_id=created.debtor_id,
            channel="sms",
            contact_point_id=phone.id,
            text="Hola",
            handoff_id=created.handoff_id,
        )
        saved = await client.save_write(message)
        assert saved.kind == "message" and "Hola" not in saved.summary
        await eventually(lambda: client.pending_count() == 0)
        assert {i.key: i for i in store.recent()}[message.key].state is ItemState.SYNCED
        with pytest.raises(ValueError):
            await client.request(message)
        figures = await client.request(FetchKpis(scope="agent"))
        assert isinstance(figures, KpiData) and figures.kpis.scope == "agent"
        assert isinstance(await client.request(FetchCallbacks()), CallbackList)
    finally:
        await client.stop()
