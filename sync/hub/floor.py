"""The live connections of this hub process and in-order delivery of each user's stream.

The floor knows every open connection by user and delivers numbered stream
events to them: events committed by this process arrive directly, events
committed by another process arrive as relay notices and are read back from
the store. Each connection delivers its user's events strictly in number
order, once each: duplicates are dropped, an out-of-order event waits for the
gap to fill and a gap that does not fill is read back from the store. Runs
only on the event loop; it must never touch the database except through the
``fetch`` function it is given, and never block.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from sync.protocol import Message, encode

from .records import UserRecord
from .streams import Pushed

log = logging.getLogger("acuerdo.hub")

# A client that stops reading is cut off rather than allowed to grow the hub's memory.
MAX_QUEUED = 5_000
# How long an out-of-order event waits for the missing ones before they are read back.
GAP_WAIT_S = 0.2

Fetch = Callable[[int, int], Awaitable[list[tuple[int, bytes]]]]


class Connection:
    """One websocket client; all outgoing frames go through a queue so order is kept."""

    def __init__(self, websocket: ServerConnection, session_id: str) -> None:
        self.websocket = websocket
        self.session_id = session_id
        self.user: UserRecord | None = None
        # bytes: a frame; (code, reason): close; None: stop once everything before is sent.
        self._queue: asyncio.Queue[bytes | tuple[int, str] | None] = asyncio.Queue()
        # Stream delivery: the last number sent; None until the welcome went out.
        self.stream_seq: int | None = None
        self.held: dict[int, bytes] = {}
        self.catching_up = False

    @property
    def username(self) -> str | None:
        return self.user.username if self.user else None

    @property
    def role(self) -> str | None:
        return self.user.role if self.user else None

    def send(self, message: Message) -> None:
        self.send_frame(encode(message))

    def send_frame(self, frame: bytes) -> None:
        if self._queue.qsize() >= MAX_QUEUED:
            log.warning("session %s is not reading; closing it", self.session_id)
            self.close(1008, "too many unread messages")
            return
        self._queue.put_nowait(frame)

    def close(self, code: int, reason: str) -> None:
        """Close after every frame queued so far has been sent."""
        self._queue.put_nowait((code, reason))

    def finish(self) -> None:
        """Stop the writer after the frames already queued."""
        self._queue.put_nowait(None)

    def offer(self, seq: int, frame: bytes) -> bool:
        """Take one stream event; True when a gap is left waiting for older events."""
        if self.stream_seq is None:
            self.held[seq] = frame  # before the welcome: sent right after it
            return False
        if seq > self.stream_seq:
            self.held[seq] = frame
        while self.stream_seq + 1 in self.held:
            self.stream_seq += 1
            self.send_frame(self.held.pop(self.stream_seq))
        # Anything at or below what was sent is a duplicate (replay raced a live event).
        for stale in [s for s in self.held if s <= self.stream_seq]:
            del self.held[stale]
        return bool(self.held)

    async def write_loop(self) -> None:
        while True:
            item = await self._queue.get()
            if item is None:
                return
            try:
                if isinstance(item, tuple):
                    await self.websocket.close(item[0], item[1])
                    return
                await self.websocket.send(item, text=True)
            except ConnectionClosed:
                return


class Floor:
    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch
        self._connections: dict[int, set[Connection]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def attach(self, conn: Connection) -> None:
        """Register a logged-in connection; its stream events are held until ``go_live``."""
        assert conn.user is not None
        self._connections.setdefault(conn.user.id, set()).add(conn)

    def go_live(
        self, conn: Connection, after_seq: int, replay: Iterable[tuple[int, bytes]]
    ) -> None:
        """Send the replay, then everything held meanwhile, in order and without repeats."""
        held = conn.held
        conn.held = {}
        conn.stream_seq = after_seq
        for seq, frame in replay:
            conn.offer(seq, frame)
        gap = False
        for seq in sorted(held):
            gap = conn.offer(seq, held[seq])
        if gap:
            self._catch_up_later(conn)

    def detach(self, conn: Connection) -> bool:
        """Forget a closed connection; True when it was the user's last one here."""
        if conn.user is None:
            return False
        remaining = self._connections.get(conn.user.id)
        if remaining is None or conn not in remaining:
            return False
        remaining.discard(conn)
        if remaining:
            return False
        self._connections.pop(conn.user.id, None)
        return True

    def sessions_of(self, user_id: int) -> int:
        return len(self._connections.get(user_id, ()))

    def connections_of(self, user_id: int) -> list[Connection]:
        return list(self._connections.get(user_id, ()))

    def connection_count(self) -> int:
        return sum(len(c) for c in self._connections.values())

    def deliver(self, pushed: Iterable[Pushed]) -> None:
        """Deliver events committed by this process."""
        for event in pushed:
            self.deliver_frame(event.user_id, event.seq, event.frame)

    def deliver_frame(self, user_id: int, seq: int, frame: bytes) -> None:
        for conn in self._connections.get(user_id, ()):
            if conn.offer(seq, frame):
                self._catch_up_later(conn)

    def remote_event(self, user_id: int, seq: int) -> None:
        """Another process committed event ``seq`` for ``user_id``: read it back if wanted here."""
        conns = self._connections.get(user_id)
        if not conns:
            return
        after = min((c.stream_seq for c in conns if c.stream_seq is not None), default=None)
        if after is None or after >= seq:
            return
        self._spawn(self._read_back(user_id, after, seq))

    def resync(self) -> None:
        """After missing notices (relay reconnect): read back every connected user's stream."""
        for user_id, conns in list(self._connections.items()):
            after = min((c.stream_seq for c in conns if c.stream_seq is not None), default=None)
            if after is not None:
                self._spawn(self._read_back(user_id, after, None))

    async def _read_back(self, user_id: int, after: int, upto: int | None) -> None:
        for seq, frame in await self._fetch(user_id, after):
            if upto is not None and seq > upto:
                break
            self.deliver_frame(user_id, seq, frame)

    def _catch_up_later(self, conn: Connection) -> None:
        if conn.catching_up:
            return
        conn.catching_up = True

        async def catch_up() -> None:
            try:
                await asyncio.sleep(GAP_WAIT_S)
                if conn.held and conn.stream_seq is not None and conn.user is not None:
                    for seq, frame in await self._fetch(conn.user.id, conn.stream_seq):
                        conn.offer(seq, frame)
            finally:
                conn.catching_up = False

        self._spawn(catch_up())

    def _spawn(self, coro: Awaitable[None]) -> None:
        async def guarded() -> None:
            try:
                await coro
            except Exception:
                log.exception("reading back stream events failed")

        task = asyncio.create_task(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def close_user(self, user_id: int, code: int, reason: str) -> int:
        conns = list(self._connections.get(user_id, ()))
        for conn in conns:
            with contextlib.suppress(Exception):
                conn.close(code, reason)
        return len(conns)

    def close_all(self, code: int, reason: str) -> None:
        for user_id in list(self._connections):
            self.close_user(user_id, code, reason)
