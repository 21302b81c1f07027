"""A link that goes silent (the proxy stops forwarding, sockets open) is dropped and replaced.

With the default heartbeat settings the desk must notice a stalled link within
seconds, on its own (no close, no reset ever arrives), reconnect through a fresh
connection and deliver the promise it saved while the old link was stalled.
"""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest

from sync.client import ConnectionState, ItemState, LocalStore, SyncClient
from sync.client.connection import DEAD_AFTER_BEATS

from .floor import (
    HubProcess,
    ItemLog,
    eventually,
    free_port,
    hand_a_debtor_to_ana,
    promise_counts,
    seeded_sqlite,
)
from .proxy import FaultProxy

pytestmark = pytest.mark.timeout(60)


def test_default_dead_link_window_is_within_ten_seconds() -> None:
    default = inspect.signature(SyncClient).parameters["heartbeat_s"].default
    assert default * DEAD_AFTER_BEATS <= 10.0


@pytest.mark.asyncio
async def test_stalled_link_is_detected_and_replaced(tmp_path: Path) -> None:
    url = await asyncio.to_thread(seeded_sqlite, tmp_path)
    hub = await HubProcess(url, free_port()).start()
    proxy = await FaultProxy(hub.port).start()
    store = LocalStore(tmp_path / "desk.sqlite")
    log = ItemLog()
    client = SyncClient(proxy.url, "ana", "acuerdo-demo", store, log, backoff_initial=0.05)
    try:
        handed = await hand_a_debtor_to_ana(hub.url)
        await client.start()
        await eventually(lambda: client.connection_state is ConnectionState.ONLINE)
        assert proxy.stall_all(seconds=40.0) == 1
        item = await client.save_promise(handed.promise("during-stall"))
        assert item.state is ItemState.SAVED
        # Far less than the 40 s stall: only the heartbeat can end this link.
        await eventually(lambda: log.welcomes == 2, timeout=15)
        dropped = [detail for state, detail in log.connection if state == "offline"]
        assert any(detail.startswith("DeadLink") for detail in dropped), dropped
        await eventually(lambda: client.pending_count() == 0, timeout=10)
    finally:
        await client.stop()
        await proxy.stop()
        store.close()
        hub.kill()
    assert log.items["during-stall"].state is ItemState.SYNCED
    assert await asyncio.to_thread(promise_counts, url) == {"during-stall": 1}
