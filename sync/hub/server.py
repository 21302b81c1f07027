"""The hub's websocket server: connections, login, role checks and the serve-forever entry.

Before login a connection reads frames one at a time and accepts only
``hello`` (and heartbeats); after it, a read loop keeps reading (so transport
pings are always answered), answers heartbeats itself and queues everything
else in the connection's ``Inbox``, whose worker checks each message against
the protocol's ``ALLOWED_ROLES`` and hands it to the dispatcher. Bad input gets the
codec's Error and the connection stays usable; a failed login gets
``auth_failed`` and close code 4401; a bug in a handler gets Error
``internal`` and a logged traceback. This module must never run database or
password work on the event loop, nor log passwords, tokens or debtor data.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
import ssl
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import Engine
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from sync.protocol import (
    ALLOWED_ROLES,
    MAX_MESSAGE_BYTES,
    Error,
    Heartbeat,
    Hello,
    Message,
    ProtocolError,
    Welcome,
    decode_client,
)

from . import grants, liveness, relay, streams, writes
from . import sessions as tokens
from .db import make_engine, migrate, session_factory, utc_now
from .floor import Connection, Floor
from .handlers import Dispatcher, HubContext
from .inbox import Inbox
from .ingest import GroupCommit
from .limits import HubLimits, TokenBucket
from .records import UserRecord
from .refusal import Refusal

log = logging.getLogger("acuerdo.hub")

T = TypeVar("T")
CLOSE_AUTH_FAILED = 4401
CLOSE_TOO_MANY_SESSIONS = 4429
CLOSE_HELLO_TIMEOUT = 4408
HELLO_TIMEOUT_S = 30.0
# Frames up to this size reach the codec, which answers "too_large" and keeps the
# connection; only absurd frames make the transport itself close it (1009).
TRANSPORT_MAX_BYTES = 4 * MAX_MESSAGE_BYTES


class _AuthFailed(Exception):
    pass


class Hub:
    """The central server. ``port=0`` binds a free port, readable from ``.port`` after start."""

    def __init__(
        self,
        database_url: str,
        host: str = "127.0.0.1",
        port: int = 8765,
        *,
        ssl_context: ssl.SSLContext | None = None,
        limits: HubLimits | None = None,
        process_heartbeat_s: float = liveness.HEARTBEAT_S,
        process_timeout_s: float = liveness.TIMEOUT_S,
    ) -> None:
        self.database_url = database_url
        self._liveness_timing = (process_heartbeat_s, process_timeout_s)
        self.liveness: liveness.ProcessLiveness | None = None
        self.host = host
        self._requested_port = port
        self._ssl = ssl_context
        self.limits = limits or HubLimits()
        # Names this process in relay notices so it ignores the ones it sent.
        self.origin = uuid.uuid4().hex[:12]
        self._engine: Engine | None = None
        self._server: Server | None = None
        self._db_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="hub-db")
        # Password hashing is slow on purpose; its own pool keeps it from starving queries.
        self._hash_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="hub-argon2")
        self.floor = Floor(self._fetch_frames)
        self._listener: relay.Listener | None = None
        self._ctx: HubContext | None = None
        self._dispatcher: Dispatcher | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the hub is not started")
        sockets = list(self._server.sockets)
        return int(sockets[0].getsockname()[1])

    @property
    def context(self) -> HubContext:
        if self._ctx is None:
            raise RuntimeError("the hub is not started")
        return self._ctx

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._db_pool, migrate, self.database_url)
        self._engine = make_engine(self.database_url)
        self._ctx = HubContext(
            sessions=session_factory(self._engine),
            floor=self.floor,
            db_pool=self._db_pool,
            origin=self.origin,
        )
        sessions = self._ctx.sessions
        self._ctx.ingest = GroupCommit(
            lambda batch: self._run(self._db_pool, writes.store_batch, sessions, batch)
        )
        self._dispatcher = Dispatcher(self._ctx)
        heartbeat_s, timeout_s = self._liveness_timing
        self.liveness = liveness.ProcessLiveness(
            sessions,
            self.origin,
            functools.partial(self._run, self._db_pool),
            self.floor.deliver,
            heartbeat_s=heartbeat_s,
            timeout_s=timeout_s,
        )
        await self.liveness.start()
        if self._engine.dialect.name == "postgresql":
            self._listener = relay.Listener(self.database_url, self.origin, self._on_notice)
            self._listener.on_reconnect = self.floor.resync
            await self._listener.start()
        self._server = await serve(
            self._serve,
            self.host,
            self._requested_port,
            ssl=self._ssl,
            max_size=TRANSPORT_MAX_BYTES,
            # The hub answers protocol heartbeats; transport pings catch dead peers.
            ping_interval=20,
            ping_timeout=20,
        )
        log.info("hub %s listening on %s:%d", self.origin, self.host, self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        if self._listener is not None:
            await self._listener.stop()
            self._listener = None
        if self.liveness is not None:
            await self.liveness.stop()
            self.liveness = None
        if self._ctx is not None and self._ctx.ingest is not None:
            await self._ctx.ingest.stop()
        await self.floor.stop()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        self._db_pool.shutdown(wait=True)
        self._hash_pool.shutdown(wait=True)
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        log.info("hub stopped")

    async def revoke_tokens(self, username: str) -> int:
        """Admin: revoke every token of ``username`` and close their connections on every
        hub process; the number of tokens revoked (0 for an unknown user)."""
        ctx = self.context

        def revoke() -> tuple[int, int] | None:
            with ctx.sessions.begin() as session:
                return tokens.revoke_user(session, self.origin, username, utc_now())

        found = await self._run(self._db_pool, revoke)
        if found is None:
            return 0
        user_id, count = found
        self.floor.close_user(user_id, CLOSE_AUTH_FAILED, "token revoked")
        log.info("revoked %d token(s) of user id %d", count, user_id)
        return count

    def _on_notice(self, notice: relay.Notice) -> None:
        if notice.kind == "event":
            self.floor.remote_event(notice.user_id, notice.seq)
        elif notice.kind == "revoke":
            self.floor.close_user(notice.user_id, CLOSE_AUTH_FAILED, "token revoked")

    async def _fetch_frames(self, user_id: int, after: int) -> list[tuple[int, bytes]]:
        ctx = self.context

        def load() -> list[tuple[int, bytes]]:
            with ctx.sessions() as session:
                return streams.frames_after(session, user_id, after)

        return await self._run(self._db_pool, load)

    async def _run(self, pool: ThreadPoolExecutor, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(pool, functools.partial(fn, *args))

    async def _serve(self, websocket: ServerConnection) -> None:
        conn = Connection(websocket, session_id=uuid.uuid4().hex)
        writer = asyncio.create_task(conn.write_loop())
        self._tasks.add(writer)
        writer.add_done_callback(self._tasks.discard)
        try:
            async with asyncio.timeout(HELLO_TIMEOUT_S) as deadline:
                while conn.user is None:
                    if not await self._before_login(conn, await websocket.recv(decode=False)):
                        return
                deadline.reschedule(None)
            bucket = TokenBucket(self.limits.messages_per_s, self.limits.burst)
            inbox = Inbox(functools.partial(self._answer, conn))
            try:
                while True:
                    raw = await websocket.recv(decode=False)
                    await self._after_login(conn, inbox, raw, limited=not bucket.take())
            finally:
                await inbox.stop()
        except TimeoutError:
            conn.send(Error(code="hello_timeout", reason="no hello received in time"))
            conn.close(CLOSE_HELLO_TIMEOUT, "hello_timeout")
        except ConnectionClosed:
            pass
        finally:
            if self.floor.detach(conn) and conn.user is not None and conn.role == "agent":
                # The agent's last connection here is gone: dialers must stop calling them.
                with contextlib.suppress(Exception):
                    await self.context.set_agent_state(conn.user, "logged_out", None)
            conn.finish()
            # Let queued frames (an auth failure, a close) go out before the handler ends.
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(writer), timeout=2.0)
            writer.cancel()

    async def _before_login(self, conn: Connection, raw: bytes | str) -> bool:
        """Handle one pre-login frame; False when the connection must end."""
        try:
            msg = decode_client(raw)
        except ProtocolError as exc:
            conn.send(exc.to_message())
            return True
        if isinstance(msg, Heartbeat):
            conn.send(Heartbeat(ref=msg.ref))
            return True
        if not isinstance(msg, Hello):
            conn.send(Error(code="unauthenticated", reason="send hello first", ref=msg.ref))
            return True
        try:
            user, issued = await self._authenticate(msg)
        except _AuthFailed as exc:
            log.info("login refused for session %s", conn.session_id)
            conn.send(Error(code="auth_failed", reason=str(exc), ref=msg.ref))
            conn.close(CLOSE_AUTH_FAILED, "auth_failed")
            return False
        if self.floor.sessions_of(user.id) >= self.limits.sessions_per_user:
            conn.send(
                Error(
                    code="too_many_sessions",
                    reason=f"at most {self.limits.sessions_per_user} sessions per user",
                    ref=msg.ref,
                )
            )
            conn.close(CLOSE_TOO_MANY_SESSIONS, "too_many_sessions")
            return False
        await self._welcome(conn, msg, user, issued)
        return True

    async def _authenticate(self, hello: Hello) -> tuple[UserRecord, tokens.IssuedToken]:
        ctx = self.context
        if (hello.password is None) == (hello.token is None):
            raise _AuthFailed("send exactly one of password or token")
        if hello.token is not None:
            found = await self._run(
                self._db_pool, tokens.check_token, ctx.sessions, hello.user, hello.token, utc_now()
            )
            if found is None:
                raise _AuthFailed("the session token is unknown, expired or revoked")
            return found
        assert hello.password is not None
        user = await self._run(
            self._hash_pool, tokens.check_password, ctx.sessions, hello.user, hello.password
        )
        if user is None:
            raise _AuthFailed("wrong user name or password")
        issued = await self._run(self._db_pool, tokens.issue_token, ctx.sessions, user, utc_now())
        return user, issued

    async def _welcome(
        self, conn: Connection, hello: Hello, user: UserRecord, issued: tokens.IssuedToken
    ) -> None:
        # Registered first, so events committed while the replay is read are held,
        # then sent after the replay in order, each exactly once.
        conn.user = user
        self.floor.attach(conn)
        ctx = self.context

        def replay() -> tuple[int, list[tuple[int, bytes]]]:
            with ctx.sessions.begin() as session:
                current = streams.open_stream(session, user.id)
                if hello.last_seq <= 0:
                    # A client that has seen nothing starts fresh: yesterday's offers and
                    # availability changes are not news to it (dialers get a snapshot).
                    return current, []
                return current, streams.frames_after(session, user.id, hello.last_seq, current)

        current, frames = await self._run(self._db_pool, replay)
        conn.send(
            Welcome(
                session_id=conn.session_id,
                user=user.username,
                display_name=user.display_name,
                role=user.role,  # type: ignore[arg-type]
                token=issued.token,
                token_expires_at=issued.expires_at,
                seq=current,
                ref=hello.ref,
                grant_key=(
                    grants.grant_key_text(grants.agent_grant_key(ctx.grant_secret, user.username))
                    if user.role == "agent"
                    else None
                ),
            )
        )
        # The replay starts at its oldest frame when older ones were pruned.
        self.floor.go_live(conn, frames[0][0] - 1 if frames else current, frames)
        if user.role == "dialer":
            await ctx.availability_snapshot(user)
        log.info("session %s: %s logged in as %s", conn.session_id, user.username, user.role)

    async def _after_login(
        self, conn: Connection, inbox: Inbox, raw: bytes | str, limited: bool
    ) -> None:
        """Decode one frame and queue it; never waits on the database, so reading goes on."""
        try:
            msg = decode_client(raw)
        except ProtocolError as exc:
            conn.send(exc.to_message())
            return
        if limited:
            # Dropped, not queued: a flood must not turn into a backlog of work.
            conn.send(
                Error(code="rate_limited", reason="too many messages; slow down", ref=msg.ref)
            )
            return
        if isinstance(msg, Heartbeat):
            # Answered here, ahead of queued work: a busy hub is still a live hub.
            conn.send(Heartbeat(ref=msg.ref))
            return
        if not await inbox.put(msg):
            # The desk's outbox already waits and resends on rate_limited; a full inbox
            # asks for exactly that.
            conn.send(
                Error(code="rate_limited", reason="the hub is busy; send again later", ref=msg.ref)
            )

    async def _answer(self, conn: Connection, msg: Message) -> None:
        reply = await self._reply_to(conn, msg)
        if reply is not None:
            conn.send(reply)

    async def _reply_to(self, conn: Connection, msg: Message) -> Message | None:
        if isinstance(msg, Hello):
            return Error(
                code="already_authenticated", reason="this session is logged in", ref=msg.ref
            )
        allowed = ALLOWED_ROLES.get(type(msg), frozenset())
        if conn.role not in allowed:
            return Error(
                code="forbidden",
                reason=f"role {conn.role} may not send {type(msg).__name__}",
                ref=msg.ref,
            )
        assert self._dispatcher is not None
        try:
            return await self._dispatcher.handle(conn, msg)
        except Refusal as refusal:
            return Error(code=refusal.code, reason=refusal.reason, ref=msg.ref)
        except Exception:
            # The hub's bug, not the client's: log it (engines hide SQL parameters) and
            # keep the connection, so one bad path does not cut an agent off.
            log.exception("handler for %s failed", type(msg).__name__)
            return Error(
                code="internal", reason="the hub could not complete this request", ref=msg.ref
            )


async def run_hub(
    database_url: str,
    host: str = "127.0.0.1",
    port: int = 8765,
    seed_debtors: int | None = None,
    *,
    ssl_context: ssl.SSLContext | None = None,
    limits: HubLimits | None = None,
    process_heartbeat_s: float = liveness.HEARTBEAT_S,
    process_timeout_s: float = liveness.TIMEOUT_S,
) -> None:
    """Migrate, optionally seed the demo, and serve until cancelled."""
    loop = asyncio.get_running_loop()
    if seed_debtors is not None:
        from .seed import seed_demo

        await loop.run_in_executor(None, functools.partial(seed_demo, database_url, seed_debtors))
    hub = Hub(
        database_url,
        host,
        port,
        ssl_context=ssl_context,
        limits=limits,
        process_heartbeat_s=process_heartbeat_s,
        process_timeout_s=process_timeout_s,
    )
    await hub.start()
    # Everything loaded so far (modules, engine, scripts) lives as long as the process:
    # keeping it out of the collector's scans shortens the pauses every frame can hit.
    gc.freeze()
    try:
        await asyncio.Future()
    finally:
        await hub.stop()
