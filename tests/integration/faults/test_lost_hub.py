"""A hub lost mid-shift: restarted on the same port, or one of two on PostgreSQL killed.

The desk (real SyncClient, real LocalStore) is ready, has a debtor on screen and
is saving promises when its hub process gets SIGKILL. While the desk cannot get
back in (its proxy holds the door), the dialer ends the call, which puts a
HandoffCancel in the agent's event stream. Then the door opens: the desk resumes
from its last sequence number and must see the cancel exactly once, in order,
and every promise must end synced and stored once. With two hubs the desk is
given both URLs and moves to the survivor by itself.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from sync.client import ConnectionState, ItemState, LocalStore, SyncClient
from sync.protocol import HandoffCancel, HandoffOffer
from tests.integration.hub.postgres import PostgresCluster

from .floor import (
    SIP,
    Dialer,
    Handed,
    HubProcess,
    ItemLog,
    eventually,
    free_port,
    promise_counts,
    seeded_sqlite,
)
from .proxy import FaultProxy

pytestmark = pytest.mark.timeout(90)

PROMISES = 300


async def shift_across_a_lost_hub(
    client: SyncClient,
    log: ItemLog,
    *,
    dialer_url: Callable[[], str],
    door: FaultProxy,
    lose_hub: Callable[[], Awaitable[None]],
    database_url: str,
) -> None:
    await client.start()
    await eventually(lambda: client.connection_state is ConnectionState.ONLINE)
    await client.set_state("ready", sip_uri=SIP)
    dialer = await Dialer.connect(dialer_url())
    created = await dialer.hand_off("ana")
    await eventually(lambda: any(isinstance(e, HandoffOffer) for e in log.events))
    offer = log.events[-1]
    assert isinstance(offer, HandoffOffer) and offer.handoff_id == created.handoff_id
    handed = Handed.of(offer)
    keys = [str(uuid.uuid4()) for _ in range(PROMISES)]

    async def save_all() -> None:
        for key in keys:
            await client.save_promise(handed.promise(key))

    saving = asyncio.create_task(save_all())
    await eventually(lambda: sum(i.state is ItemState.SYNCED for i in log.items.values()) >= 50)
    door.hold()
    await lose_hub()
    # The agent's stream moves on while the desk is away.
    ender = await Dialer.connect(dialer_url())
    await ender.end(created.handoff_id)
    await ender.close()
    door.release()
    await saving
    await eventually(lambda: client.pending_count() == 0, timeout=60)
    await client.stop()
    await dialer.close()

    assert log.welcomes >= 2, "the desk never reconnected"
    cancels = [e for e in log.events if isinstance(e, HandoffCancel)]
    assert [c.handoff_id for c in cancels] == [created.handoff_id]
    assert log.seqs() == [offer.seq, offer.seq + 1], "an event was missed or repeated"
    assert {log.items[key].state for key in keys} == {ItemState.SYNCED}
    counts = await asyncio.to_thread(promise_counts, database_url)
    assert counts == dict.fromkeys(keys, 1)


@pytest.mark.asyncio
async def test_hub_restarted_mid_stream(tmp_path: Path) -> None:
    url = await asyncio.to_thread(seeded_sqlite, tmp_path)
    hub = await HubProcess(url, free_port()).start()
    door = await FaultProxy(hub.port).start()
    store = LocalStore(tmp_path / "desk.sqlite")
    log = ItemLog()
    client = SyncClient(door.url, "ana", "acuerdo-demo", store, log, backoff_initial=0.05)

    async def restart() -> None:
        hub.kill()
        door.cut_all()
        await hub.start()  # same port, same database file

    try:
        await shift_across_a_lost_hub(
            client, log, dialer_url=lambda: hub.url, door=door, lose_hub=restart,
            database_url=url,
        )  # fmt: skip
    finally:
        await client.stop()
        await door.stop()
        store.close()
        hub.kill()


@pytest.mark.asyncio
async def test_one_of_two_postgresql_hubs_killed(
    faults_postgres: tuple[PostgresCluster, str], tmp_path: Path
) -> None:
    cluster, template = faults_postgres
    url = await asyncio.to_thread(cluster.copy_of, template)
    doomed = await HubProcess(url, free_port()).start()
    survivor = await HubProcess(url, free_port()).start()
    to_doomed = await FaultProxy(doomed.port).start()
    to_survivor = await FaultProxy(survivor.port).start()
    store = LocalStore(tmp_path / "desk.sqlite")
    log = ItemLog()
    # The desk knows both hubs and starts on the first one.
    urls = [to_doomed.url, to_survivor.url]
    client = SyncClient(urls, "ana", "acuerdo-demo", store, log, backoff_initial=0.05)

    async def kill_one() -> None:
        doomed.kill()
        to_doomed.cut_all()

    try:
        await shift_across_a_lost_hub(
            client, log, dialer_url=lambda: survivor.url, door=to_survivor, lose_hub=kill_one,
            database_url=url,
        )  # fmt: skip
        assert to_doomed.stats.connections == 1, "the desk went back to the dead hub's door"
    finally:
        await client.stop()
        await to_doomed.stop()
        await to_survivor.stop()
        store.close()
        doomed.kill()
        survivor.kill()
