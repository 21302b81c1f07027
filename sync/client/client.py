"""SyncClient: the one object the desktop uses to talk to the hub.

It commits every promise and wrap-up to the local outbox before anything else (the
UI may say "saved" only once the write is on disk), then a sender task delivers
each open item, oldest first, at least once, with a bounded number in flight, and
records the hub's answer (synced, or rejected with the hub's reason). It remembers
the agent state the desk asked for and repeats it after every reconnect, and keeps
the debtors it was handed in the store's short-lived cache until logout() or the
retention period clears them. Every listener call happens on the asyncio
loop thread (the GUI thread under qasync); this module must never call the listener
from an executor thread, block the loop on a durable write, or log debtor details.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import TypeVar, get_args

import msgspec
from websockets.exceptions import InvalidURI
from websockets.uri import parse_uri

from sync.protocol import (
    AgentAvailability,
    AgentState,
    CreatePromise,
    DebtorData,
    DebtorProfile,
    Error,
    FetchHistory,
    HandoffCancel,
    HandoffOffer,
    Hello,
    HistoryData,
    HistoryPage,
    Message,
    QueueMessage,
    ScheduleCallback,
    ServerMessage,
    SetAgentState,
    SubmitWrapUp,
    UpdateContact,
    Welcome,
    WriteAck,
    WriteReject,
    encode,
)

from .connection import HubConnection, SeqEvent
from .delivery import Delivery, key_of_ref, with_ref
from .model import ConnectionState, ItemState, OutboxItem, SyncListener, WriteKind
from .store import LocalStore
from .token import LocalTokens, TokenStore, take_legacy_token

log = logging.getLogger("acuerdo.sync")

T = TypeVar("T")
_AGENT_STATES = frozenset(get_args(AgentState))
# Writes go through the outbox and the state through set_state(); Hello is the link's own.
_NOT_REQUESTS = (
    Hello,
    CreatePromise,
    SubmitWrapUp,
    ScheduleCallback,
    UpdateContact,
    QueueMessage,
    SetAgentState,
)
OutboxWrite = CreatePromise | SubmitWrapUp | ScheduleCallback | UpdateContact | QueueMessage
# How long a write waits after the hub said rate_limited (its bucket refills meanwhile),
# and after the hub failed on it (a database restart, a bug fixed by a redeploy).
RATE_LIMITED_PAUSE_S = 1.0
HUB_FAILURE_RETRY_S = 5.0
_RETRY_LATER_CODES = {"rate_limited": RATE_LIMITED_PAUSE_S, "internal": HUB_FAILURE_RETRY_S}


class SyncClient:
    """The desk's sync session: durable outbox, reconnecting link, screen-pop events."""

    def __init__(
        self,
        url: str | Sequence[str],
        user: str,
        password: str | None,
        store: LocalStore,
        listener: SyncListener,
        *,
        backoff_initial: float = 0.5,
        backoff_max: float = 15.0,
        heartbeat_s: float = 3.0,
        send_window: int = 32,
        ack_timeout_s: float = 30.0,
        token_store: TokenStore | None = None,
    ) -> None:
        """``url`` may list several hub processes; after a failure the next one is tried.

        ``token_store`` keeps the hub token between links (the desk passes its OS keyring);
        without one it stays in ``store``, for tools and tests on machines with no keyring.
        """
        urls = (url,) if isinstance(url, str) else tuple(url)
        if not urls:
            raise ValueError("at least one hub URL is needed")
        for each in urls:
            try:
                parse_uri(each)
            except (InvalidURI, TypeError) as exc:
                raise ValueError(f"hub URL {each!r} is not a ws:// or wss:// URL") from exc
        if not user:
            raise ValueError("user must not be empty")
        self._store = store
        self._user = user
        self._tokens: TokenStore = token_store or LocalTokens(store)
        self._listener = listener
        self._delivery = Delivery(window=send_window, ack_timeout_s=ack_timeout_s)
        self._slot_free = asyncio.Event()
        self._connection = HubConnection(
            urls,
            user,
            password,
            store,
            self,
            backoff_initial=backoff_initial,
            backoff_max=backoff_max,
            heartbeat_s=heartbeat_s,
            token_store=self._tokens,
        )
        self._wake = asyncio.Event()
        self._sender: asyncio.Task[None] | None = None
        self._desired_state: SetAgentState | None = None
        self._committing: set[str] = set()

    # ----------------------------------------------------------------- lifecycle

    @property
    def connection_state(self) -> ConnectionState:
        return self._connection.state

    async def start(self) -> None:
        """Connect in the background, reconnecting forever until stop()."""
        if self._sender is not None:
            raise RuntimeError("the sync client is already started")
        purged = await self._in_executor(self._store.purge_expired)
        if purged:
            log.info("local cache: %d expired row(s) purged", purged)
        if not isinstance(self._tokens, LocalTokens):
            await self._in_executor(self._migrate_token)
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

    async def logout(self) -> None:
        """Sign-out: stop, then forget the cached debtors, answered writes and the token.

        Writes the hub has not answered stay in the outbox (they are the agent's work and
        go out at the next sign-in); ``pending_count()`` tells the desk whether to warn.
        """
        await self.stop()
        await self._in_executor(self._store.forget_session)
        await self._in_executor(self._tokens.clear)
        log.info("local cache cleared at logout")

    def _migrate_token(self) -> None:
        """An older desk kept the token in the SQLite file; it moves to the token store."""
        legacy = take_legacy_token(self._store)
        if legacy is None:
            return
        if legacy.usable_for(self._user) and self._tokens.load() is None:
            self._tokens.save(legacy)
        log.info("hub token moved out of the local store")

    async def cached_debtor(self, debtor_id: int) -> DebtorData | None:
        """The debtor's profile and first history page as last seen, if still cached."""
        found = await self.saved_debtor(debtor_id)
        return None if found is None else found[0]

    async def saved_debtor(self, debtor_id: int) -> tuple[DebtorData, dt.datetime] | None:
        """As `cached_debtor`, with when the cache saved it (UTC), for "saved data from …"."""
        found = await self._in_executor(self._store.cached_debtor_entry, debtor_id)
        if found is None:
            return None
        profile, history, saved_at = found
        try:
            data = DebtorData(
                debtor=msgspec.json.decode(profile, type=DebtorProfile),
                history=msgspec.json.decode(history, type=HistoryPage),
            )
        except msgspec.DecodeError:
            log.warning("local cache: unreadable entry for debtor %d dropped", debtor_id)
            await self._in_executor(self._store.forget_debtor, debtor_id)
            return None
        return data, saved_at

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

    async def save_write(self, msg: OutboxWrite) -> OutboxItem:
        """Commit any agent write locally (state SAVED); delivery runs in the background."""
        if isinstance(msg, CreatePromise):
            return await self.save_promise(msg)
        if isinstance(msg, SubmitWrapUp):
            return await self.save_wrapup(msg)
        if isinstance(msg, ScheduleCallback):
            return await self._commit(msg, "callback", f"Callback · {msg.due_at.isoformat()}")
        if isinstance(msg, UpdateContact):
            return await self._commit(msg, "contact", f"Contact · {msg.action}")
        if isinstance(msg, QueueMessage):
            # The summary names the channel only: the text and address are personal data.
            return await self._commit(msg, "message", f"Message · {msg.channel}")
        raise TypeError(f"save_write takes an agent write, not {type(msg).__name__}")

    async def _commit(self, msg: OutboxWrite, kind: WriteKind, summary: str) -> OutboxItem:
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
        reply = await self._connection.request(msg, timeout)
        if isinstance(reply, DebtorData):
            await self._remember(reply.debtor, reply.history)
        elif (
            isinstance(reply, HistoryData)
            and isinstance(msg, FetchHistory)
            and msg.before_id is None
        ):
            await self._remember_history(reply.page)
        return reply

    # ------------------------------------------------------------ session owner

    def on_state(self, state: ConnectionState, detail: str) -> None:
        if state is not ConnectionState.ONLINE:
            self._slot_free.set()  # a sender waiting for the window gives up this link
        self._notify(self._listener.on_connection, state, detail)

    async def on_online(self, welcome: Welcome) -> None:
        self._delivery.new_link()
        self._notify(self._listener.on_welcome, welcome)
        if self._desired_state is not None:
            # A desk that was ready before the drop is ready again without a click.
            await self._connection.send(self._desired_state)
        self._wake.set()

    async def on_event(self, event: SeqEvent) -> None:
        if isinstance(event, HandoffOffer):
            self._notify(self._listener.on_offer, event)
            await self._remember(event.debtor, event.history)
        elif isinstance(event, HandoffCancel):
            self._notify(self._listener.on_cancel, event)
        elif isinstance(event, AgentAvailability):
            log.debug("ignored agent availability event for an agent desk")
        else:
            self._notify(self._listener.on_event, event)

    async def on_unsolicited(self, message: ServerMessage) -> None:
        if isinstance(message, WriteAck):
            note = " (the hub already had it)" if message.duplicate else ""
            await self._answer(message.key, ItemState.SYNCED, "", note)
        elif isinstance(message, WriteReject):
            log.warning("outbox: hub rejected %s %s (%s)", message.kind, message.key, message.code)
            await self._answer(message.key, ItemState.REJECTED, message.reason)
        elif isinstance(message, Error) and (key := key_of_ref(message.ref)) is not None:
            await self._write_failed(key, message)
        elif isinstance(message, Error):
            log.warning("hub reported an error: %s (%s)", message.code, message.reason)
        else:
            log.debug("ignored unsolicited %s from the hub", type(message).__name__)

    async def _write_failed(self, key: str, error: Error) -> None:
        """The hub answered a write with Error: retry the passing kinds, reject the rest."""
        delay = _RETRY_LATER_CODES.get(error.code)
        if delay is None:
            log.warning("outbox: hub refused %s (%s)", key, error.code)
            await self._answer(key, ItemState.REJECTED, f"{error.code}: {error.reason}")
            return
        now = asyncio.get_running_loop().time()
        log.info("outbox: %s for %s; retrying in %.1f s", error.code, key, delay)
        self._delivery.retry_later(key, now, delay)
        if error.code == "rate_limited":
            self._delivery.pause(now, delay)
        self._slot_free.set()
        self._wake.set()

    async def _answer(self, key: str, state: ItemState, reason: str, note: str = "") -> None:
        self._delivery.answered(key)
        self._slot_free.set()
        # Shielded: when the link drops mid-answer the receiving task is cancelled, but the
        # mark may already be committed; the desk must still hear about it.
        await asyncio.shield(self._record_answer(key, state, reason, note))

    async def _record_answer(self, key: str, state: ItemState, reason: str, note: str) -> None:
        item = await self._in_executor(self._store.mark, key, state, reason)
        if item is None:
            log.debug("outbox: answer for %s ignored (unknown or already final)", key)
            return
        log.info("outbox: %s %s%s", state.value, key, note)
        self._notify(self._listener.on_item, item)

    # ------------------------------------------------------------------- sender

    async def _send_outbox(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            # Besides being woken, a pass is due when a held write may go again.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._delivery.next_deadline(loop.time())):
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
        loop = asyncio.get_running_loop()
        delivery = self._delivery

        def same_link() -> bool:
            return self._connection.online and self._connection.epoch == epoch

        for item, payload in await self._in_executor(self._store.pending):
            while same_link() and delivery.window_full():
                self._slot_free.clear()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(delivery.ack_timeout_s):
                        await self._slot_free.wait()
                if delivery.expire(loop.time()):
                    self._wake.set()  # the late ones go again on the next pass
            if not same_link():
                return  # the new link's on_online resends from the start
            if (pause := delivery.paused_for(loop.time())) > 0:
                await asyncio.sleep(pause)
                if not same_link():
                    return
            if item.key in self._committing or not delivery.can_send(item.key, loop.time()):
                continue
            if item.state is not ItemState.SYNCING:
                marked = await self._in_executor(self._store.mark, item.key, ItemState.SYNCING)
                if marked is None:
                    continue  # answered while we were getting here
                self._notify(self._listener.on_item, marked)
            delivery.sent(item.key, loop.time())
            try:
                await self._connection.send_raw(with_ref(payload, item.key))
            except ConnectionError:
                return

    # ------------------------------------------------------------- debtor cache

    async def _remember(self, debtor: DebtorProfile, history: HistoryPage) -> None:
        # A cache miss later only costs a fetch; a failure here must not drop an event.
        try:
            await self._in_executor(
                self._store.remember_debtor,
                debtor.id,
                msgspec.json.encode(debtor),
                msgspec.json.encode(history),
                any(account.status == "open" for account in debtor.accounts),
            )
        except Exception:
            log.exception("local cache: could not keep debtor %d", debtor.id)

    async def _remember_history(self, page: HistoryPage) -> None:
        try:
            await self._in_executor(
                self._store.remember_history, page.debtor_id, msgspec.json.encode(page)
            )
        except Exception:
            log.exception("local cache: could not keep history of debtor %d", page.debtor_id)

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
