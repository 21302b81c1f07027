"""A misbehaving TCP proxy on loopback between a desk and the hub, for the fault tests.

Every fault is drawn from one seeded RNG and capped by a count, so a run is
repeatable and always ends: it delays chunks, cuts connections (both sides
aborted), stalls them (nothing forwarded for a while, then closed) and loses
replies (a desk's frame is forwarded, then the link is cut before the hub's next
bytes reach the desk; the hub acted on the write but the desk never heard, which
is how a real network makes a desk send the same write twice). Bytes are never
altered or reordered within a connection: websocket framing stays intact. Tests
can also hold the door (refuse new connections) and stall every live link. This
module must never listen beyond 127.0.0.1 nor hide a fault from its counters.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass, field

CHUNK = 65536


@dataclass(frozen=True)
class FaultPlan:
    """Per-chunk fault probabilities and the most of each fault one run may see."""

    seed: int = 7
    delay_p: float = 0.0
    delay_max_s: float = 0.02
    cut_p: float = 0.0
    max_cuts: int = 0
    stall_p: float = 0.0
    stall_s: float = 2.0
    max_stalls: int = 0
    reply_loss_p: float = 0.0
    max_reply_losses: int = 0
    # Desk chunks each connection forwards untouched first (upgrade request, hello):
    # every link gets far enough to do some work, so a run always makes progress.
    grace_chunks: int = 2


@dataclass
class FaultStats:
    connections: int = 0
    refused: int = 0
    delays: int = 0
    cuts: int = 0
    stalls: int = 0
    reply_losses: int = 0


@dataclass(eq=False)
class _Link:
    desk: asyncio.StreamWriter
    hub: asyncio.StreamWriter
    desk_chunks: int = 0
    swallow_next_reply: bool = False
    stalled: asyncio.Event = field(default_factory=asyncio.Event)
    stall_s: float | None = None  # set by stall_all(); the plan's stall_s otherwise

    def abort(self) -> None:
        for writer in (self.desk, self.hub):
            writer.transport.abort()


class FaultProxy:
    """Listens on 127.0.0.1 (a free port unless given) and forwards to ``upstream_port``."""

    def __init__(self, upstream_port: int, plan: FaultPlan | None = None, port: int = 0) -> None:
        self.upstream_port = upstream_port
        self.plan = plan or FaultPlan()
        self.stats = FaultStats()
        self._rng = random.Random(self.plan.seed)
        self._requested_port = port
        self._server: asyncio.Server | None = None
        self._links: set[_Link] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._held = False

    @property
    def port(self) -> int:
        assert self._server is not None, "the proxy is not started"
        return int(self._server.sockets[0].getsockname()[1])

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    async def start(self) -> FaultProxy:
        self._server = await asyncio.start_server(
            self._accept, "127.0.0.1", self._requested_port, reuse_address=True
        )
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        self.cut_all()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # ------------------------------------------------------------------ control

    def hold(self) -> None:
        """Refuse new connections (accepted, then reset) until release()."""
        self._held = True

    def release(self) -> None:
        self._held = False

    def cut_all(self) -> None:
        for link in list(self._links):
            link.abort()

    def stall_all(self, seconds: float = 60.0) -> int:
        """Stop forwarding on every live link for ``seconds`` (sockets stay open), then
        close them; returns how many links were stalled."""
        for link in self._links:
            link.stall_s = seconds
            link.stalled.set()
        return len(self._links)

    # ------------------------------------------------------------------ serving

    async def _accept(self, desk_reader: asyncio.StreamReader, desk: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            if self._held:
                self.stats.refused += 1
                desk.transport.abort()
                return
            try:
                hub_reader, hub = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            except OSError:
                self.stats.refused += 1
                desk.transport.abort()
                return
            self.stats.connections += 1
            link = _Link(desk, hub)
            self._links.add(link)
            try:
                pumps = [
                    asyncio.create_task(self._desk_to_hub(link, desk_reader)),
                    asyncio.create_task(self._hub_to_desk(link, hub_reader)),
                ]
                try:
                    await asyncio.wait(pumps, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    for pump in pumps:
                        pump.cancel()
                    await asyncio.gather(*pumps, return_exceptions=True)
            finally:
                self._links.discard(link)
                link.abort()
        finally:
            self._tasks.discard(task)

    async def _desk_to_hub(self, link: _Link, reader: asyncio.StreamReader) -> None:
        plan = self.plan
        while chunk := await _read(reader):
            link.desk_chunks += 1
            if link.desk_chunks > plan.grace_chunks:
                if self._roll(plan.stall_p, self.stats.stalls, plan.max_stalls):
                    self.stats.stalls += 1
                    await self._stall(link)
                    return
                if self._roll(plan.cut_p, self.stats.cuts, plan.max_cuts):
                    self.stats.cuts += 1
                    return
                await self._maybe_delay()
            if not await self._forward(link, link.hub, chunk):
                return
            if link.desk_chunks > plan.grace_chunks and self._roll(
                plan.reply_loss_p, self.stats.reply_losses, plan.max_reply_losses
            ):
                link.swallow_next_reply = True

    async def _hub_to_desk(self, link: _Link, reader: asyncio.StreamReader) -> None:
        while chunk := await _read(reader):
            if link.swallow_next_reply:
                self.stats.reply_losses += 1
                return  # the desk's frame reached the hub; its answer never reaches the desk
            if link.desk_chunks > self.plan.grace_chunks:
                await self._maybe_delay()
            if not await self._forward(link, link.desk, chunk):
                return

    async def _forward(self, link: _Link, writer: asyncio.StreamWriter, chunk: bytes) -> bool:
        if link.stalled.is_set():
            await self._stall(link)
            return False
        try:
            writer.write(chunk)
            await writer.drain()
        except OSError:
            return False
        return True

    async def _stall(self, link: _Link) -> None:
        link.stalled.set()
        await asyncio.sleep(self.plan.stall_s if link.stall_s is None else link.stall_s)

    async def _maybe_delay(self) -> None:
        if self.plan.delay_p and self._rng.random() < self.plan.delay_p:
            self.stats.delays += 1
            await asyncio.sleep(self._rng.uniform(0, self.plan.delay_max_s))

    def _roll(self, probability: float, used: int, budget: int) -> bool:
        return used < budget and probability > 0 and self._rng.random() < probability


async def _read(reader: asyncio.StreamReader) -> bytes:
    with contextlib.suppress(OSError):
        return await reader.read(CHUNK)
    return b""
