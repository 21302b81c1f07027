"""What the hub does with each authenticated client message, one handler per message type.

Handlers run on the event loop, push all database work to the hub's executor
(one transaction per request, which also numbers and stores any events it
causes), deliver those events once the transaction commits, and return the
reply (or None when the message has no reply); a refusal is a ``Refusal``
carrying the Error code for the sender. Role checks happen before a handler
runs (see ``server``). This module must never block the loop, send on a
socket directly, or log a debtor's personal data.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import (
    MAX_NAME,
    AcceptHandoff,
    AgentAvailability,
    AgentState,
    CreateHandoff,
    CreatePromise,
    DebtorData,
    EndHandoff,
    FetchCampaign,
    FetchDebtor,
    FetchHistory,
    FetchScript,
    HandoffCancel,
    HandoffCreated,
    Heartbeat,
    HistoryData,
    ListScripts,
    Message,
    PublishScript,
    RequestMonitor,
    ScheduleCallback,
    ScriptCatalog,
    ScriptData,
    ScriptPublished,
    SetAgentState,
    SubmitWrapUp,
    SubscribeBoard,
    UpdateContact,
)

from . import (
    board,
    callback_list,
    campaigns,
    handoffs,
    monitor,
    presence,
    publishing,
    records,
    streams,
    writes,
)
from .db import utc_now
from .floor import Connection, Floor
from .floor_handlers import FloorHandlers
from .handoffs import HandoffDesk, HandoffRefused
from .ingest import GroupCommit
from .publishing import PublishRefused
from .records import MAX_HISTORY_PAGE, UserRecord
from .refusal import Refusal
from .streams import Pushed

T = TypeVar("T")
Handler = Callable[[Connection, Any], Awaitable[Message | None]]


@dataclass
class HubContext:
    """Everything handlers share: the store, the floor and the handoff bookkeeping."""

    sessions: sessionmaker[Session]
    floor: Floor
    db_pool: ThreadPoolExecutor
    # This process's name in relay notices, so it ignores its own.
    origin: str = "hub"
    desk: HandoffDesk = field(default_factory=HandoffDesk)
    ingest: GroupCommit | None = None
    # Signs monitor grants; every process on one database should share it (see monitor).
    grant_secret: bytes = field(default_factory=monitor.grant_secret)
    monitor_modes: monitor.ModesByRole = field(default_factory=lambda: monitor.DEFAULT_MODES)
    # Whether listen-only grants tell the agent (coach and join always do).
    notify_listen: bool = field(default_factory=monitor.listen_notice)

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.db_pool, functools.partial(fn, *args))

    async def write(self, fn: Callable[..., tuple[T, list[Pushed]]], *args: Any) -> T:
        """Run ``fn(session, *args)`` in one transaction, then deliver the events it stored."""

        def run() -> tuple[T, list[Pushed]]:
            with self.sessions.begin() as session:
                return fn(session, *args)

        result, pushed = await self.db(run)
        self.floor.deliver(pushed)
        return result

    async def store_write(self, request: writes.WriteRequest) -> writes.WriteAnswer:
        """Store a promise or wrap-up through the group commit (one transaction per tick)."""
        if self.ingest is None:
            answer = (await self.db(writes.store_batch, self.sessions, [request]))[0]
        else:
            answer = await self.ingest.submit(request)
        answer.ref = request.msg.ref
        return answer

    async def set_agent_state(
        self,
        user: UserRecord,
        state: AgentState,
        sip_uri: str | None,
        pause_code: str | None = None,
    ) -> None:
        await self.write(
            lambda s: (
                None,
                presence.set_state(
                    s, self.origin, user.id, user.username, state, sip_uri, utc_now(), pause_code
                ),
            )
        )

    async def availability_snapshot(self, dialer: UserRecord) -> None:
        """Tell a newly connected dialer which agents are ready right now."""

        def snapshot(session: Session) -> tuple[None, list[Pushed]]:
            now = utc_now()
            return None, [
                streams.append(session, self.origin, dialer.id, _availability(p), now)
                for p in presence.ready_agents(session)
            ]

        await self.write(snapshot)


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
            PublishScript: self.publish_script,
            ListScripts: self.list_scripts,
            CreateHandoff: self.create_handoff,
            EndHandoff: self.end_handoff,
            FetchCampaign: self.fetch_campaign,
            ScheduleCallback: self.store_write,
            UpdateContact: self.store_write,
            SubscribeBoard: self.subscribe_board,
            RequestMonitor: self.request_monitor,
        }
        self._handlers.update(FloorHandlers(ctx).table())

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
        if msg.state == "ready" and msg.sip_uri is None:
            current = await self.ctx.db(_presence_of, self.ctx.sessions, user.id)
            if current is None or current.sip_uri is None:
                raise Refusal("invalid", "an agent must give a sip_uri to become ready")
        await self.ctx.set_agent_state(user, msg.state, msg.sip_uri, msg.pause_code)
        return None

    async def accept_handoff(self, conn: Connection, msg: AcceptHandoff) -> None:
        user = _user(conn)

        def accept(session: Session) -> tuple[bool, list[Pushed]]:
            if not handoffs.accept_handoff(session, user, msg.handoff_id, utc_now()):
                return False, []
            presence.mark_accepted(session, user.id, msg.handoff_id)
            return True, []

        if not await self.ctx.write(accept):
            raise Refusal("unknown_handoff", "no such handoff for this agent")
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
                page = records.history_page(
                    session,
                    msg.debtor_id,
                    msg.before_id,
                    msg.limit,
                    channels=msg.channels,
                    since=msg.since,
                    until=msg.until,
                    text=msg.text,
                )
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

    async def fetch_campaign(self, conn: Connection, msg: FetchCampaign) -> Message:
        try:
            return campaigns.answer_fetch(msg)
        except ValueError as exc:
            raise Refusal("invalid", str(exc)) from None

    async def publish_script(self, conn: Connection, msg: PublishScript) -> Message:
        user = _user(conn)
        try:
            # Validation is CPU work on a possibly large document: off the loop too.
            document = await self.ctx.db(publishing.validate, msg)
            version = await self.ctx.write(
                publishing.publish, self.ctx.origin, user, msg, document, utc_now()
            )
        except PublishRefused as refused:
            raise Refusal(refused.code, refused.reason) from None
        except IntegrityError:
            raise Refusal(
                "version_conflict", "another version of this script was published meanwhile"
            ) from None
        return ScriptPublished(script_id=msg.script_id, version=version, ref=msg.ref)

    async def list_scripts(self, conn: Connection, msg: ListScripts) -> Message:
        def load(session_maker: sessionmaker[Session]) -> ScriptCatalog:
            with session_maker() as session:
                return ScriptCatalog(scripts=publishing.catalog(session), ref=msg.ref)

        return await self.ctx.db(load, self.ctx.sessions)

    async def create_promise(self, conn: Connection, msg: CreatePromise) -> Message:
        return await self.ctx.store_write(writes.WriteRequest(_user(conn), msg, utc_now()))

    async def submit_wrapup(self, conn: Connection, msg: SubmitWrapUp) -> Message:
        return await self.ctx.store_write(writes.WriteRequest(_user(conn), msg, utc_now()))

    async def store_write(self, conn: Connection, msg: ScheduleCallback | UpdateContact) -> Message:
        return await self.ctx.store_write(writes.WriteRequest(_user(conn), msg, utc_now()))

    async def subscribe_board(self, conn: Connection, msg: SubscribeBoard) -> Message:
        user = _user(conn)

        def subscribe(session: Session) -> tuple[Message, list[Pushed]]:
            snapshot = board.subscribe(session, user, utc_now())
            snapshot.ref = msg.ref
            return snapshot, []

        return await self.ctx.write(subscribe)

    async def request_monitor(self, conn: Connection, msg: RequestMonitor) -> Message:
        user, ctx = _user(conn), self.ctx

        def decide(session: Session) -> tuple[Message | monitor.MonitorRefused, list[Pushed]]:
            now = utc_now()
            outcome = monitor.request(
                session, user, msg, ctx.grant_secret, ctx.monitor_modes, now, ctx.notify_listen
            )
            return outcome, []

        outcome = await ctx.write(decide)
        if isinstance(outcome, monitor.MonitorRefused):
            raise Refusal(outcome.code, outcome.reason)
        return outcome

    async def create_handoff(self, conn: Connection, msg: CreateHandoff) -> Message:
        # No lock: the agent and the debtor are both claimed in the transaction, which is
        # what keeps two dialers, or two hub processes, from making the same handoff.
        try:
            made = await self.ctx.write(handoffs.make_handoff, self.ctx.desk, self.ctx.origin, msg)
        except HandoffRefused as refused:
            raise Refusal(refused.code, refused.reason) from None
        return HandoffCreated(
            handoff_id=made.opened.handoff_id,
            agent=made.agent,
            sip_uri=made.sip_uri,
            debtor_id=made.opened.debtor.id,
            mode=msg.mode,
            ref=msg.ref,
        )

    async def end_handoff(self, conn: Connection, msg: EndHandoff) -> None:
        ctx = self.ctx
        dialer = _user(conn)
        reason = msg.reason[:MAX_NAME]

        def end(session: Session) -> tuple[None, list[Pushed]]:
            now = utc_now()
            ended = handoffs.end_handoff(session, dialer, msg.handoff_id, now, reason)
            pushed = [
                streams.append(
                    session,
                    ctx.origin,
                    ended.agent_id,
                    lambda seq: HandoffCancel(seq=seq, handoff_id=msg.handoff_id, reason=reason),
                    now,
                )
            ]
            current = presence.of(session, ended.agent_id)
            # The customer left before the agent answered: the agent never had a call,
            # so they are ready again and the dialer can pace the next one.
            if (
                current is not None
                and current.handoff_id == msg.handoff_id
                and current.state == "on_call"
                and not (current.handoff_accepted or ended.was_accepted)
            ):
                pushed += presence.set_state(
                    session, ctx.origin, ended.agent_id, ended.agent, "ready", None, now
                )
            return None, pushed

        try:
            await ctx.write(end)
        except HandoffRefused as refused:
            raise Refusal(refused.code, refused.reason) from None
        return None

    async def _may_see(self, conn: Connection, debtor_id: int) -> None:
        user = _user(conn)
        if user.role != "agent":
            return
        handed = await self.ctx.db(_was_handed_to, self.ctx.sessions, user.id, debtor_id)
        if not handed:
            raise Refusal("forbidden", "this debtor was not handed to you, nor is a callback")


def _availability(p: presence.Presence) -> Callable[[int], AgentAvailability]:
    return lambda seq: AgentAvailability(
        seq=seq,
        agent=p.username,
        state=p.state,  # type: ignore[arg-type]
        sip_uri=p.sip_uri,
    )


def _user(conn: Connection) -> UserRecord:
    assert conn.user is not None, "handlers run only for authenticated connections"
    return conn.user


def _load_user(session_maker: sessionmaker[Session], username: str) -> UserRecord | None:
    with session_maker() as session:
        return records.user_by_name(session, username)


def _presence_of(session_maker: sessionmaker[Session], user_id: int) -> presence.Presence | None:
    with session_maker() as session:
        return presence.of(session, user_id)


def _was_handed_to(session_maker: sessionmaker[Session], agent_id: int, debtor_id: int) -> bool:
    with session_maker() as session:
        # A callback the agent is to make opens the debtor to them as a handoff does.
        return records.was_handed_to(session, agent_id, debtor_id) or callback_list.awaits(
            session, agent_id, debtor_id
        )
