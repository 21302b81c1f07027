"""A minimal hub for the dialer tests: a real websockets server on loopback speaking the protocol.

It welcomes the dialer, announces one ready agent, answers each `handoff.create` with the next
pre-minted handoff id, and records everything the dialer sent. It is a real peer (real sockets,
the real codec), not a mock of the dialer's code; it stands in only for the hub's business rules.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Iterable

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from sync.protocol import (
    AgentAvailability,
    AgentState,
    ClientMessage,
    CreateHandoff,
    EndHandoff,
    Error,
    HandoffCreated,
    Hello,
    Message,
    PreviewGo,
    ProtocolError,
    Welcome,
    decode_client,
    encode,
)

PASSWORD = "acuerdo-demo"


class HubPeer:
    def __init__(
        self,
        agent: str,
        sip_uri: str,
        handoff_ids: Iterable[str],
        ready_from_session: int = 1,
        preview_decision: str | None = "call",
    ) -> None:
        self.agent = agent
        # What the agent does with a preview handoff: "call" (the hub pushes preview.go),
        # "skip" (the agent is ready again, as after the hub ends it) or None (nothing).
        self._preview_decision = preview_decision
        # The agent shows ready only from this session on (to test calls after a reconnect).
        self._ready_from_session = ready_from_session
        self.sip_uri = sip_uri
        self._handoff_ids = list(handoff_ids)
        self.received: list[ClientMessage] = []
        self.sessions = 0
        self.ended = asyncio.Event()
        self.welcomed = asyncio.Event()
        self._server: Server | None = None
        self._connections: set[ServerConnection] = set()
        self._seq = 0

    @property
    def url(self) -> str:
        assert self._server is not None
        port = next(iter(self._server.sockets)).getsockname()[1]
        return f"ws://127.0.0.1:{port}"

    @property
    def creates(self) -> list[CreateHandoff]:
        return [m for m in self.received if isinstance(m, CreateHandoff)]

    @property
    def ends(self) -> list[EndHandoff]:
        return [m for m in self.received if isinstance(m, EndHandoff)]

    async def start(self) -> None:
        self._server = await serve(self._serve, "127.0.0.1", 0)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def drop_connections(self) -> None:
        """Close every dialer connection, as a hub restart would."""
        for ws in list(self._connections):
            await ws.close(1012, "restart")

    async def push_raw(self, frame: str) -> None:
        """Send any text, even garbage, to every dialer."""
        for ws in list(self._connections):
            await ws.send(frame)

    async def announce(self, state: AgentState) -> None:
        for ws in list(self._connections):
            await self._push(ws, state)

    async def _serve(self, ws: ServerConnection) -> None:
        self._connections.add(ws)
        try:
            hello = decode_client(await ws.recv())
            if not isinstance(hello, Hello) or hello.password != PASSWORD:
                await _send(ws, Error(code="auth_failed", reason="bad credentials"))
                await ws.close(4401, "auth failed")
                return
            self.sessions += 1
            await _send(
                ws,
                Welcome(
                    session_id=f"s{self.sessions}",
                    user=hello.user,
                    display_name="Dialer",
                    role="dialer",
                    token="t",
                    token_expires_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
                    seq=self._seq,
                ),
            )
            self.welcomed.set()
            if self.sessions >= self._ready_from_session:
                await self._push(ws, "ready")
            with contextlib.suppress(ConnectionClosed):  # a restart we caused, or a dialer crash
                async for frame in ws:
                    await self._handle(ws, frame)
        finally:
            self._connections.discard(ws)

    async def _handle(self, ws: ServerConnection, frame: str | bytes) -> None:
        try:
            message = decode_client(frame)
        except ProtocolError as exc:
            await _send(ws, exc.to_message())
            return
        self.received.append(message)
        if isinstance(message, CreateHandoff):
            if message.agent != self.agent or not self._handoff_ids:
                await _send(ws, Error(code="agent_not_ready", reason="no", ref=message.ref))
                return
            await _send(
                ws,
                HandoffCreated(
                    ref=message.ref,
                    handoff_id=(created_id := self._handoff_ids.pop(0)),
                    agent=self.agent,
                    sip_uri=self.sip_uri,
                    debtor_id=1000 + len(self.creates),
                    mode=message.mode,
                ),
            )
            await self._push(ws, "on_call")
            if message.mode == "preview" and self._preview_decision == "call":
                self._seq += 1
                go = PreviewGo(seq=self._seq, handoff_id=created_id, agent=self.agent)
                await _send(ws, go)
            elif message.mode == "preview" and self._preview_decision == "skip":
                await self._push(ws, "ready")
        elif isinstance(message, EndHandoff):
            self.ended.set()

    async def _push(self, ws: ServerConnection, state: AgentState) -> None:
        self._seq += 1
        sip_uri = self.sip_uri if state == "ready" else None
        await _send(
            ws, AgentAvailability(seq=self._seq, agent=self.agent, state=state, sip_uri=sip_uri)
        )


async def _send(ws: ServerConnection, message: Message) -> None:
    await ws.send(encode(message).decode())
