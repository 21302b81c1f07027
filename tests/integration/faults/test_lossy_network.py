"""2,000 promises through a proxy that delays, cuts, stalls and loses replies: each stored once.

A real SyncClient over a real LocalStore talks to a real hub process through the
fault proxy. The proxy's faults are seeded and bounded; the test proves the faults
happened (counters, reconnects, the hub answering repeats as duplicates) and then
that the hub holds exactly one row per promise and the desk shows each as synced.
A second test meters the hub down to a trickle: writes it refuses as rate_limited
are sent again later instead of staying "syncing" forever.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from sync.client import ItemState, LocalStore, SyncClient

from .floor import (
    Handed,
    HubProcess,
    ItemLog,
    eventually,
    free_port,
    hand_a_debtor_to_ana,
    promise_counts,
    seeded_sqlite,
)
from .proxy import FaultPlan, FaultProxy

pytestmark = pytest.mark.timeout(120)

PROMISES = 2000
PLAN = FaultPlan(
    seed=2026,
    delay_p=0.05,
    delay_max_s=0.02,
    cut_p=0.01,
    max_cuts=6,
    stall_p=0.005,
    stall_s=1.5,
    max_stalls=2,
    reply_loss_p=0.01,
    max_reply_losses=6,
)


@pytest_asyncio.fixture
async def hub(tmp_path: Path) -> AsyncIterator[HubProcess]:
    url = await asyncio.to_thread(seeded_sqlite, tmp_path)
    process = await HubProcess(url, free_port()).start()
    try:
        yield process
    finally:
        process.kill()


async def save_all(client: SyncClient, handed: Handed, keys: list[str]) -> None:
    for key in keys:
        await client.save_promise(handed.promise(key))


@pytest.mark.asyncio
async def test_two_thousand_promises_through_a_faulty_network(
    hub: HubProcess, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    handed = await hand_a_debtor_to_ana(hub.url)
    proxy = await FaultProxy(hub.port, PLAN).start()
    store = LocalStore(tmp_path / "desk.sqlite")
    log = ItemLog()
    # A short heartbeat so the proxy's stalls are noticed quickly; the rest is default.
    client = SyncClient(
        proxy.url, "ana", "acuerdo-demo", store, log, backoff_initial=0.05, backoff_max=0.5,
        heartbeat_s=0.5,
    )  # fmt: skip
    keys = [str(uuid.uuid4()) for _ in range(PROMISES)]
    try:
        await client.start()
        await save_all(client, handed, keys)
        await eventually(lambda: client.pending_count() == 0, timeout=90)
    finally:
        await client.stop()
        await proxy.stop()
        store.close()

    # The faults really happened, and really made the desk send writes twice.
    stats = proxy.stats
    assert stats.cuts >= 3 and stats.reply_losses >= 3 and stats.delays > 0, stats
    assert log.welcomes > stats.cuts, "every cut link was replaced"
    repeats = [r for r in caplog.records if "the hub already had it" in r.getMessage()]
    assert repeats, "no write was answered as a duplicate: the faults proved nothing"

    assert {key: item.state for key, item in log.items.items()} == dict.fromkeys(
        keys, ItemState.SYNCED
    )
    counts = await asyncio.to_thread(promise_counts, hub.database_url)
    assert len(counts) == PROMISES
    assert set(counts) == set(keys) and set(counts.values()) == {1}


@pytest.mark.asyncio
async def test_writes_refused_as_rate_limited_are_sent_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = await asyncio.to_thread(seeded_sqlite, tmp_path)
    hub = await HubProcess(url, free_port(), messages_per_s=40.0, burst=10).start()
    store = LocalStore(tmp_path / "desk.sqlite")
    log = ItemLog()
    client = SyncClient(hub.url, "ana", "acuerdo-demo", store, log, backoff_initial=0.05)
    keys = [f"rl-{n}" for n in range(60)]
    try:
        handed = await hand_a_debtor_to_ana(hub.url)
        await client.start()
        await save_all(client, handed, keys)
        await eventually(lambda: client.pending_count() == 0, timeout=30)
    finally:
        await client.stop()
        store.close()
        hub.kill()
    assert any("rate_limited for" in r.getMessage() for r in caplog.records), "never limited"
    assert all(log.items[key].state is ItemState.SYNCED for key in keys)
    counts = await asyncio.to_thread(promise_counts, url)
    assert counts == dict.fromkeys(keys, 1)
