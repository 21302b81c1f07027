"""Exactly-once storage of the desktop's writes: payment promises and call wrap-ups.

A write is answered once and that answer is kept in ``write_results`` in the
same transaction as the row it created (or the rejection it earned), so a
repeated idempotency key — a retry after a lost ack, or a race between two
connections — gets the original answer with ``duplicate=True``. Synchronous;
runs in the hub's database executor. It must never store a write twice, change
a recorded answer, or log amounts or debtor details.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import MAX_PATH_STEPS, CreatePromise, SubmitWrapUp, WriteAck, WriteReject

from . import records
from .db import to_db_time
from .models import AuditEntry, HandoffRow, HistoryEventRow, PromiseRow, WrapUpRow, WriteResult
from .records import UserRecord

WriteKind = Literal["promise", "wrapup"]
WriteAnswer = WriteAck | WriteReject
MAX_KEY = 100
MAX_DISPOSITION = 64


class _Rejection(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason


def store_promise(
    sessions: sessionmaker[Session], user: UserRecord, msg: CreatePromise, now: dt.datetime
) -> WriteAnswer:
    def create(session: Session) -> tuple[int, str]:
        _check_promise(session, user, msg, now)
        row = PromiseRow(
            key=msg.key,
            handoff_id=msg.handoff_id,
            debtor_id=msg.debtor_id,
            account_id=msg.account_id,
            agent_id=user.id,
            amount_cents=msg.amount_cents,
            currency=msg.currency,
            due_date=msg.due_date,
            instalments=[
                {"amount_cents": i.amount_cents, "due_date": i.due_date.isoformat()}
                for i in msg.instalments
            ],
            payment_channel=msg.payment_channel,
            created_at=to_db_time(now),
        )
        session.add(row)
        session.add(
            HistoryEventRow(
                debtor_id=msg.debtor_id,
                channel="promise",
                occurred_at=to_db_time(now),
                direction=None,
                account_id=msg.account_id,
                summary="Promesa de pago registrada",
                detail={
                    "amount_cents": msg.amount_cents,
                    "due_date": msg.due_date.isoformat(),
                    "outcome": "pending",
                    "agent": user.username,
                },
            )
        )
        session.flush()
        return row.id, f"promise:{row.id}"

    return _store(sessions, user, "promise", msg.key, now, create)


def store_wrapup(
    sessions: sessionmaker[Session], user: UserRecord, msg: SubmitWrapUp, now: dt.datetime
) -> WriteAnswer:
    def create(session: Session) -> tuple[int, str]:
        handoff = _check_wrapup(session, user, msg)
        row = WrapUpRow(
            key=msg.key,
            handoff_id=msg.handoff_id,
            debtor_id=msg.debtor_id,
            agent_id=user.id,
            disposition=msg.disposition,
            notes=msg.notes,
            script_id=msg.script_id,
            script_version=msg.script_version,
            script_path=list(msg.script_path),
            callback_at=to_db_time(msg.callback_at) if msg.callback_at else None,
            created_at=to_db_time(now),
        )
        session.add(row)
        session.add(
            HistoryEventRow(
                debtor_id=msg.debtor_id,
                channel="call",
                occurred_at=to_db_time(now),
                direction="out",
                summary=f"Llamada cerrada por el asesor: {msg.disposition}",
                detail={"disposition": msg.disposition, "agent": user.username},
            )
        )
        if msg.notes.strip():
            session.add(
                HistoryEventRow(
                    debtor_id=msg.debtor_id,
                    channel="note",
                    occurred_at=to_db_time(now),
                    summary=msg.notes[:500],
                    detail={"text": msg.notes, "agent": user.username},
                )
            )
        if handoff is not None:
            handoff.state = "wrapped"
        session.flush()
        return row.id, f"wrapup:{row.id}"

    return _store(sessions, user, "wrapup", msg.key, now, create)


def _store(
    sessions: sessionmaker[Session],
    user: UserRecord,
    kind: WriteKind,
    key: str,
    now: dt.datetime,
    create: Callable[[Session], tuple[int, str]],
) -> WriteAnswer:
    if not key or len(key) > MAX_KEY:
        # Not recordable under its own key, so not recorded: the client must fix the key.
        return WriteReject(key=key, kind=kind, code="invalid_key", reason="key must be 1-100 chars")
    with sessions() as session:
        prior = session.get(WriteResult, key)
        if prior is not None:
            return _repeat(prior, user, kind)
    try:
        with sessions.begin() as session:
            try:
                # ``create`` checks everything before adding a row, so a rejection
                # leaves nothing behind to roll back.
                result_id, target = create(session)
            except _Rejection as rejection:
                session.add(_result(key, kind, user, None, rejection.code, rejection.reason))
                session.add(_audit(user, f"{kind}.reject", f"key:{key}", now))
                answer: WriteAnswer = WriteReject(
                    key=key, kind=kind, code=rejection.code, reason=rejection.reason
                )
            else:
                session.add(_result(key, kind, user, result_id, None, None))
                session.add(_audit(user, f"{kind}.create", target, now))
                answer = WriteAck(key=key, kind=kind, result_id=result_id)
    except IntegrityError:
        # Someone stored this key between our look and our insert: theirs is the answer.
        with sessions() as session:
            prior = session.get(WriteResult, key)
            if prior is None:
                raise
            return _repeat(prior, user, kind)
    return answer


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


def _result(
    key: str,
    kind: str,
    user: UserRecord,
    result_id: int | None,
    code: str | None,
    reason: str | None,
) -> WriteResult:
    return WriteResult(
        key=key,
        kind=kind,
        user_id=user.id,
        outcome="accepted" if result_id is not None else "rejected",
        result_id=result_id,
        code=code,
        reason=reason,
    )


def _audit(user: UserRecord, action: str, target: str, now: dt.datetime) -> AuditEntry:
    return AuditEntry(user_id=user.id, action=action, target=target, at=to_db_time(now))


def _check_assignment(
    session: Session, user: UserRecord, debtor_id: int, handoff_id: str | None
) -> HandoffRow | None:
    if not records.debtor_exists(session, debtor_id):
        raise _Rejection("unknown_debtor", "no such debtor")
    handoff = None
    if handoff_id is not None:
        handoff = session.get(HandoffRow, handoff_id)
        if handoff is None or handoff.agent_id != user.id or handoff.debtor_id != debtor_id:
            raise _Rejection("unknown_handoff", "no such handoff for this agent and debtor")
    elif not records.was_handed_to(session, user.id, debtor_id):
        raise _Rejection("not_assigned", "this debtor was never handed to this agent")
    return handoff


def _check_promise(
    session: Session, user: UserRecord, msg: CreatePromise, now: dt.datetime
) -> None:
    _check_assignment(session, user, msg.debtor_id, msg.handoff_id)
    owner = records.debtor_account_owner(session, msg.account_id)
    account = records.account_of(session, msg.account_id)
    if account is None or owner != msg.debtor_id:
        raise _Rejection("unknown_account", "no such account for this debtor")
    if account.status != "open":
        raise _Rejection("account_not_open", f"the account is {account.status}")
    if msg.amount_cents <= 0:
        raise _Rejection("invalid_amount", "the promised amount must be greater than zero")
    if msg.currency != account.currency:
        raise _Rejection("currency_mismatch", f"the account is in {account.currency}")
    today = records.local_today(records.debtor_timezone(session, msg.debtor_id), now)
    if msg.due_date < today:
        raise _Rejection("due_date_past", "the due date is in the past")
    for instalment in msg.instalments:
        if instalment.amount_cents <= 0 or instalment.due_date < today:
            raise _Rejection(
                "invalid_instalment", "every instalment needs a positive amount and a future date"
            )


def _check_wrapup(session: Session, user: UserRecord, msg: SubmitWrapUp) -> HandoffRow | None:
    handoff = _check_assignment(session, user, msg.debtor_id, msg.handoff_id)
    if not msg.disposition.strip() or len(msg.disposition) > MAX_DISPOSITION:
        raise _Rejection("invalid_disposition", "a disposition of 1-64 characters is required")
    if len(msg.script_path) > MAX_PATH_STEPS:
        raise _Rejection("invalid_script_path", f"at most {MAX_PATH_STEPS} script steps")
    return handoff
