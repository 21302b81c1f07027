"""A desk in its own OS process, the way the desktop uses the sync client: for SIGKILL tests.

``save`` starts a SyncClient over the store file, optionally waits until it is
online, then saves promises one by one and prints ``saved <key>`` after each
durable commit (what the UI shows as "saved"), and waits to be killed.
``deliver`` starts a SyncClient over the same file, waits until the outbox is
empty and prints ``delivered <n>``. Run as ``python -m
tests.integration.faults.desk_process``; it must never talk to anything but
the hub URL it is given.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from sync.client import ConnectionState, LocalStore, SyncClient

from .floor import Handed, ItemLog


async def save(client: SyncClient, handed: Handed, count: int, prefix: str, online: bool) -> None:
    await client.start()
    while online and client.connection_state is not ConnectionState.ONLINE:
        await asyncio.sleep(0.01)
    for n in range(count):
        key = f"{prefix}-{n}"
        await client.save_promise(handed.promise(key))
        print(f"saved {key}", flush=True)
    await asyncio.Future()  # killed here


async def deliver(client: SyncClient, store: LocalStore) -> None:
    await client.start()
    async with asyncio.timeout(30):
        while client.pending_count():
            await asyncio.sleep(0.02)
    await client.stop()
    print(f"delivered {len(store.recent(10_000))}", flush=True)


async def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("save", "deliver"))
    parser.add_argument("store", type=Path)
    parser.add_argument("url")
    parser.add_argument("--handed", default="{}")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--prefix", default="p")
    parser.add_argument("--online", action="store_true")
    args = parser.parse_args(argv)
    store = LocalStore(args.store)
    client = SyncClient(args.url, "ana", "acuerdo-demo", store, ItemLog(), backoff_initial=0.05)
    if args.mode == "save":
        handed = Handed(**json.loads(args.handed))
        await save(client, handed, args.count, args.prefix, args.online)
    else:
        await deliver(client, store)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
