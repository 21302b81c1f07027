"""Exactly-once storage of the desktop's writes, many per transaction (group commit).

``store_batch`` takes the writes that arrived within one tick and stores them
in one transaction: one look-up finds keys answered before, every other write
is checked (with the batch's look-ups cached) and then inserted in bulk along
with its history event, its ``write_results`` answer and its audit row, so a
repeated idempotency key — a retry after a lost ack, a repeat inside the same
batch, a race with another connection or process — gets the original answer
with ``duplicate=True``. A business rejection is decided before anything is
inserted, so it is recorded as that write's answer without touching its
batch-mates. If another process stored one of the keys between our look and
our insert (unique violation), the batch is retried and that key becomes a
repeat. Synchronous; runs in the hub's database executor. It must never store
a write twice, change a recorded answer, or log amounts or debtor details.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import msgspec
from sqlalchemy import case, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import (
    MAX_PATH_STEPS,
    CreatePromise,
    QueueMessage,
    ScheduleCallback,
    SubmitWrapUp,
    UpdateContact,
    WriteAck,
    WriteKind,
    WriteReject,
)

from . import board, callbacks, contacts, outgoing
from .db import to_db_time
from .models import (
    AgentPresenceRow,
    AuditEntry,
    CallbackRow,
    HandoffRow,
    HistoryEventRow,
    PromiseRow,
    WrapUpRow,
    WriteResult,
)
from .records import UserRecord
from .write_checks import BatchLookups, Rejection

log = logging.getLogger("acuerdo.hub.writes")

AgentWrite = CreatePromise | SubmitWrapUp | ScheduleCallback | UpdateContact | QueueMessage
WriteAnswer = WriteAck | WriteReject
MAX_KEY = 100
MAX_DISPOSITION = 64
# A batch that keeps meeting unique violations (keys raced by other processes) is
# retried this many times before falling back to one transaction per write.
_ATTEMPTS = 3


@dataclass(frozen=True)
class WriteRequest:
    """One write as it arrived: who sent it, the message, and when the hub received it."""

    user: UserRecord
    msg: AgentWrite
    now: dt.datetime

    @property
    def kind(self) -> WriteKind:
        return _KINDS[type(self.msg)]


_KINDS: dict[type[AgentWrite], WriteKind] = {
    CreatePromise: "promise",
    SubmitWrapUp: "wrapup",
    ScheduleCallback: "callback",
    UpdateContact: "contact",
    QueueMessage: "message",
}


@dataclass
class _Plan:
    """Rows to insert for the new writes of one batch, in batch order."""

    promises: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    wrapups: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    callbacks: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    contacts: list[tuple[int, contacts.ContactChange]] = field(default_factory=list)
    messages: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    rejected: dict[int, Rejection] = field(default_factory=dict)


def store_promise(
    sessions: sessionmaker[Session], user: UserRecord, msg: CreatePromise, now: dt.datetime
) -> WriteAnswer:
    return store_batch(sessions, [WriteRequest(user, msg, now)])[0]


def store_wrapup(
    sessions: sessionmaker[Session], user: UserRecord, msg: SubmitWrapUp, now: dt.datetime
) -> WriteAnswer:
    return store_batch(sessions, [WriteRequest(user, msg, now)])[0]


def store_batch(
    sessions: sessionmaker[Session], requests: Sequence[WriteRequest]
) -> list[WriteAnswer]:
    """Store ``requests`` in one transaction; one answer per request, in order."""
    for _ in range(_ATTEMPTS):
        try:
            return _store_once(sessions, requests)
        except IntegrityError:
            # Another connection or process stored one of these keys meanwhile: the
            # next attempt sees its answer and treats that key as a repeat.
            log.info("a batch of %d writes met a concurrent key; retrying", len(requests))
    if len(requests) == 1:
        return _store_once(sessions, requests)
    # Whatever keeps failing must fail alone, not take its batch-mates with it.
    return [store_batch(sessions, [request])[0] for request in requests]


def _store_once(
    sessions: sessionmaker[Session], requests: Sequence[WriteRequest]
) -> list[WriteAnswer]:
    answers: list[WriteAnswer | None] = [None] * len(requests)
    first: dict[str, int] = {}
    for index, request in enumerate(requests):
        key = request.msg.key
        if not key or len(key) > MAX_KEY:
            # Not recordable under its own key, so not recorded: the client must fix it.
            answers[index] = WriteReject(
                key=key, kind=request.kind, code="invalid_key", reason="key must be 1-100 chars"
            )
        else:
            first.setdefault(key, index)
    with sessions.begin() as session:
        priors = {
            row.key: row
            for row in session.scalars(select(WriteResult).where(WriteResult.key.in_(list(first))))
        } if first else {}  # fmt: skip
        new = [i for key, i in first.items() if key not in priors]
        plan = _plan(session, requests, new)
        results = _insert(session, requests, plan)
    recorded: dict[str, WriteResult] = dict(priors)
    for index in new:
        request = requests[index]
        result = results[index]
        recorded[request.msg.key] = result
        if result.outcome == "accepted" and result.result_id is not None:
            answers[index] = WriteAck(key=result.key, kind=request.kind, result_id=result.result_id)
        else:
            answers[index] = WriteReject(
                key=result.key,
                kind=request.kind,
                code=result.code or "",
                reason=result.reason or "",
            )
    for index, request in enumerate(requests):
        if answers[index] is None:
            answers[index] = _repeat(recorded[request.msg.key], request.user, request.kind)
    return [a for a in answers if a is not None]


def _plan(session: Session, requests: Sequence[WriteRequest], new: list[int]) -> _Plan:
    lookups = BatchLookups(session)
    plan = _Plan()
    for index in new:
        request = requests[index]
        try:
            msg = request.msg
            if isinstance(msg, CreatePromise):
                lookups.check_promise(request.user, msg, request.now)
                plan.promises.append((index, _promise_row(request, msg)))
            elif isinstance(msg, ScheduleCallback):
                row = callbacks.plan(session, lookups, request.user, msg, request.now)
                plan.callbacks.append((index, row))
            elif isinstance(msg, UpdateContact):
                change = contacts.plan(session, lookups, request.user, msg)
                plan.contacts.append((index, change))
            elif isinstance(msg, QueueMessage):
                row = outgoing.plan(session, lookups, request.user, msg, request.now)
                plan.messages.append((index, row))
            else:
                lookups.check_wrapup(request.user, msg, MAX_DISPOSITION, MAX_PATH_STEPS)
                plan.wrapups.append((index, _wrapup_row(request, msg, lookups)))
        except Rejection as rejection:
            plan.rejected[index] = rejection
    return plan


def _insert(
    session: Session, requests: Sequence[WriteRequest], plan: _Plan
) -> dict[int, WriteResult]:
    """Bulk-insert the planned rows; each new write's recorded answer by batch index."""
    results: dict[int, WriteResult] = {}
    audits: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    tables = ((PromiseRow, plan.promises), (WrapUpRow, plan.wrapups), (CallbackRow, plan.callbacks))
    for model, planned in tables:
        if not planned:
            continue
        ids = session.scalars(
            insert(model).returning(model.id, sort_by_parameter_order=True),
            [row for _, row in planned],
        ).all()
        for (index, _), row_id in zip(planned, ids, strict=True):
            request = requests[index]
            results[index] = _result(request, row_id, None)
            audits.append(_audit(request, f"{request.kind}.create", f"{request.kind}:{row_id}"))
            events += _history(request)
    if plan.messages:
        # The outgoing message is itself the history event; its id answers the write.
        ids = session.scalars(
            insert(HistoryEventRow).returning(HistoryEventRow.id, sort_by_parameter_order=True),
            [row for _, row in plan.messages],
        ).all()
        for (index, _), row_id in zip(plan.messages, ids, strict=True):
            request = requests[index]
            results[index] = _result(request, row_id, None)
            audits.append(_audit(request, "message.queue", f"history_event:{row_id}"))
    for index, change in plan.contacts:
        request = requests[index]
        point_id = contacts.apply(session, change)
        results[index] = _result(request, point_id, None)
        audits.append(_audit(request, "contact.update", f"contact_point:{point_id}"))
        events += _history(request)
    for index, rejection in plan.rejected.items():
        request = requests[index]
        results[index] = _result(request, None, rejection)
        audits.append(_audit(request, f"{request.kind}.reject", f"key:{request.msg.key}"))
    wrapped = [h for i, _ in plan.wrapups if (h := requests[i].msg.handoff_id)]
    if wrapped:
        session.execute(
            update(HandoffRow).where(HandoffRow.id.in_(wrapped)).values(state="wrapped")
        )
    called_back = [row["callback_id"] for _, row in plan.wrapups if row["callback_id"]]
    if called_back:
        session.execute(
            update(CallbackRow)
            .where(CallbackRow.id.in_(called_back), CallbackRow.state == "scheduled")
            .values(state="done")
        )
    _count_today(session, requests, plan)
    if events:
        session.execute(insert(HistoryEventRow), events)
    if results:
        session.execute(
            insert(WriteResult),
            [
                {
                    "key": r.key, "kind": r.kind, "user_id": r.user_id, "outcome": r.outcome,
                    "result_id": r.result_id, "code": r.code, "reason": r.reason,
                }
                for r in results.values()
            ],
        )  # fmt: skip
        session.execute(insert(AuditEntry), audits)
    return results


def _count_today(session: Session, requests: Sequence[WriteRequest], plan: _Plan) -> None:
    """Bump the board's counters of today's contacts and promises, one UPDATE per agent."""
    counts: dict[int, list[int]] = {}
    for planned, slot in ((plan.wrapups, 0), (plan.promises, 1)):
        for index, _ in planned:
            counts.setdefault(requests[index].user.id, [0, 0])[slot] += 1
    for agent_id, (contacts_n, promises_n) in counts.items():
        today = board.today_of(requests[0].now)
        same_day = AgentPresenceRow.counts_day == today
        session.execute(
            update(AgentPresenceRow)
            .where(AgentPresenceRow.user_id == agent_id)
            .values(
                contacts_today=case(
                    (same_day, AgentPresenceRow.contacts_today + contacts_n), else_=contacts_n
                ),
                promises_today=case(
                    (same_day, AgentPresenceRow.promises_today + promises_n), else_=promises_n
                ),
                counts_day=today,
            )
        )


def _promise_row(request: WriteRequest, msg: CreatePromise) -> dict[str, Any]:
    return {
        "key": msg.key,
        "handoff_id": msg.handoff_id,
        "debtor_id": msg.debtor_id,
        "account_id": msg.account_id,
        "agent_id": request.user.id,
        "amount_cents": msg.amount_cents,
        "currency": msg.currency,
        "due_date": msg.due_date,
        "instalments": [
            {"amount_cents": i.amount_cents, "due_date": i.due_date.isoformat()}
            for i in msg.instalments
        ],
        "payment_channel": msg.payment_channel,
        "created_at": to_db_time(request.now),
    }


def _wrapup_row(request: WriteRequest, msg: SubmitWrapUp, lookups: BatchLookups) -> dict[str, Any]:
    handed = lookups.handoff(msg.handoff_id) if msg.handoff_id else None
    started = lookups.wrapup_started(request.user.id, msg.handoff_id)
    return {
        "right_party": msg.right_party,
        "callback_id": msg.callback_id,
        # For the KPIs: from the handoff to now, and the time spent in wrap-up.
        "handle_s": (request.now - handed[2]).total_seconds() if handed else None,
        "wrapup_s": (request.now - started).total_seconds() if started else None,
        "key": msg.key,
        "handoff_id": msg.handoff_id,
        "debtor_id": msg.debtor_id,
        "agent_id": request.user.id,
        "disposition": msg.disposition,
        "notes": msg.notes,
        "script_id": msg.script_id,
        "script_version": msg.script_version,
        "script_path": list(msg.script_path),
        "callback_at": to_db_time(msg.callback_at) if msg.callback_at else None,
        "quality": msgspec.to_builtins(msg.quality) if msg.quality else None,
        "created_at": to_db_time(request.now),
    }


def _history(request: WriteRequest) -> list[dict[str, Any]]:
    """The debtor's timeline entries a stored write adds."""
    msg, at, agent = request.msg, to_db_time(request.now), request.user.username
    if isinstance(msg, QueueMessage):
        return []  # stored as its own event, whose id answers the write
    if isinstance(msg, CreatePromise):
        return [
            _event(msg.debtor_id, "promise", at, None, msg.account_id, "Promesa de pago registrada",
                   {"amount_cents": msg.amount_cents, "due_date": msg.due_date.isoformat(),
                    "outcome": "pending", "agent": agent}),
        ]  # fmt: skip
    if isinstance(msg, ScheduleCallback):
        return [
            _event(msg.debtor_id, "note", at, None, None, "Llamada de regreso programada",
                   callbacks.history_detail(msg, agent)),
        ]  # fmt: skip
    if isinstance(msg, UpdateContact):
        summary = {"wrong_number": "Teléfono marcado como equivocado",
                   "new_number": "Nuevo dato de contacto registrado",
                   "valid": "Teléfono confirmado como válido"}[msg.action]  # fmt: skip
        return [
            _event(msg.debtor_id, "note", at, None, None, summary,
                   {"action": msg.action, "kind": msg.kind, "agent": agent}),
        ]  # fmt: skip
    events = [
        _event(msg.debtor_id, "call", at, "out", None,
               f"Llamada cerrada por el asesor: {msg.disposition}",
               {"disposition": msg.disposition, "agent": agent,
                "right_party": msg.right_party}),
    ]  # fmt: skip
    if msg.notes.strip():
        events.append(
            _event(msg.debtor_id, "note", at, None, None, msg.notes[:500],
                   {"text": msg.notes, "agent": agent})
        )  # fmt: skip
    return events


def _event(
    debtor_id: int,
    channel: str,
    at: dt.datetime,
    direction: str | None,
    account_id: int | None,
    summary: str,
    detail: dict[str, Any],
) -> dict[str, Any]:
    return {
        "debtor_id": debtor_id, "channel": channel, "occurred_at": at, "direction": direction,
        "account_id": account_id, "summary": summary, "detail": detail,
    }  # fmt: skip


def _result(
    request: WriteRequest, result_id: int | None, rejection: Rejection | None
) -> WriteResult:
    # Transient: its fields are copied into a bulk insert and into the answers.
    return WriteResult(
        key=request.msg.key,
        kind=request.kind,
        user_id=request.user.id,
        outcome="accepted" if result_id is not None else "rejected",
        result_id=result_id,
        code=rejection.code if rejection else None,
        reason=rejection.reason if rejection else None,
    )


def _audit(request: WriteRequest, action: str, target: str) -> dict[str, Any]:
    return {"user_id": request.user.id, "action": action, "target": target,
            "at": to_db_time(request.now)}  # fmt: skip


def _repeat(prior: WriteResult, user: UserRecord, kind: WriteKind) -> WriteAnswer:
    if prior.kind != kind or prior.user_id != user.id:
        return WriteReject(
            key=prior.key,
            kind=kind,
            code="key_conflict",
            reason="this key was already used for a different write",
        )
    if prior.outcome == "accepted" and prior.result_id is not None:
        return WriteAck(key=prior.key, kind=kind, result_id=prior.result_id, duplicate=True)
    return WriteReject(
        key=prior.key, kind=kind, code=prior.code or "rejected", reason=prior.reason or ""
    )
