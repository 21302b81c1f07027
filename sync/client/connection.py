"""The desk's reconnecting websocket session with the hub.

One loop connects, says Hello (password the first time, then the short-lived token
and ``last_seq``), keeps the link proven alive with heartbeats (a hub silent for two
heartbeat periods is a dead link), correlates requests with replies by ``ref``, and
hands every other frame to its owner. When the link fails it decides whether to
retry (network errors, close codes, timeouts: with a jittered exponential backoff,
moving on to the next hub URL when several are configured) or to stop (the hub
refused the credentials). Server
events with ``seq`` are delivered once: duplicates are dropped and ``last_seq`` is
persisted only after the owner handled the event. This module must never touch
widgets, call the desktop's listener directly, or write the password anywhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

import msgspec
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from sync.protocol import (
    MAX_MESSAGE_BYTES,
    AgentAvailability,
    AgentOrder,
    BoardDelta,
    Error,
    HandoffCancel,
    HandoffOffer,
    Heartbeat,
    Hello,
    Message,
    PreviewGo,
    ProtocolError,
    ScriptUpdated,
    ServerMessage,
    Welcome,
    decode_server,
    encode,
)

from .model import ConnectionState, HubError
from .policy import (
    AuthRefused,
    Backoff,
    DeadLink,
    HandshakeRefused,
    TokenRefused,
    Verdict,
    decide,
)
from .store import LocalStore
from .token import LocalTokens, SavedToken, TokenStore

log = logging.getLogger("acuerdo.sync")

T = TypeVar("T")
SeqEvent = (
    HandoffOffer
    | HandoffCancel
    | AgentAvailability
    | ScriptUpdated
    | BoardDelta
    | AgentOrder
    | PreviewGo
)


def stream_event(message: ServerMessage) -> SeqEvent | None:
    """A message of the user's sequenced event stream (resumable after a reconnect), or None."""
    return message if isinstance(message, SeqEvent) else None


AUTH_CLOSE_CODE = 4401
# A hub silent for this many heartbeat periods is gone: with the default 3 s heartbeat
# a dead link is noticed within 6 s, a stalled one included.
DEAD_AFTER_BEATS = 2


# --------------------------------------------------------------------- the session


class SessionOwner(Protocol):
    """What the session hands upwards (implemented by SyncClient). Runs on the loop thread."""

    def on_state(self, state: ConnectionState, detail: str) -> None: ...

    async def on_online(self, welcome: Welcome) -> None: ...

    async def on_event(self, event: SeqEvent) -> None: ...

    async def on_unsolicited(self, message: ServerMessage) -> None: ...


class HubConnection:
    """The reconnecting websocket session. ``start()`` runs it in the background."""

    def __init__(
        self,
        urls: Sequence[str],
        user: str,
        password: str | None,
        store: LocalStore,
        owner: SessionOwner,
        *,
        backoff_initial: float = 0.5,
        backoff_max: float = 15.0,
        heartbeat_s: float = 3.0,
        token_store: TokenStore | None = None,
    ) -> None:
        if not heartbeat_s > 0:
            raise ValueError("heartbeat_s must be > 0")
        if not urls:
            raise ValueError("at least one hub URL is needed")
        self._urls = tuple(urls)
        self._url_index = 0
        self._user = user
        self._password = password
        self._store = store
        # Where the hub token lives between links; the desk passes its OS keyring.
        self._tokens: TokenStore = token_store or LocalTokens(store)
        self._owner = owner
        self._backoff = Backoff(backoff_initial, backoff_max)
        self._heartbeat_s = heartbeat_s
        self._ws: ClientConnection | None = None
        self._waiters: dict[str, asyncio.Future[ServerMessage]] = {}
        self._task: asyncio.Task[None] | None = None
        self._credentials_changed = asyncio.Event()
        self._password_used = False
        self._last_seq = 0
        self._last_rx = 0.0
        self.state = ConnectionState.OFFLINE
        # Incremented per welcomed session, so senders can tell a new link from the old one.
        self.epoch = 0

    @property
    def online(self) -> bool:
        return self._ws is not None and self.state is ConnectionState.ONLINE

    @property
    def last_seq(self) -> int:
        return self._last_seq

    @property
    def url(self) -> str:
        """The hub URL in use now (or tried next)."""
        return self._urls[self._url_index]

    async def start(self) -> None:
        if self._task is not None and not self._task.done():
            raise RuntimeError("the hub connection is already running")
        self._task = asyncio.create_task(self._run(), name="acuerdo-hub-connection")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._fail_waiters("the sync client stopped")
        self._set_state(ConnectionState.OFFLINE, "stopped")

    def set_password(self, password: str) -> None:
        """New credentials from the desktop: leaves AUTH_FAILED and tries again."""
        self._password = password
        self._password_used = False
        self._credentials_changed.set()

    async def send_raw(self, payload: bytes) -> None:
        """Send one already-encoded message as a text frame. ConnectionError when offline."""
        ws = self._ws
        if ws is None or not self.online:
            raise ConnectionError("not connected to the hub")
        try:
            await ws.send(payload, text=True)
        except ConnectionClosed as exc:
            raise ConnectionError(f"the hub connection closed: {exc}") from exc

    async def send(self, message: Message) -> None:
        await self.send_raw(encode(message))

    async def request(self, message: Message, timeout: float) -> ServerMessage:
        """Send with a fresh ``ref`` and wait for the reply carrying it.

        Raises HubError for an Error reply, TimeoutError when none arrives in time,
        ConnectionError when offline or when the link drops while waiting.
        """
        if not timeout > 0:
            raise ValueError("timeout must be > 0")
        if not self.online:
            raise ConnectionError("not connected to the hub")
        ref = uuid.uuid4().hex
        future: asyncio.Future[ServerMessage] = asyncio.get_running_loop().create_future()
        self._waiters[ref] = future
        try:
            await self.send(msgspec.structs.replace(message, ref=ref))
            return await asyncio.wait_for(future, timeout)
        finally:
            self._waiters.pop(ref, None)

    # ---------------------------------------------------------------- the loop

    async def _run(self) -> None:
        self._last_seq = await self._in_executor(self._store.last_seq)
        while True:
            self._set_state(ConnectionState.CONNECTING, "")
            try:
                await self._session()
                raise ConnectionClosed(None, None)  # a session only ends by failing
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failure: Exception = exc
                verdict = decide(exc)
                detail = _describe(exc)
            finally:
                self._ws = None
                self._fail_waiters("the hub connection was lost")
            if verdict is Verdict.FATAL:
                log.warning("hub refused the credentials for this desk: %s", detail)
                self._set_state(ConnectionState.AUTH_FAILED, detail)
                await self._credentials_changed.wait()
                self._credentials_changed.clear()
                self._backoff.reset()
                continue
            if isinstance(failure, TokenRefused):
                # The password is the fallback for a refused token; no reason to wait.
                log.info("hub refused the saved token; logging in with the password")
                await self._in_executor(self._tokens.clear)
                continue
            if verdict is Verdict.UNEXPECTED:
                log.error("hub session failed unexpectedly", exc_info=failure)
                delay = self._backoff.maximum
            else:
                delay = self._backoff.next_delay()
            # Another hub process may be up while this one is gone; the backoff still
            # applies, so desks that lost the same hub do not all land at once.
            self._url_index = (self._url_index + 1) % len(self._urls)
            log.info("hub link down (%s); retrying in %.2f s", detail, delay)
            self._set_state(ConnectionState.OFFLINE, detail)
            await asyncio.sleep(delay)

    async def _session(self) -> None:
        loop = asyncio.get_running_loop()
        hello = await self._hello()
        async with connect(
            self.url,
            open_timeout=2 * self._heartbeat_s,
            # Our heartbeat proves the hub's loop answers, not just its socket.
            ping_interval=None,
            close_timeout=min(5.0, self._heartbeat_s),
            max_size=MAX_MESSAGE_BYTES,
        ) as ws:
            await ws.send(encode(hello), text=True)
            welcome = await self._await_welcome(ws, hello)
            await self._accept_welcome(welcome)
            self._last_rx = loop.time()
            self._ws = ws
            self.epoch += 1
            self._backoff.reset()
            self._set_state(ConnectionState.ONLINE, welcome.session_id)
            await self._owner.on_online(welcome)
            receiving = asyncio.create_task(self._receive(ws))
            beating = asyncio.create_task(self._heartbeat(ws))
            try:
                done, _ = await asyncio.wait(
                    {receiving, beating}, return_when=asyncio.FIRST_COMPLETED
                )
            finally:
                for task in (receiving, beating):
                    task.cancel()
                await asyncio.gather(receiving, beating, return_exceptions=True)
            failure = next(iter(done)).exception()
            if isinstance(failure, DeadLink):
                # A silent hub will not answer a closing handshake either.
                ws.transport.abort()
            if failure is not None:
                raise failure

    async def _hello(self) -> Hello:
        if self._password is not None and not self._password_used:
            return Hello(user=self._user, password=self._password, last_seq=self._last_seq)
        token = await self._in_executor(self._saved_token)
        if token is not None:
            return Hello(user=self._user, token=token, last_seq=self._last_seq)
        if self._password is not None:
            return Hello(user=self._user, password=self._password, last_seq=self._last_seq)
        raise AuthRefused("no password and no saved token for this user")

    def _saved_token(self) -> str | None:
        """The stored token if it belongs to this user and has not expired (executor thread)."""
        saved = self._tokens.load()
        return saved.token if saved is not None and saved.usable_for(self._user) else None

    async def _await_welcome(self, ws: ClientConnection, hello: Hello) -> Welcome:
        try:
            frame = await asyncio.wait_for(ws.recv(), 2 * self._heartbeat_s)
        except ConnectionClosed as exc:
            if exc.rcvd is not None and exc.rcvd.code == AUTH_CLOSE_CODE:
                raise self._refusal(hello, exc.rcvd.reason or "auth_failed") from exc
            raise
        reply = decode_server(frame)
        if isinstance(reply, Welcome):
            return reply
        if isinstance(reply, Error) and reply.code == "auth_failed":
            raise self._refusal(hello, reply.reason)
        if isinstance(reply, Error):
            raise HandshakeRefused(f"{reply.code}: {reply.reason}")
        raise HandshakeRefused(f"expected welcome, got {type(reply).__name__}")

    def _refusal(self, hello: Hello, reason: str) -> Exception:
        if hello.token is not None and self._password is not None:
            self._password_used = False
            return TokenRefused(reason)
        return AuthRefused(reason)

    async def _accept_welcome(self, welcome: Welcome) -> None:
        self._password_used = True
        if welcome.seq < self._last_seq:
            # The hub's stream restarted (new hub process); keeping our higher mark
            # would silently drop every new event.
            log.info("hub event stream restarted at %d (we had %d)", welcome.seq, self._last_seq)
            self._last_seq = welcome.seq
            await self._in_executor(self._store.set_last_seq, welcome.seq)
        await self._in_executor(self._save_token, welcome)

    def _save_token(self, welcome: Welcome) -> None:
        expires = welcome.token_expires_at
        if expires.tzinfo is None:
            expires = expires.replace(tzinfo=dt.UTC)
        self._tokens.save(SavedToken(welcome.token, self._user, expires))

    async def _receive(self, ws: ClientConnection) -> None:
        loop = asyncio.get_running_loop()
        while True:
            frame = await ws.recv()  # raises ConnectionClosed, even for a clean close
            self._last_rx = loop.time()
            try:
                message = decode_server(frame)
            except ProtocolError as exc:
                # Content is not logged: it may carry a debtor's details.
                log.warning("ignored a frame from the hub: %s", exc.code)
                continue
            await self._dispatch(message)

    async def _dispatch(self, message: ServerMessage) -> None:
        waiter = self._waiters.pop(message.ref, None) if message.ref is not None else None
        if waiter is not None:
            if not waiter.done():
                if isinstance(message, Error):
                    waiter.set_exception(HubError(message.code, message.reason))
                else:
                    waiter.set_result(message)
            return
        if isinstance(message, Heartbeat):
            return  # liveness was noted on receipt
        if (event := stream_event(message)) is not None:
            if event.seq <= self._last_seq:
                log.debug("dropped duplicate event seq %d", event.seq)
                return
            await self._owner.on_event(event)
            self._last_seq = event.seq
            await self._in_executor(self._store.set_last_seq, event.seq)
            return
        await self._owner.on_unsolicited(message)

    async def _heartbeat(self, ws: ClientConnection) -> None:
        """Beat every period; fail as soon as the hub was silent for DEAD_AFTER_BEATS periods.

        The deadline is checked on its own clock rather than once per beat (which let a
        dead link live up to three periods), and a send that a stalled peer leaves
        blocked in the TCP buffer counts against the same deadline.
        """
        loop = asyncio.get_running_loop()
        dead_after = DEAD_AFTER_BEATS * self._heartbeat_s
        beat = 0
        next_beat = loop.time() + self._heartbeat_s
        while True:
            dead_at = self._last_rx + dead_after
            await asyncio.sleep(max(0.0, min(next_beat, dead_at) - loop.time()))
            now = loop.time()
            if now >= self._last_rx + dead_after:
                raise DeadLink(f"no frame from the hub for {now - self._last_rx:.1f} s")
            if now < next_beat:
                continue  # a frame arrived meanwhile and moved the deadline
            beat += 1
            next_beat = now + self._heartbeat_s
            try:
                async with asyncio.timeout_at(self._last_rx + dead_after):
                    await ws.send(encode(Heartbeat(ref=f"hb-{self.epoch}-{beat}")), text=True)
            except TimeoutError:
                raise DeadLink("a heartbeat could not be sent: the link is stalled") from None

    # ----------------------------------------------------------------- helpers

    def _set_state(self, state: ConnectionState, detail: str) -> None:
        if state is self.state and state is not ConnectionState.OFFLINE:
            return
        self.state = state
        self._owner.on_state(state, detail)

    def _fail_waiters(self, why: str) -> None:
        waiters, self._waiters = self._waiters, {}
        for future in waiters.values():
            if not future.done():
                future.set_exception(ConnectionError(why))

    @staticmethod
    async def _in_executor(function: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(None, function, *args)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionClosed):
        frame = exc.rcvd
        return f"closed by the hub (code {frame.code})" if frame else "connection lost"
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
