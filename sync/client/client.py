"""SyncClient: the one object the desktop uses to talk to the hub.

It commits every promise and wrap-up to the local outbox before anything else (the
UI may say "saved" only once the write is on disk), then a sender task delivers
each open item, oldest first, at least once, and records the hub's answer (synced,
or rejected with the hub's reason). It remembers the agent state the desk asked
for and repeats it after every reconnect. Every listener call happens on the asyncio
loop thread (the GUI thread under qasync); this module must never call the listener
from an executor thread, block the loop on a durable write, or log debtor details.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import TypeVar, get_args

import msgspec
from websockets.exceptions import InvalidURI
from websockets.uri import parse_uri

from sync.protocol import (
    AgentAvailability,
    AgentState,
    CreatePromise,
    Error,
    HandoffCancel,
    HandoffOffer,
    Hello,
    Message,
    ServerMessage,
    SetAgentState,
    SubmitWrapUp,
    Welcome,
    WriteAck,
    WriteReject,
    encode,
)

from .connection import HubConnection, SeqEvent
from .model import ConnectionState, ItemState, OutboxItem, SyncListener, WriteKind
from .store import LocalStore

log = logging.getLogger("acuerdo.sync")

T = TypeVar("T")
_AGENT_STATES = frozenset(get_args(AgentState))
# Writes go through the outbox and the state through set_state(); Hello is the link's own.
_NOT_REQUESTS = (Hello, CreatePromise, SubmitWrapUp, SetAgentState)


class SyncClient:
    """The desk's sync session: durable outbox, reconnecting link, screen-pop events."""

    def __init__(
        self,
        url: str,
        user: str,
        password: str | None,
        store: LocalStore,
        listener: SyncListener,
        *,
        backoff_initial: float = 0.5,
        backoff_max: float = 15.0,
        heartbeat_s: float = 10.0,
    ) -> None:
        try:
            parse_uri(url)
        except InvalidURI as exc:
            raise ValueError(f"hub URL {url!r} is not a ws:// or wss:// URL") from exc
        if not user:
            raise ValueError("user must not be empty")
        self._store = store
        self._listener = listener
        self._connection = HubConnection(
            url,
            user,
            password,
            store,
            self,
            backoff_initial=backoff_initial,
            backoff_max=backoff_max,
            heartbeat_s=heartbeat_s,
        )
        self._wake = asyncio.Event()
        self._sender: asyncio.Task[None] | None = None
        self._desired_state: SetAgentState | None = None
        # Keys sent on the current link, emptied only when a new link comes up. Not
        # trimmed on answers: a sender holding an older snapshot of the outbox would
        # otherwise send an answered item a second time on the same link.
        self._sent_on_link: set[str] = set()
        self._committing: set[str] = set()

    # ----------------------------------------------------------------- lifecycle

    @property
    def connection_state(self) -> ConnectionState:
        return self._connection.state

    async def start(self) -> None:
        """Connect in the background, reconnecting forever until stop()."""
        if self._sender is not None:
            raise RuntimeError("the sync client is already started")
        self._sender = asyncio.create_task(self._send_outbox(), name="acuerdo-outbox-sender")
        await self._connection.start()
        self._wake.set()

    async def stop(self) -> None:
        sender, self._sender = self._sender, None
        if sender is not None:
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sender
        await self._connection.stop()

    async def update_password(self, password: str) -> None:
        """New credentials (e.g. after AUTH_FAILED): the link tries again with them."""
        if not password:
            raise ValueError("password must not be empty")
        self._connection.set_password(password)

    # -------------------------------------------------------------------- writes

    async def save_promise(self, msg: CreatePromise) -> OutboxItem:
        """Commit the promise locally (state SAVED) and return; delivery runs in the background."""
        if not isinstance(msg, CreatePromise):
            raise TypeError(f"save_promise takes a CreatePromise, not {type(msg).__name__}")
        summary = f"Promise · account {msg.account_id} · due {msg.due_date.isoformat()}"
        return await self._commit(msg, "promise", summary)

    async def save_wrapup(self, msg: SubmitWrapUp) -> OutboxItem:
        """Commit the wrap-up locally (state SAVED) and return; delivery runs in the background."""
        if not isinstance(msg, SubmitWrapUp):
            raise TypeError(f"save_wrapup takes a SubmitWrapUp, not {type(msg).__name__}")
        summary = f"Wrap-up · {msg.disposition[:40]}"
        return await self._commit(msg, "wrapup", summary)

    async def _commit(
        self, msg: CreatePromise | SubmitWrapUp, kind: WriteKind, summary: str
    ) -> OutboxItem:
        # The stored bytes are resent verbatim; a ref would only confuse a later link.
        payload = encode(msgspec.structs.replace(msg, ref=None))
        # Until SAVED is announced the sender leaves this key alone, so the listener
        # never hears "syncing" before "saved".
        self._committing.add(msg.key)
        try:
            item, created = await self._in_executor(
                self._store.put, msg.key, kind, payload, summary
            )
            if created:
                log.info("outbox: saved %s %s", kind, item.key)
                self._notify(self._listener.on_item, item)
        finally:
            self._committing.discard(msg.key)
        self._wake.set()
        return item

    def pending_count(self) -> int:
        """Items not answered by the hub yet.

        A synchronous read on the caller's thread: one indexed count that WAL mode never
        blocks behind a writer, cheap enough for a status bar refresh.
        """
        return self._store.pending_count()

    # ------------------------------------------------------------ state, request

    async def set_state(
        self, state: AgentState, sip_uri: str | None = None, pause_code: str | None = None
    ) -> None:
        """Tell the hub the agent's state now (if online) and again after every reconnect."""
        if state not in _AGENT_STATES:
            raise ValueError(
                f"unknown agent state {state!r}; expected one of {sorted(_AGENT_STATES)}"
            )
        self._desired_state = SetAgentState(state=state, sip_uri=sip_uri, pause_code=pause_code)
        if self._connection.online:
            try:
                await self._connection.send(self._desired_state)
            except ConnectionError:
                log.info("agent state %s will be sent on reconnect", state)

    async def request(self, msg: Message, timeout: float = 10.0) -> ServerMessage:
        """Ref-correlated request/reply (FetchScript, FetchHistory, FetchDebtor, AcceptHandoff...).

        Raises HubError on an Error reply, TimeoutError if no reply in ``timeout`` seconds,
        ConnectionError when offline or when the link drops while waiting.
        """
        if not isinstance(msg, Message) or isinstance(msg, _NOT_REQUESTS):
            raise ValueError(f"{type(msg).__name__} cannot be sent with request()")
        return await self._connection.request(msg, timeout)

    # ------------------------------------------------------------ session owner

    def on_state(self, state: ConnectionState, detail: str) -> None:
        self._notify(self._listener.on_connection, state, detail)

    async def on_online(self, welcome: Welcome) -> None:
        self._sent_on_link.clear()
        self._notify(self._listener.on_welcome, welcome)
        if self._desired_state is not None:
            # A desk that was ready before the drop is ready again without a click.
            await self._connection.send(self._desired_state)
        self._wake.set()

    async def on_event(self, event: SeqEvent) -> None:
        if isinstance(event, HandoffOffer):
            self._notify(self._listener.on_offer, event)
        elif isinstance(event, HandoffCancel):
            self._notify(self._listener.on_cancel, event)
        elif isinstance(event, AgentAvailability):
            log.debug("ignored agent availability event for an agent desk")
        else:
            self._notify(self._listener.on_event, event)

    async def on_unsolicited(self, message: ServerMessage) -> None:
        if isinstance(message, WriteAck):
            await self._answer(message.key, ItemState.SYNCED, "")
        elif isinstance(message, WriteReject):
            log.warning("outbox: hub rejected %s %s (%s)", message.kind, message.key, message.code)
            await self._answer(message.key, ItemState.REJECTED, message.reason)
        elif isinstance(message, Error):
            log.warning("hub reported an error: %s (%s)", message.code, message.reason)
        else:
            log.debug("ignored unsolicited %s from the hub", type(message).__name__)

    async def _answer(self, key: str, state: ItemState, reason: str) -> None:
        item = await self._in_executor(self._store.mark, key, state, reason)
        if item is None:
            log.debug("outbox: answer for %s ignored (unknown or already final)", key)
            return
        log.info("outbox: %s %s", state.value, key)
        self._notify(self._listener.on_item, item)

    # ------------------------------------------------------------------- sender

    async def _send_outbox(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            if not self._connection.online:
                continue  # on_online wakes us again
            try:
                await self._send_pending(self._connection.epoch)
            except Exception:
                # The disk (not the network) failed; the items are still in the outbox,
                # so try again shortly rather than stop delivering for good.
                log.exception("outbox: delivery pass failed; retrying")
                await asyncio.sleep(1.0)
                self._wake.set()

    async def _send_pending(self, epoch: int) -> None:
        for item, payload in await self._in_executor(self._store.pending):
            if not self._connection.online or self._connection.epoch != epoch:
                return  # the new link's on_online resends from the start
            if item.key in self._sent_on_link or item.key in self._committing:
                continue
            if item.state is not ItemState.SYNCING:
                marked = await self._in_executor(self._store.mark, item.key, ItemState.SYNCING)
                if marked is None:
                    continue  # answered while we were getting here
                self._notify(self._listener.on_item, marked)
            self._sent_on_link.add(item.key)
            try:
                await self._connection.send_raw(payload)
            except ConnectionError:
                self._sent_on_link.discard(item.key)
                return

    # ------------------------------------------------------------------ helpers

    def _notify(self, callback: Callable[..., None], *args: object) -> None:
        # A listener bug must not take the sync link down with it.
        try:
            callback(*args)
        except Exception:
            log.exception("sync listener %s failed", getattr(callback, "__name__", callback))

    @staticmethod
    async def _in_executor(function: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(None, function, *args)
