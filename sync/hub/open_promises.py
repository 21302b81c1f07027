"""Which promise each of a debtor's accounts shows on the screen pop, and in what state.

An account shows its newest pending promise; with none pending, the newest one kept or
broken whose due date passed in the last 30 days; otherwise nothing. Candidates come from
the promises agents saved (the ``promises`` table, which knows the instalments) and from the
promise events of the history (the seeded and imported portfolio, whose detail records the
outcome). One statement reads both, plus the payments that tell a lapsed promise kept from
broken, for all the debtor's accounts at once. Read-only: it must never write, and never
log amounts or anything else about the debtor.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Date, String, bindparam, cast, literal, null, select, union_all
from sqlalchemy.orm import Session

from sync.protocol import AccountPromise

from .db import as_utc, to_db_time
from .models import HistoryEventRow, PromiseRow

RECENT_DAYS = 30
# Seeded and imported promises fall due within weeks of being made; older history events
# cannot be pending nor resolved in the last 30 days, so they are not read at all.
HISTORY_WINDOW_DAYS = 120


@dataclass(frozen=True)
class _Candidate:
    account_id: int
    amount_cents: int
    due_date: dt.date
    # The last date a payment counts towards the promise (the last instalment's).
    last_due: dt.date
    outcome: str  # "pending" (not judged yet), "kept" or "broken"
    instalments: int
    promised_at: dt.datetime
    saved: bool  # from the promises table: wins a tie with its own history event


@dataclass(frozen=True)
class _Payment:
    account_id: int
    at: dt.datetime
    amount_cents: int | None


_SAVED = select(
    literal("saved", String).label("kind"),
    PromiseRow.account_id.label("account_id"),
    PromiseRow.created_at.label("at"),
    PromiseRow.amount_cents.label("amount_cents"),
    PromiseRow.due_date.label("due_date"),
    PromiseRow.instalments.label("payload"),
).where(PromiseRow.debtor_id == bindparam("debtor"))
_EVENTS = select(
    HistoryEventRow.channel,
    HistoryEventRow.account_id,
    HistoryEventRow.occurred_at,
    cast(null(), BigInteger),
    cast(null(), Date),
    HistoryEventRow.detail,
).where(
    HistoryEventRow.debtor_id == bindparam("debtor"),
    # ``channel || ''`` keeps the planner off the (channel, occurred_at) index, which would
    # walk every debtor's promises and payments; the (debtor_id, id) one reads only this
    # debtor's few hundred events.
    (HistoryEventRow.channel + literal("")).in_(("promise", "payment")),
    HistoryEventRow.account_id.is_not(None),
    HistoryEventRow.occurred_at >= bindparam("since"),
)
# Built once: it runs on every handoff and every debtor fetch.
_QUERY = union_all(_SAVED, _EVENTS)


def open_promises(
    session: Session, debtor_id: int, today: dt.date, now: dt.datetime
) -> dict[int, AccountPromise]:
    """Account id -> the promise its row shows (accounts without one are absent).

    ``today`` is the debtor's local date: a promise is due by their calendar.
    """
    since = to_db_time(now - dt.timedelta(days=HISTORY_WINDOW_DAYS))
    rows = session.execute(_QUERY, {"debtor": debtor_id, "since": since}).all()
    candidates: list[_Candidate] = []
    payments: list[_Payment] = []
    for row in rows:
        if row.kind == "saved":
            candidates.append(_saved(row))
        elif row.kind == "promise":
            found = _seeded(row)
            if found is not None:
                candidates.append(found)
        else:
            amount = (row.payload or {}).get("amount_cents")
            payments.append(
                _Payment(
                    row.account_id, as_utc(row.at), amount if isinstance(amount, int) else None
                )
            )
    return _choose(candidates, payments, today)


def _choose(
    candidates: Iterable[_Candidate], payments: Sequence[_Payment], today: dt.date
) -> dict[int, AccountPromise]:
    by_account: dict[int, list[tuple[_Candidate, str]]] = defaultdict(list)
    paid: dict[int, list[_Payment]] = defaultdict(list)
    for payment in payments:
        paid[payment.account_id].append(payment)
    for candidate in candidates:
        state = _state(candidate, paid[candidate.account_id], today)
        by_account[candidate.account_id].append((candidate, state))
    shown: dict[int, AccountPromise] = {}
    for account_id, judged in by_account.items():
        newest_first = sorted(judged, key=lambda c: (c[0].promised_at, c[0].saved), reverse=True)
        pending = [c for c in newest_first if c[1] == "pending"]
        recent = [
            c for c in newest_first if c[0].last_due >= today - dt.timedelta(days=RECENT_DAYS)
        ]
        chosen = pending or recent
        if chosen:
            shown[account_id] = _record(*chosen[0])
    return shown


def _state(candidate: _Candidate, payments: Sequence[_Payment], today: dt.date) -> str:
    if candidate.outcome in ("kept", "broken"):
        return candidate.outcome
    if candidate.last_due >= today:
        return "pending"
    # Lapsed: kept when the account received the amount between the promise and its last
    # due date (a payment whose amount is unknown counts in full: the debtor paid).
    received = 0
    for payment in payments:
        if candidate.promised_at <= payment.at and payment.at.date() <= candidate.last_due:
            if payment.amount_cents is None:
                return "kept"
            received += payment.amount_cents
    return "kept" if received >= candidate.amount_cents else "broken"


def _record(candidate: _Candidate, state: str) -> AccountPromise:
    return AccountPromise(
        amount_cents=candidate.amount_cents,
        due_date=candidate.due_date,
        state=state,  # type: ignore[arg-type]
        instalments=candidate.instalments,
        promised_at=candidate.promised_at,
    )


def _saved(row: Any) -> _Candidate:
    plan = row.payload if isinstance(row.payload, list) else []
    dates = [_date(i.get("due_date")) for i in plan if isinstance(i, dict)]
    due = row.due_date if isinstance(row.due_date, dt.date) else dt.date.fromisoformat(row.due_date)
    return _Candidate(
        account_id=row.account_id,
        amount_cents=int(row.amount_cents),
        due_date=due,
        last_due=max([due, *(d for d in dates if d is not None)]),
        outcome="pending",
        instalments=len(plan),
        promised_at=as_utc(row.at),
        saved=True,
    )


def _seeded(row: Any) -> _Candidate | None:
    detail = row.payload if isinstance(row.payload, dict) else {}
    amount, due = detail.get("amount_cents"), _date(detail.get("due_date"))
    if not isinstance(amount, int) or due is None:
        return None  # an imported event without the promise's terms: nothing to show
    outcome = detail.get("outcome")
    return _Candidate(
        account_id=row.account_id,
        amount_cents=amount,
        due_date=due,
        last_due=due,
        outcome=outcome if outcome in ("kept", "broken") else "pending",
        instalments=0,
        promised_at=as_utc(row.at),
        saved=False,
    )


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
