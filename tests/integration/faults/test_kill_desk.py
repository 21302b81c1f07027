"""SIGKILL the desk right after "saved": the next process over the same file delivers it once.

The desk is a real OS process using SyncClient and LocalStore like the desktop;
the test kills it with SIGKILL the moment it prints "saved" (with the hub
unreachable, with the hub up so the write may be on the wire, and in the middle
of a batch of 50), starts a new process over the same store file and checks the
hub's table: every promise the desk said was saved is there exactly once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from .floor import ROOT, Handed, HubProcess, free_port, hand_a_debtor_to_ana, promise_counts
from .floor import seeded_sqlite as seed

pytestmark = pytest.mark.timeout(90)


@pytest_asyncio.fixture
async def hub(tmp_path: Path) -> AsyncIterator[tuple[HubProcess, Handed]]:
    url = await asyncio.to_thread(seed, tmp_path)
    process = await HubProcess(url, free_port()).start()
    try:
        yield process, await hand_a_debtor_to_ana(process.url)
    finally:
        process.kill()


async def desk(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.integration.faults.desk_process", *args,
        cwd=ROOT, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def save_then_kill(
    store: Path, url: str, handed: Handed, *, count: int, kill_after: int, online: bool
) -> list[str]:
    """Run a saving desk, SIGKILL it after ``kill_after`` "saved" lines; the keys it saved."""
    options = ["--handed", json.dumps(dataclasses.asdict(handed)), "--count", str(count)]
    process = await desk("save", str(store), url, *options, *(["--online"] if online else []))
    assert process.stdout is not None
    saved: list[str] = []
    try:
        async with asyncio.timeout(30):
            while len(saved) < kill_after:
                line = (await process.stdout.readline()).decode()
                assert line.startswith("saved "), f"desk said {line!r}"
                saved.append(line.split()[1])
    finally:
        process.kill()  # SIGKILL: no cleanup, no flush, no goodbye to the hub
        await process.wait()
    return saved


async def deliver(store: Path, url: str) -> int:
    process = await desk("deliver", str(store), url)
    assert process.stdout is not None
    async with asyncio.timeout(40):
        line = (await process.stdout.readline()).decode()
        assert await process.wait() == 0
    assert line.startswith("delivered "), f"desk said {line!r}"
    return int(line.split()[1])


@pytest.mark.asyncio
async def test_saved_while_the_hub_is_unreachable(
    hub: tuple[HubProcess, Handed], tmp_path: Path
) -> None:
    process, handed = hub
    store = tmp_path / "desk.sqlite"
    nowhere = f"ws://127.0.0.1:{free_port()}"
    saved = await save_then_kill(store, nowhere, handed, count=1, kill_after=1, online=False)
    assert await deliver(store, process.url) == 1
    counts = await asyncio.to_thread(promise_counts, process.database_url)
    assert counts == {saved[0]: 1}


@pytest.mark.asyncio
async def test_saved_as_it_is_sent(hub: tuple[HubProcess, Handed], tmp_path: Path) -> None:
    process, handed = hub
    store = tmp_path / "desk.sqlite"
    saved = await save_then_kill(store, process.url, handed, count=1, kill_after=1, online=True)
    assert await deliver(store, process.url) == 1
    counts = await asyncio.to_thread(promise_counts, process.database_url)
    assert counts == {saved[0]: 1}


@pytest.mark.asyncio
async def test_killed_in_the_middle_of_fifty_saves(
    hub: tuple[HubProcess, Handed], tmp_path: Path
) -> None:
    process, handed = hub
    store = tmp_path / "desk.sqlite"
    saved = await save_then_kill(store, process.url, handed, count=50, kill_after=20, online=True)
    # The desk kept saving while the test read its output, so more than 20 may be on disk
    # (the one in progress at the kill may or may not be); whatever is, arrives once.
    stored = await deliver(store, process.url)
    assert 20 <= stored <= 50
    counts = await asyncio.to_thread(promise_counts, process.database_url)
    assert set(saved) <= set(counts)
    assert counts == {f"p-{n}": 1 for n in range(stored)}
