"""A small websockets peer speaking the real protocol, for testing the sync client alone.

It listens on 127.0.0.1 port 0 and answers through ``sync.protocol``'s codec: Hello
(password or token), Heartbeat, writes (ack, reject, or drop the link before the
ack), fetches (answer, error, or never), and it can push seq events and go silent.
It is a legitimate peer for the client piece, not a stand-in for the hub's rules.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from sync.client import ConnectionState, ItemState, OutboxItem
from sync.client.model import WriteKind
from sync.protocol import (
    CreatePromise,
    DebtorProfile,
    Error,
    FetchScript,
    HandoffCancel,
    HandoffOffer,
    Heartbeat,
    Hello,
    HistoryPage,
    Message,
    ScriptData,
    ServerMessage,
    SetAgentState,
    SubmitWrapUp,
    Welcome,
    WriteAck,
    WriteReject,
    decode_client,
    encode,
)

Event = HandoffOffer | HandoffCancel


def offer(seq: int, handoff_id: str | None = None) -> HandoffOffer:
    debtor = DebtorProfile(
        id=1000 + seq,
        first_name="Prueba",
        last_name="Demo",
        full_name="Prueba Demo",
        timezone="America/Mexico_City",
        region="CDMX",
    )
    return HandoffOffer(
        seq=seq,
        handoff_id=handoff_id or f"h-{seq}",
        campaign="temprana",
        mode="predictive",
        script_id="early-stage-mx",
        script_version=1,
        debtor=debtor,
        history=HistoryPage(debtor_id=debtor.id, events=[], next_before_id=None, total=0),
        offered_at=dt.datetime.now(dt.UTC),
    )


@dataclass
class PeerHub:
    users: dict[str, str] = field(default_factory=lambda: {"ana": "acuerdo-demo"})
    hellos: list[Hello] = field(default_factory=list)
    seen_keys: list[str] = field(default_factory=list)
    states: list[SetAgentState] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    drop_before_ack: set[str] = field(default_factory=set)
    reject: dict[str, tuple[str, str]] = field(default_factory=dict)
    hold_writes: bool = False
    refuse_tokens: bool = False
    # Replay every stored event after welcome, ignoring last_seq (to test client dedup).
    replay_all: bool = False
    welcome_seq: int | None = None
    tokens: set[str] = field(default_factory=set)
    connections: set[ServerConnection] = field(default_factory=set)
    silent: set[ServerConnection] = field(default_factory=set)
    _results: dict[str, int] = field(default_factory=dict)
    _server: Server | None = None

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._server = await serve(self._handle, "127.0.0.1", 0, ping_interval=None)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    # ------------------------------------------------------------------ control

    async def push(self, event: Event, *, record: bool = True) -> None:
        """Send an event to every live connection (recorded for replay unless told not to)."""
        if record:
            self.events.append(event)
        for ws in list(self.connections):
            with contextlib.suppress(ConnectionClosed):
                await ws.send(encode(event), text=True)

    def drop_all(self) -> None:
        for ws in list(self.connections):
            ws.transport.abort()

    def go_silent(self) -> None:
        """Current connections stop answering anything (a hung hub); new ones behave."""
        self.silent |= self.connections

    # ------------------------------------------------------------------ serving

    async def _handle(self, ws: ServerConnection) -> None:
        try:
            hello = decode_client(await ws.recv())
            assert isinstance(hello, Hello)
            self.hellos.append(hello)
            if not self._authentic(hello):
                await ws.send(encode(Error(code="auth_failed", reason="bad credentials")))
                await ws.close(4401, "auth_failed")
                return
            token = uuid.uuid4().hex
            self.tokens.add(token)
            seq = self.events[-1].seq if self.events else 0
            welcome = Welcome(
                session_id=uuid.uuid4().hex,
                user=hello.user,
                display_name=hello.user.title(),
                role="agent",
                token=token,
                token_expires_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
                seq=self.welcome_seq if self.welcome_seq is not None else seq,
            )
            await ws.send(encode(welcome), text=True)
            for event in self.events:
                if self.replay_all or event.seq > hello.last_seq:
                    await ws.send(encode(event), text=True)
            self.connections.add(ws)
            async for frame in ws:
                if ws in self.silent:
                    continue
                message = decode_client(frame)
                # Answer concurrently so a slow reply never holds back a fast one.
                if isinstance(message, FetchScript):
                    asyncio.get_running_loop().create_task(self._fetch(ws, message))
                elif not await self._answer(ws, message):
                    return
        except ConnectionClosed:
            pass
        finally:
            self.connections.discard(ws)

    def _authentic(self, hello: Hello) -> bool:
        if hello.password is not None:
            return self.users.get(hello.user) == hello.password
        return hello.token in self.tokens and not self.refuse_tokens

    async def _answer(self, ws: ServerConnection, message: Message) -> bool:
        """Reply to one message; False when the link was dropped on purpose."""
        if isinstance(message, Heartbeat):
            await ws.send(encode(Heartbeat(ref=message.ref)), text=True)
        elif isinstance(message, SetAgentState):
            self.states.append(message)
        elif isinstance(message, CreatePromise | SubmitWrapUp):
            kind: WriteKind = "promise" if isinstance(message, CreatePromise) else "wrapup"
            self.seen_keys.append(message.key)
            if message.key in self.drop_before_ack:
                self.drop_before_ack.discard(message.key)
                ws.transport.abort()
                return False
            if self.hold_writes:
                return True
            if message.key in self.reject:
                code, reason = self.reject[message.key]
                reply: Message = WriteReject(key=message.key, kind=kind, code=code, reason=reason)
            else:
                duplicate = message.key in self._results
                result = self._results.setdefault(message.key, len(self._results) + 1)
                reply = WriteAck(key=message.key, kind=kind, result_id=result, duplicate=duplicate)
            await ws.send(encode(reply), text=True)
        else:
            reply = Error(code="unsupported", reason="peer does not do that", ref=message.ref)
            await ws.send(encode(reply), text=True)
        return True

    async def _fetch(self, ws: ServerConnection, message: FetchScript) -> None:
        if message.script_id == "never":
            return
        if message.script_id == "missing":
            reply: Message = Error(code="not_found", reason="no such script", ref=message.ref)
        else:
            # "slow-<ms>" answers after a delay, to interleave concurrent requests.
            if message.script_id.startswith("slow-"):
                await asyncio.sleep(int(message.script_id[5:]) / 1000)
            reply = ScriptData(
                script_id=message.script_id,
                version=message.version or 1,
                document={"id": message.script_id},
                ref=message.ref,
            )
        with contextlib.suppress(ConnectionClosed):
            await ws.send(encode(reply), text=True)


class RecordingListener:
    """A SyncListener that records everything and the thread each call arrived on."""

    def __init__(self) -> None:
        self.connection: list[tuple[ConnectionState, str]] = []
        self.welcomes: list[Welcome] = []
        self.offers: list[HandoffOffer] = []
        self.cancels: list[HandoffCancel] = []
        self.items: list[OutboxItem] = []
        self.events: list[ServerMessage] = []
        self.threads: set[int] = set()

    def _seen(self) -> None:
        self.threads.add(threading.get_ident())

    def on_connection(self, state: ConnectionState, detail: str) -> None:
        self._seen()
        self.connection.append((state, detail))

    def on_welcome(self, welcome: Welcome) -> None:
        self._seen()
        self.welcomes.append(welcome)

    def on_offer(self, offer: HandoffOffer) -> None:
        self._seen()
        self.offers.append(offer)

    def on_cancel(self, cancel: HandoffCancel) -> None:
        self._seen()
        self.cancels.append(cancel)

    def on_item(self, item: OutboxItem) -> None:
        self._seen()
        self.items.append(item)

    def on_event(self, event: ServerMessage) -> None:
        self._seen()
        self.events.append(event)

    def states_of(self, key: str) -> list[ItemState]:
        return [item.state for item in self.items if item.key == key]

    @property
    def state(self) -> ConnectionState | None:
        return self.connection[-1][0] if self.connection else None


async def eventually(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait until ``condition()`` holds; fail with a clear message if it never does."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.01)
