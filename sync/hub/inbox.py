"""One connection's inbox: frames keep being read while earlier ones are still being handled.

The server's read loop decodes each frame, answers heartbeats itself and puts
everything else here; one worker per connection takes messages out in
arrival order. Writes (promises, wrap-ups) are handed to the group commit
without waiting for their answer, so a burst of them travels in a few
transactions, and their answers go out in the order they came; any other
message waits until the writes before it are answered, so a reply never
overtakes a write it may depend on. The inbox is bounded: a full inbox makes
the reader wait a little (backpressure) and, if the worker is still stuck,
answer ``rate_limited`` (the desk resends later) and keep reading, so
transport pings are always answered. Runs on the event loop; it must never
touch the database or the socket itself.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from sync.protocol import CreatePromise, Message, ScheduleCallback, SubmitWrapUp, UpdateContact

# Messages waiting for the worker, and writes awaiting their answer, per connection.
INBOX_SIZE = 512
MAX_WRITES_IN_FLIGHT = 2000
# How long the reader waits for room before it asks for a resend; far below the
# transport's ping timeout, so a stuck worker never gets a live client cut off.
ROOM_WAIT_S = 5.0

Handle = Callable[[Message], Awaitable[None]]
WRITES = (CreatePromise, SubmitWrapUp, ScheduleCallback, UpdateContact)


class Inbox:
    def __init__(
        self, handle: Handle, *, size: int = INBOX_SIZE, room_wait_s: float = ROOM_WAIT_S
    ) -> None:
        self._handle = handle
        self._size = size
        self._room_wait_s = room_wait_s
        # Made on first use (see ``put``): most connections are idle most of the time.
        self._queue: asyncio.Queue[Message] | None = None
        self._in_flight: set[asyncio.Task[None]] = set()
        self._last_write: asyncio.Task[None] | None = None
        self._worker: asyncio.Task[None] | None = None
        self._busy = False
        self._closing = False

    async def put(self, msg: Message) -> bool:
        """Queue a message; False when the inbox stayed full (the caller asks for a resend)."""
        if self._queue is None:
            # Started on first use: an idle connection (heartbeats only) costs no task.
            self._queue = asyncio.Queue(maxsize=self._size)
            writes = asyncio.Semaphore(MAX_WRITES_IN_FLIGHT)
            self._worker = asyncio.create_task(self._work(self._queue, writes))
        try:
            self._queue.put_nowait(msg)
            return True
        except asyncio.QueueFull:
            pass
        try:
            async with asyncio.timeout(self._room_wait_s):
                await self._queue.put(msg)
            return True
        except TimeoutError:
            return False

    async def _work(self, queue: asyncio.Queue[Message], writes: asyncio.Semaphore) -> None:
        while True:
            msg = await queue.get()
            if isinstance(msg, WRITES):
                await writes.acquire()
                # The handler submits to the group commit in its first step, and tasks
                # start in creation order, so writes keep their order end to end.
                task = asyncio.create_task(self._write(msg, writes))
                self._in_flight.add(task)
                task.add_done_callback(self._in_flight.discard)
                self._last_write = task
                continue
            self._busy = True
            try:
                if self._last_write is not None and not self._last_write.done():
                    await asyncio.wait([self._last_write])
                await self._handle(msg)
            finally:
                self._busy = False
            if self._closing:
                return

    async def _write(self, msg: Message, writes: asyncio.Semaphore) -> None:
        try:
            await self._handle(msg)
        finally:
            writes.release()

    async def stop(self) -> None:
        """Stop taking messages; writes already handed on still get their answers."""
        self._closing = True
        if self._worker is not None:
            # A message being handled is finished (its events must still be delivered
            # to other connections); one merely waiting in the queue is dropped.
            if not self._busy:
                self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
        if self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)
