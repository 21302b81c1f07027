"""The connection inbox and the group commit, as pure asyncio pieces.

The inbox hands writes on without waiting for their answers (so a burst
travels together), makes any other message wait for the writes before it,
and refuses a message only after the inbox stayed full for the whole wait.
The group commit puts writes submitted in one tick into one batch, answers
each in submission order, and gives every writer the error of a failed batch.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence

import pytest

from sync.hub.inbox import Inbox
from sync.hub.ingest import GroupCommit
from sync.hub.records import UserRecord
from sync.hub.writes import WriteAnswer, WriteRequest
from sync.protocol import CreatePromise, FetchDebtor, Message, WriteAck

AGENT = UserRecord(1, "ana", "Ana", "agent", "", "")


def _promise(key: str) -> CreatePromise:
    return CreatePromise(
        key=key, handoff_id=None, debtor_id=1, account_id=1, amount_cents=100, currency="MXN",
        due_date=dt.date(2030, 1, 1),
    )  # fmt: skip


@pytest.mark.asyncio
async def test_writes_travel_together_and_a_read_waits_for_them() -> None:
    log: list[str] = []
    release = asyncio.Event()

    async def handle(msg: Message) -> None:
        if isinstance(msg, CreatePromise):
            log.append(f"start {msg.key}")
            await release.wait()
            log.append(f"done {msg.key}")
        else:
            log.append("read")

    inbox = Inbox(handle)
    for key in ("a", "b"):
        assert await inbox.put(_promise(key))
    assert await inbox.put(FetchDebtor(debtor_id=1))
    for _ in range(5):
        await asyncio.sleep(0)
    # Both writes are in flight at once; the read has not run.
    assert log == ["start a", "start b"]
    release.set()
    for _ in range(10):
        await asyncio.sleep(0)
    assert log == ["start a", "start b", "done a", "done b", "read"]
    await inbox.stop()


@pytest.mark.asyncio
async def test_a_full_inbox_refuses_only_after_the_wait() -> None:
    stuck = asyncio.Event()

    async def handle(msg: Message) -> None:
        await stuck.wait()

    inbox = Inbox(handle, size=2, room_wait_s=0.05)
    assert await inbox.put(FetchDebtor(debtor_id=1))  # taken by the worker, which sticks
    await asyncio.sleep(0)
    assert await inbox.put(FetchDebtor(debtor_id=2))
    assert await inbox.put(FetchDebtor(debtor_id=3))
    assert not await inbox.put(FetchDebtor(debtor_id=4))
    stuck.set()
    await inbox.stop()


@pytest.mark.asyncio
async def test_group_commit_batches_a_tick_and_answers_in_order() -> None:
    batches: list[list[str]] = []

    async def store(requests: Sequence[WriteRequest]) -> list[WriteAnswer]:
        batches.append([r.msg.key for r in requests])
        await asyncio.sleep(0.01)
        return [
            WriteAck(key=r.msg.key, kind="promise", result_id=i) for i, r in enumerate(requests)
        ]

    commit = GroupCommit(store, tick_s=0.001, max_batch=3)
    now = dt.datetime.now(dt.UTC)
    futures = [commit.submit(WriteRequest(AGENT, _promise(k), now)) for k in "abcde"]
    answers = await asyncio.gather(*futures)
    assert [a.key for a in answers] == list("abcde")
    assert batches == [["a", "b", "c"], ["d", "e"]]
    await commit.stop()


@pytest.mark.expect_log_errors
@pytest.mark.asyncio
async def test_a_failed_batch_reaches_every_writer_and_the_next_batch_still_runs() -> None:
    calls = 0

    async def store(requests: Sequence[WriteRequest]) -> list[WriteAnswer]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise ConnectionError("database away")
        return [WriteAck(key=r.msg.key, kind="promise", result_id=1) for r in requests]

    commit = GroupCommit(store, tick_s=0.001)
    now = dt.datetime.now(dt.UTC)
    failed = [commit.submit(WriteRequest(AGENT, _promise(k), now)) for k in "ab"]
    for future in failed:
        with pytest.raises(ConnectionError):
            await future
    later = await commit.submit(WriteRequest(AGENT, _promise("c"), now))
    assert later.key == "c"
    await commit.stop()
