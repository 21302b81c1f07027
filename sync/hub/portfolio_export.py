"""Handing promises and wrap-ups to the company's collections system: CSV and a change feed.

``export_csv`` writes every promise or wrap-up created since a date; the
change feed lists every promise and wrap-up stored after a cursor, oldest
first, as JSON-ready dicts, so a collections system can pull them and keep
the last cursor it processed. The cursor is the id of the write's audit
entry (one sequence for both kinds). On PostgreSQL, entries newer than a few
seconds are held back: transactions of several hub processes commit out of id
order, and a cursor must never step past an entry that was still being
committed. Synchronous and read-only; it must never change data, and never
log what it exports.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import as_utc, utc_now
from .models import AuditEntry, Debtor, PromiseRow, User, WrapUpRow

FEED_ACTIONS = ("promise.create", "wrapup.create")
SETTLE_S = 5.0
MAX_FEED = 1000
PROMISE_COLUMNS = (
    "promise_id", "key", "created_at", "debtor_id", "debtor_ref", "account_id", "agent",
    "amount_cents", "currency", "due_date", "instalments", "payment_channel", "handoff_id",
)  # fmt: skip
WRAPUP_COLUMNS = (
    "wrapup_id", "key", "created_at", "debtor_id", "debtor_ref", "agent", "disposition",
    "notes", "script_id", "script_version", "script_path", "callback_at", "handoff_id",
)  # fmt: skip


def _promise(row: PromiseRow, ref: str | None, agent: str) -> dict[str, Any]:
    return {
        "promise_id": row.id, "key": row.key, "created_at": as_utc(row.created_at).isoformat(),
        "debtor_id": row.debtor_id, "debtor_ref": ref, "account_id": row.account_id,
        "agent": agent, "amount_cents": row.amount_cents, "currency": row.currency,
        "due_date": row.due_date.isoformat(), "instalments": row.instalments,
        "payment_channel": row.payment_channel, "handoff_id": row.handoff_id,
    }  # fmt: skip


def _wrapup(row: WrapUpRow, ref: str | None, agent: str) -> dict[str, Any]:
    return {
        "wrapup_id": row.id, "key": row.key, "created_at": as_utc(row.created_at).isoformat(),
        "debtor_id": row.debtor_id, "debtor_ref": ref, "agent": agent,
        "disposition": row.disposition, "notes": row.notes, "script_id": row.script_id,
        "script_version": row.script_version, "script_path": row.script_path,
        "callback_at": as_utc(row.callback_at).isoformat() if row.callback_at else None,
        "handoff_id": row.handoff_id,
    }  # fmt: skip


def _records(
    session: Session, kind: str, ids: list[int] | None, since: dt.datetime | None
) -> Iterator[dict[str, Any]]:
    model = PromiseRow if kind == "promises" else WrapUpRow
    query = (
        select(model, Debtor.external_ref, User.username)
        .join(Debtor, Debtor.id == model.debtor_id)
        .join(User, User.id == model.agent_id)
        .order_by(model.id)
    )
    if ids is not None:
        query = query.where(model.id.in_(ids))
    if since is not None:
        query = query.where(model.created_at >= since)
    for row, ref, agent in session.execute(query):
        yield _promise(row, ref, agent) if kind == "promises" else _wrapup(row, ref, agent)  # type: ignore[arg-type]


def export_csv(session: Session, kind: str, since: dt.date, out: IO[str]) -> int:
    """Write ``kind`` ("promises" or "wrapups") created on or after ``since`` (UTC); the count."""
    if kind not in ("promises", "wrapups"):
        raise ValueError("kind must be promises or wrapups")
    columns = PROMISE_COLUMNS if kind == "promises" else WRAPUP_COLUMNS
    start = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    count = 0
    for record in _records(session, kind, None, start):
        writer.writerow({k: json.dumps(v) if isinstance(v, list) else v for k, v in record.items()})
        count += 1
    return count


def change_feed(
    session: Session, after: int, limit: int = MAX_FEED, settle_s: float | None = None
) -> list[dict[str, Any]]:
    """Promises and wrap-ups stored after cursor ``after``, oldest first, each with its cursor."""
    if after < 0 or not 1 <= limit <= MAX_FEED:
        raise ValueError(f"after must be >= 0 and limit between 1 and {MAX_FEED}")
    if settle_s is None:
        settle_s = SETTLE_S if session.get_bind().dialect.name == "postgresql" else 0.0
    query = (
        select(AuditEntry.id, AuditEntry.action, AuditEntry.target)
        .where(AuditEntry.id > after, AuditEntry.action.in_(FEED_ACTIONS))
        .order_by(AuditEntry.id)
        .limit(limit)
    )
    if settle_s > 0:
        query = query.where(AuditEntry.at <= utc_now() - dt.timedelta(seconds=settle_s))
    entries = session.execute(query).all()
    wanted: dict[str, list[int]] = {"promises": [], "wrapups": []}
    for _, action, target in entries:
        wanted["promises" if action == "promise.create" else "wrapups"].append(
            int(target.split(":", 1)[1])
        )
    found = {
        (kind, record[f"{kind[:-1]}_id"]): record
        for kind, ids in wanted.items()
        if ids
        for record in _records(session, kind, ids, None)
    }
    feed = []
    for cursor, action, target in entries:
        kind = "promises" if action == "promise.create" else "wrapups"
        record = found.get((kind, int(target.split(":", 1)[1])))
        if record is not None:
            feed.append({"cursor": cursor, "kind": kind[:-1], **record})
    return feed
