"""What the hub does with each authenticated client message, one handler per message type.

Handlers run on the event loop, push all database work to the hub's executor,
and return the reply (or None when the message has no reply); a refusal is a
``Refusal`` carrying the Error code for the sender. Role checks happen before a
handler runs (see ``server``). This module must never block the loop, send on a
socket directly, or log a debtor's personal data.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import (
    MAX_NAME,
    AcceptHandoff,
    CreateHandoff,
    CreatePromise,
    DebtorData,
    EndHandoff,
    FetchDebtor,
    FetchHistory,
    FetchScript,
    HandoffCancel,
    HandoffCreated,
    HandoffOffer,
    Heartbeat,
    HistoryData,
    Message,
    ScriptData,
    SetAgentState,
    SubmitWrapUp,
)

from . import handoffs, records, writes
from .db import utc_now
from .floor import Connection, Floor
from .handoffs import HandoffRefused, ScriptCatalog
from .records import MAX_HISTORY_PAGE, UserRecord

T = TypeVar("T")
Handler = Callable[[Connection, Any], Awaitable[Message | None]]


class Refusal(Exception):
    """A request the hub will not carry out; becomes Error(code, reason, ref)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason


@dataclass
class HubContext:
    """Everything handlers share: the store, the floor and the handoff bookkeeping."""

    sessions: sessionmaker[Session]
    floor: Floor
    db_pool: ThreadPoolExecutor
    catalog: ScriptCatalog = field(default_factory=ScriptCatalog)
    handoff_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # Debtors handed off in this hub's lifetime, and each campaign's position.
    handed: set[int] = field(default_factory=set)
    cursors: dict[str, int] = field(default_factory=dict)

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.db_pool, functools.partial(fn, *args))


class Dispatcher:
    def __init__(self, ctx: HubContext) -> None:
        self.ctx = ctx
        self._handlers: dict[type[Message], Handler] = {
            Heartbeat: self.heartbeat,
            SetAgentState: self.set_agent_state,
            AcceptHandoff: self.accept_handoff,
            FetchDebtor: self.fetch_debtor,
            FetchHistory: self.fetch_history,
            FetchScript: self.fetch_script,
            CreatePromise: self.create_promise,
            SubmitWrapUp: self.submit_wrapup,
            CreateHandoff: self.create_handoff,
            EndHandoff: self.end_handoff,
        }

    async def handle(self, conn: Connection, msg: Message) -> Message | None:
        handler = self._handlers.get(type(msg))
        if handler is None:
            raise Refusal("unsupported", f"{type(msg).__name__} is not handled by the hub")
        return await handler(conn, msg)

    async def heartbeat(self, conn: Connection, msg: Heartbeat) -> Message:
        return Heartbeat(ref=msg.ref)

    async def set_agent_state(self, conn: Connection, msg: SetAgentState) -> None:
        user = _user(conn)
        if msg.sip_uri is not None and (
            not msg.sip_uri.startswith("sip:") or len(msg.sip_uri) > MAX_NAME
        ):
            raise Refusal("invalid", "sip_uri must be a sip: address of at most 200 characters")
        presence = self.ctx.floor.presence(user.username)
        if msg.state == "ready" and not (msg.sip_uri or presence.sip_uri):
            raise Refusal("invalid", "an agent must give a sip_uri to become ready")
        self.ctx.floor.set_agent_state(user.username, msg.state, msg.sip_uri)
        return None

    async def accept_handoff(self, conn: Connection, msg: AcceptHandoff) -> None:
        user = _user(conn)
        if not await self.ctx.db(
            handoffs.accept_handoff, self.ctx.sessions, user, msg.handoff_id, utc_now()
        ):
            raise Refusal("unknown_handoff", "no such handoff for this agent")
        presence = self.ctx.floor.presence(user.username)
        if presence.handoff_id == msg.handoff_id:
            presence.handoff_accepted = True
        return None

    async def fetch_debtor(self, conn: Connection, msg: FetchDebtor) -> Message:
        await self._may_see(conn, msg.debtor_id)

        def load(session_maker: sessionmaker[Session]) -> DebtorData | None:
            with session_maker() as session:
                profile = records.debtor_profile(session, msg.debtor_id)
                if profile is None:
                    return None
                history = records.history_page(session, msg.debtor_id)
            return DebtorData(debtor=profile, history=history, ref=msg.ref)

        data = await self.ctx.db(load, self.ctx.sessions)
        if data is None:
            raise Refusal("unknown_debtor", f"no debtor {msg.debtor_id}")
        return data

    async def fetch_history(self, conn: Connection, msg: FetchHistory) -> Message:
        if not 1 <= msg.limit <= MAX_HISTORY_PAGE:
            raise Refusal("invalid", f"limit must be between 1 and {MAX_HISTORY_PAGE}")
        await self._may_see(conn, msg.debtor_id)

        def load(session_maker: sessionmaker[Session]) -> HistoryData | None:
            with session_maker() as session:
                if not records.debtor_exists(session, msg.debtor_id):
                    return None
                page = records.history_page(session, msg.debtor_id, msg.before_id, msg.limit)
            return HistoryData(page=page, ref=msg.ref)

        data = await self.ctx.db(load, self.ctx.sessions)
        if data is None:
            raise Refusal("unknown_debtor", f"no debtor {msg.debtor_id}")
        return data

    async def fetch_script(self, conn: Connection, msg: FetchScript) -> Message:
        def load(session_maker: sessionmaker[Session]) -> records.PublishedScript | None:
            with session_maker() as session:
                return records.published_script(session, msg.script_id, msg.version)

        script = await self.ctx.db(load, self.ctx.sessions)
        if script is None:
            raise Refusal("unknown_script", f"script {msg.script_id[:100]!r} is not published")
        return ScriptData(
            script_id=script.script_id,
            version=script.version,
            document=script.document,
            ref=msg.ref,
        )

    async def create_promise(self, conn: Connection, msg: CreatePromise) -> Message:
        answer = await self.ctx.db(
            writes.store_promise, self.ctx.sessions, _user(conn), msg, utc_now()
        )
        answer.ref = msg.ref
        return answer

    async def submit_wrapup(self, conn: Connection, msg: SubmitWrapUp) -> Message:
        answer = await self.ctx.db(
            writes.store_wrapup, self.ctx.sessions, _user(conn), msg, utc_now()
        )
        answer.ref = msg.ref
        return answer

    async def create_handoff(self, conn: Connection, msg: CreateHandoff) -> Message:
        ctx = self.ctx
        # One handoff at a time: the agent check, the debtor choice and the state change
        # must not interleave with another dialer request.
        async with ctx.handoff_lock:
            agent = await ctx.db(_load_user, ctx.sessions, msg.agent)
            if agent is None or agent.role != "agent":
                raise Refusal("unknown_agent", f"no agent named {msg.agent[:64]!r}")
            presence = ctx.floor.presence(agent.username)
            if presence.state != "ready" or presence.sip_uri is None:
                raise Refusal("agent_not_ready", f"agent {agent.username} is {presence.state}")
            try:
                opened = await ctx.db(
                    handoffs.open_handoff,
                    ctx.sessions,
                    ctx.catalog,
                    agent,
                    msg.campaign,
                    msg.mode,
                    msg.debtor_id,
                    ctx.cursors.get(msg.campaign, 0),
                    frozenset(ctx.handed),
                    utc_now(),
                )
            except HandoffRefused as refused:
                raise Refusal(refused.code, refused.reason) from None
            ctx.handed.add(opened.debtor.id)
            if msg.debtor_id is None:
                ctx.cursors[msg.campaign] = opened.debtor.id
            sip_uri = presence.sip_uri
            ctx.floor.set_agent_state(agent.username, "on_call", None)
            presence.handoff_id = opened.handoff_id
            presence.handoff_accepted = False
            ctx.floor.push(
                agent.username,
                lambda seq: HandoffOffer(
                    seq=seq,
                    handoff_id=opened.handoff_id,
                    campaign=msg.campaign,
                    mode=msg.mode,
                    script_id=opened.script_id,
                    script_version=opened.script_version,
                    debtor=opened.debtor,
                    history=opened.history,
                    offered_at=opened.created_at,
                ),
            )
        return HandoffCreated(
            handoff_id=opened.handoff_id,
            agent=agent.username,
            sip_uri=sip_uri,
            debtor_id=opened.debtor.id,
            mode=msg.mode,
            ref=msg.ref,
        )

    async def end_handoff(self, conn: Connection, msg: EndHandoff) -> None:
        ctx = self.ctx
        try:
            ended = await ctx.db(
                handoffs.end_handoff, ctx.sessions, _user(conn), msg.handoff_id, utc_now()
            )
        except HandoffRefused as refused:
            raise Refusal(refused.code, refused.reason) from None
        reason = msg.reason[:MAX_NAME]
        ctx.floor.push(
            ended.agent,
            lambda seq: HandoffCancel(seq=seq, handoff_id=msg.handoff_id, reason=reason),
        )
        presence = ctx.floor.presence(ended.agent)
        # The customer left before the agent answered: the agent never had a call,
        # so they are ready again and the dialer can pace the next one.
        if (
            presence.handoff_id == msg.handoff_id
            and presence.state == "on_call"
            and not (presence.handoff_accepted or ended.was_accepted)
        ):
            ctx.floor.set_agent_state(ended.agent, "ready", None)
        return None

    async def _may_see(self, conn: Connection, debtor_id: int) -> None:
        user = _user(conn)
        if user.role != "agent":
            return
        handed = await self.ctx.db(_was_handed_to, self.ctx.sessions, user.id, debtor_id)
        if not handed:
            raise Refusal("forbidden", "this debtor was not handed to you")


def _user(conn: Connection) -> UserRecord:
    assert conn.user is not None, "handlers run only for authenticated connections"
    return conn.user


def _load_user(session_maker: sessionmaker[Session], username: str) -> UserRecord | None:
    with session_maker() as session:
        return records.user_by_name(session, username)


def _was_handed_to(session_maker: sessionmaker[Session], agent_id: int, debtor_id: int) -> bool:
    with session_maker() as session:
        return records.was_handed_to(session, agent_id, debtor_id)
