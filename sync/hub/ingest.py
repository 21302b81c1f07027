"""Group commit: the writes that arrive within one tick share one database transaction.

Each promise or wrap-up is submitted here and gets a future for its own
answer. The first write after a quiet spell waits one short tick for
company; while a batch is being committed, newer writes queue and go together
in the next one, so under load a transaction carries hundreds of writes and
its commit (the fsync) is paid once for all of them. Batches run one at a
time, in arrival order, so answers come back in the order writes arrived.
Runs on the event loop and hands the storing to the database executor; it
must never store anything itself, nor reorder or drop a submitted write.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

from .writes import WriteAnswer, WriteRequest

log = logging.getLogger("acuerdo.hub.ingest")

StoreBatch = Callable[[Sequence[WriteRequest]], Awaitable[list[WriteAnswer]]]
TICK_S = 0.002
MAX_BATCH = 500


class GroupCommit:
    def __init__(
        self, store: StoreBatch, *, tick_s: float = TICK_S, max_batch: int = MAX_BATCH
    ) -> None:
        self._store = store
        self._tick_s = tick_s
        self._max_batch = max_batch
        self._waiting: list[tuple[WriteRequest, asyncio.Future[WriteAnswer]]] = []
        self._flusher: asyncio.Task[None] | None = None

    def submit(self, request: WriteRequest) -> asyncio.Future[WriteAnswer]:
        """Queue a write for the next batch; the future holds its answer."""
        future: asyncio.Future[WriteAnswer] = asyncio.get_running_loop().create_future()
        self._waiting.append((request, future))
        if self._flusher is None:
            self._flusher = asyncio.create_task(self._flush(), name="hub-group-commit")
        return future

    def pending(self) -> int:
        return len(self._waiting)

    async def _flush(self) -> None:
        try:
            await asyncio.sleep(self._tick_s)
            while self._waiting:
                batch = self._waiting[: self._max_batch]
                del self._waiting[: self._max_batch]
                await self._commit(batch)
        finally:
            self._flusher = None

    async def _commit(self, batch: list[tuple[WriteRequest, asyncio.Future[WriteAnswer]]]) -> None:
        try:
            answers = await self._store([request for request, _ in batch])
        except Exception as exc:
            # The database itself failed (not a business rule): every writer hears
            # about it and the client's outbox sends again later.
            log.error("a batch of %d writes failed: %s", len(batch), type(exc).__name__)
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for (_, future), answer in zip(batch, answers, strict=True):
            if not future.done():
                future.set_result(answer)

    async def stop(self) -> None:
        """Finish what was submitted (the writers are owed an answer), then stop."""
        if self._flusher is not None:
            with contextlib.suppress(Exception):
                await self._flusher
