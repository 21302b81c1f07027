"""Handlers for the floor's requests: call status, help, supervisor orders, KPIs, callbacks,
preview decisions.

Each handler runs on the event loop, does its database work in one transaction
on the hub's executor (which also numbers the events it causes), lets the
context deliver those events after the commit, and replies ``Done`` or data;
a refusal is a ``Refusal``. Role checks by message type happened before (see
``server``); finer ones (a team lead may only message) happen here or in the
domain modules. This module must never block the loop or log message text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from sync.protocol import (
    CallbackList,
    ClearHelp,
    CommandAgent,
    DecidePreview,
    Done,
    EndMonitor,
    FetchCallbacks,
    FetchKpis,
    KpiData,
    Message,
    QueueMessage,
    RaiseHelp,
    ReportCallStatus,
)

from . import callback_list, kpis, preview, supervision, writes
from .db import utc_now
from .floor import Connection
from .records import UserRecord
from .refusal import Refusal
from .streams import Pushed

if TYPE_CHECKING:
    from .handlers import HubContext

Handler = Callable[[Connection, Any], Awaitable[Message | None]]


class FloorHandlers:
    def __init__(self, ctx: HubContext) -> None:
        self.ctx = ctx
        self.abandon_limit = kpis.abandon_limit()

    def table(self) -> dict[type[Message], Handler]:
        return {
            ReportCallStatus: self.report_status,
            RaiseHelp: self.raise_help,
            ClearHelp: self.clear_help,
            CommandAgent: self.command_agent,
            EndMonitor: self.end_monitor,
            FetchKpis: self.fetch_kpis,
            FetchCallbacks: self.fetch_callbacks,
            QueueMessage: self.queue_message,
            DecidePreview: self.decide_preview,
        }

    async def report_status(self, conn: Connection, msg: ReportCallStatus) -> Message:
        user, origin = _user(conn), self.ctx.origin

        def report(session: Session) -> tuple[None, list[Pushed]]:
            return None, supervision.report_status(session, origin, user, msg, utc_now())

        try:
            await self.ctx.write(report)
        except supervision.CommandRefused as refused:
            raise Refusal(refused.code, refused.reason) from None
        return Done(ref=msg.ref)

    async def raise_help(self, conn: Connection, msg: RaiseHelp) -> Message:
        user, origin = _user(conn), self.ctx.origin
        await self.ctx.write(
            lambda s: (None, supervision.raise_help(s, origin, user, msg.message, utc_now()))
        )
        return Done(ref=msg.ref)

    async def clear_help(self, conn: Connection, msg: ClearHelp) -> Message:
        user, origin = _user(conn), self.ctx.origin
        await self.ctx.write(
            lambda s: (
                None,
                supervision.clear_help(s, origin, user, user.id, user.username, utc_now()),
            )
        )
        return Done(ref=msg.ref)

    async def command_agent(self, conn: Connection, msg: CommandAgent) -> Message:
        user, origin = _user(conn), self.ctx.origin
        refused = await self.ctx.write(
            lambda s: supervision.command_agent(s, origin, user, msg, utc_now())
        )
        if refused is not None:
            raise Refusal(refused.code, refused.reason)
        return Done(ref=msg.ref)

    async def end_monitor(self, conn: Connection, msg: EndMonitor) -> Message:
        user = _user(conn)

        def audit(session: Session) -> tuple[None, list[Pushed]]:
            supervision.end_monitor(session, user, msg, utc_now())
            return None, []

        await self.ctx.write(audit)
        return Done(ref=msg.ref)

    async def fetch_kpis(self, conn: Connection, msg: FetchKpis) -> Message:
        user = _user(conn)
        # An agent sees their own figures; supervisors and admins the floor's.
        if (msg.scope == "agent") != (user.role == "agent"):
            raise Refusal("forbidden", f"a {user.role} may not fetch {msg.scope} figures")
        agent = (user.id, user.username) if msg.scope == "agent" else None
        limit = self.abandon_limit

        def load(session: Session) -> tuple[Message, list[Pushed]]:
            figures = kpis.compute(session, msg.scope, agent, utc_now(), limit)
            return KpiData(kpis=figures, ref=msg.ref), []

        return await self.ctx.write(load)

    async def fetch_callbacks(self, conn: Connection, msg: FetchCallbacks) -> Message:
        user = _user(conn)

        def load(session: Session) -> tuple[Message, list[Pushed]]:
            found = callback_list.pending_for(session, user.id, utc_now())
            return CallbackList(callbacks=found, ref=msg.ref), []

        return await self.ctx.write(load)

    async def queue_message(self, conn: Connection, msg: QueueMessage) -> Message:
        return await self.ctx.store_write(writes.WriteRequest(_user(conn), msg, utc_now()))

    async def decide_preview(self, conn: Connection, msg: DecidePreview) -> Message:
        user, origin = _user(conn), self.ctx.origin

        def decide(session: Session) -> tuple[None, list[Pushed]]:
            return None, preview.decide(session, origin, user, msg, utc_now())

        try:
            await self.ctx.write(decide)
        except preview.PreviewRefused as refused:
            raise Refusal(refused.code, refused.reason) from None
        return Done(ref=msg.ref)


def _user(conn: Connection) -> UserRecord:
    assert conn.user is not None, "handlers run only for authenticated connections"
    return conn.user
