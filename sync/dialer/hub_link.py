"""The dialer's websockets session with the hub: login, reconnect with backoff, replies by ref.

`HubLink` logs in as the dialer service user, keeps reconnecting with a bounded backoff when
the hub goes away (a dialer must survive hub restarts), hands every `AgentAvailability` event to
its owner (and every other stream event, such as a preview's go-ahead, to `on_event`), and
matches replies to requests by their `ref`. Wrong credentials are fatal: retrying
cannot fix them. It knows nothing of pacing or SIP, and it must never log message payloads (a
hub message may carry a debtor's personal data).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable
from typing import Final

import msgspec
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.uri import parse_uri

from sync.protocol import (
    MAX_MESSAGE_BYTES,
    AgentAvailability,
    Error,
    Hello,
    Message,
    ProtocolError,
    ServerMessage,
    Welcome,
    decode_server,
    encode,
)

log = logging.getLogger("acuerdo.dialer")

_LOGIN_TIMEOUT_S: Final = 10.0
_OPEN_TIMEOUT_S: Final = 5.0


class HubRefusedLogin(Exception):
    """The hub refused our credentials or role: retrying cannot help, the operator must act."""


class HubLink:
    """One logical hub session for the dialer, across as many connections as it takes."""

    def __init__(
        self,
        url: str,
        user: str,
        password: str,
        on_availability: Callable[[AgentAvailability], None],
        on_connection: Callable[[bool], None],
        *,
        on_event: Callable[[ServerMessage], None] | None = None,
        backoff_initial_s: float = 0.5,
        backoff_max_s: float = 10.0,
    ) -> None:
        try:
            parse_uri(url)
        except InvalidURI as exc:
            raise ValueError(f"not a websocket URL: {url!r} ({exc})") from None
        if not 0 < backoff_initial_s <= backoff_max_s:
            raise ValueError("backoff must satisfy 0 < backoff_initial_s <= backoff_max_s")
        self._url = url
        self._user = user
        self._password = password
        self._on_availability = on_availability
        self._on_connection = on_connection
        self._on_event = on_event
        self._backoff_initial_s = backoff_initial_s
        self._backoff_max_s = backoff_max_s
        self._ws: ClientConnection | None = None
        self._replies: dict[str, asyncio.Future[ServerMessage]] = {}
        self._closing = False
        self.sessions = 0

    @property
    def connected(self) -> bool:
        return self._ws is not None

    async def run(self) -> None:
        """Stay connected until `close()` or cancellation; raises `HubRefusedLogin`."""
        delay = self._backoff_initial_s
        while not self._closing:
            try:
                async with connect(
                    self._url, open_timeout=_OPEN_TIMEOUT_S, max_size=MAX_MESSAGE_BYTES
                ) as ws:
                    await self._login(ws)
                    delay = self._backoff_initial_s
                    await self._session(ws)
                if self._closing:
                    return
                log.warning("hub closed the connection; reconnecting")
            except (
                OSError,
                ConnectionClosed,
                InvalidHandshake,
                TimeoutError,
                ProtocolError,
            ) as exc:
                log.warning("hub connection lost or refused (%s); retrying in %.1f s", exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self._backoff_max_s)

    async def close(self) -> None:
        """Say goodbye with a normal close (1000), so the hub does not take it for a crash."""
        self._closing = True
        ws = self._ws
        if ws is not None:
            with contextlib.suppress(ConnectionClosed):
                await ws.close()

    async def send(self, message: Message) -> bool:
        """Send one message; False when the hub is offline (the message is dropped)."""
        ws = self._ws
        if ws is None:
            return False
        try:
            await _send(ws, message)
        except ConnectionClosed:
            return False
        return True

    async def request(self, message: Message, timeout: float) -> ServerMessage:
        """Send `message` with a fresh ref and return the hub's reply (which may be an `Error`).

        Raises ConnectionError when offline or the connection drops, TimeoutError on silence.
        """
        ref = uuid.uuid4().hex
        waiter: asyncio.Future[ServerMessage] = asyncio.get_running_loop().create_future()
        self._replies[ref] = waiter
        try:
            if not await self.send(msgspec.structs.replace(message, ref=ref)):
                raise ConnectionError("hub offline")
            async with asyncio.timeout(timeout):
                return await waiter
        finally:
            self._replies.pop(ref, None)

    async def _login(self, ws: ClientConnection) -> None:
        await _send(ws, Hello(user=self._user, password=self._password, client="acuerdo-dialer"))
        async with asyncio.timeout(_LOGIN_TIMEOUT_S):
            reply = decode_server(await ws.recv())
        if isinstance(reply, Error):
            if reply.code == "auth_failed":
                raise HubRefusedLogin(f"hub refused dialer user {self._user!r}: {reply.reason}")
            raise ProtocolError(reply.code, f"hub refused hello: {reply.reason}")
        if not isinstance(reply, Welcome):
            raise ProtocolError("unexpected", f"expected welcome, got {type(reply).__name__}")
        if reply.role != "dialer":
            raise HubRefusedLogin(f"user {self._user!r} has role {reply.role!r}, not 'dialer'")
        self.sessions += 1
        log.info("connected to hub as %s (session %s)", reply.user, reply.session_id)

    async def _session(self, ws: ClientConnection) -> None:
        self._ws = ws
        self._on_connection(True)
        try:
            async for frame in ws:
                self._on_frame(frame)
        finally:
            self._ws = None
            for waiter in self._replies.values():
                if not waiter.done():
                    waiter.set_exception(ConnectionError("hub connection lost"))
            self._on_connection(False)

    def _on_frame(self, frame: str | bytes) -> None:
        try:
            message = decode_server(frame)
        except ProtocolError as exc:
            # Not worth an Error reply: the hub accepts no Error from clients.
            log.warning("ignoring unreadable message from hub: %s", exc.code)
            return
        if isinstance(message, AgentAvailability):
            self._on_availability(message)
            return
        waiter = self._replies.get(message.ref or "")
        if waiter is not None:
            if not waiter.done():
                waiter.set_result(message)
        elif isinstance(message, Error):
            log.warning("hub error %s: %s", message.code, message.reason)
        elif self._on_event is not None and message.ref is None:
            self._on_event(message)


async def _send(ws: ClientConnection, message: Message) -> None:
    # One JSON *text* frame per message (the protocol's framing rule).
    await ws.send(encode(message).decode())
