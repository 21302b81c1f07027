"""Read side of the hub's store: users, debtor profiles, history pages and scripts.

Each function takes an open SQLAlchemy ``Session`` and returns plain data (the
protocol's msgspec structs or frozen dataclasses), so nothing lazy-loads after
the session closes. Functions here are synchronous and run in the hub's
database executor; they must never write, and never be called on the event loop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    Text,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from sync.protocol import Account as AccountRecord
from sync.protocol import AccountPromise, DebtorProfile, HistoryEvent, HistoryPage
from sync.protocol import ContactPoint as ContactRecord

from .db import as_utc
from .models import (
    Account,
    ContactPoint,
    Debtor,
    HandoffRow,
    HistoryEventRow,
    ScriptRow,
    User,
)
from .open_promises import open_promises

_CENTRAL_MEXICO = dt.timezone(dt.timedelta(hours=-6))
MAX_HISTORY_PAGE = 200
FIRST_PAGE = 50


@dataclass(frozen=True)
class UserRecord:
    id: int
    username: str
    display_name: str
    role: str
    team: str
    password_hash: str


@dataclass(frozen=True)
class PublishedScript:
    script_id: str
    version: int
    document: dict[str, Any]


def user_by_name(session: Session, username: str) -> UserRecord | None:
    row = session.scalar(select(User).where(User.username == username))
    if row is None:
        return None
    return UserRecord(row.id, row.username, row.display_name, row.role, row.team, row.password_hash)


def debtor_profile(
    session: Session, debtor_id: int, now: dt.datetime | None = None
) -> DebtorProfile | None:
    """The debtor with contact points and accounts, each account with the promise it shows."""
    debtor = session.get(Debtor, debtor_id)
    if debtor is None:
        return None
    now = now or dt.datetime.now(dt.UTC)
    promises = open_promises(session, debtor_id, local_today(debtor.timezone, now), now)
    contacts = session.scalars(
        select(ContactPoint).where(ContactPoint.debtor_id == debtor_id).order_by(ContactPoint.id)
    )
    accounts = session.scalars(
        select(Account).where(Account.debtor_id == debtor_id).order_by(Account.id)
    )
    return DebtorProfile(
        id=debtor.id,
        first_name=debtor.first_name,
        last_name=debtor.last_name,
        full_name=f"{debtor.first_name} {debtor.last_name}",
        timezone=debtor.timezone,
        region=debtor.region,
        broken_promises=debtor.broken_promises,
        last_payment_on=debtor.last_payment_on,
        do_not_call=debtor.do_not_call,
        do_not_call_reason=debtor.do_not_call_reason,
        contact_points=[
            ContactRecord(
                id=c.id,
                kind=c.kind,  # type: ignore[arg-type]
                value=c.value,
                valid=c.valid,
                label=c.label,
                do_not_call=c.do_not_call,
            )
            for c in contacts
        ],
        accounts=[_account(a, promises.get(a.id)) for a in accounts],
    )


def _account(row: Account, promise: AccountPromise | None = None) -> AccountRecord:
    return AccountRecord(
        id=row.id,
        product=row.product,  # type: ignore[arg-type]
        number_masked=row.number_masked,
        balance_cents=row.balance_cents,
        currency=row.currency,
        days_past_due=row.days_past_due,
        minimum_payment_cents=row.minimum_payment_cents,
        segment=row.segment,
        status=row.status,  # type: ignore[arg-type]
        open_promise=promise,
    )


def account_of(session: Session, account_id: int) -> AccountRecord | None:
    row = session.get(Account, account_id)
    return None if row is None else _account(row)


def debtor_account_owner(session: Session, account_id: int) -> int | None:
    return session.scalar(select(Account.debtor_id).where(Account.id == account_id))


def debtor_exists(session: Session, debtor_id: int) -> bool:
    return session.get(Debtor, debtor_id) is not None


def debtor_timezone(session: Session, debtor_id: int) -> str | None:
    return session.scalar(select(Debtor.timezone).where(Debtor.id == debtor_id))


_EVENT_COLUMNS = (
    HistoryEventRow.id,
    HistoryEventRow.channel,
    HistoryEventRow.occurred_at,
    HistoryEventRow.direction,
    HistoryEventRow.account_id,
    HistoryEventRow.summary,
    HistoryEventRow.detail,
)
# Built once: a page is read on every handoff and every fetch; plain columns
# (not ORM entities) and a memoised statement keep that cheap.
_NEWEST = (
    select(*_EVENT_COLUMNS)
    .where(HistoryEventRow.debtor_id == bindparam("debtor"))
    .order_by(HistoryEventRow.id.desc())
    .limit(bindparam("rows"))
)
_OLDER = (
    select(*_EVENT_COLUMNS)
    .where(
        HistoryEventRow.debtor_id == bindparam("debtor"), HistoryEventRow.id < bindparam("before")
    )
    .order_by(HistoryEventRow.id.desc())
    .limit(bindparam("rows"))
)
_COUNT = (
    select(func.count())
    .select_from(HistoryEventRow)
    .where(HistoryEventRow.debtor_id == bindparam("debtor"))
)


def history_page(
    session: Session,
    debtor_id: int,
    before_id: int | None = None,
    limit: int = FIRST_PAGE,
    *,
    channels: Sequence[str] | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    text: str | None = None,
) -> HistoryPage:
    """Newest-first page of a debtor's events strictly older than ``before_id``.

    The optional filters all hold together: ``channels``, ``since`` <= occurred_at <
    ``until``, and ``text`` as a case-insensitive substring of the summary or of any detail
    value. ``total`` then counts the matching events only.
    """
    limit = max(1, min(limit, MAX_HISTORY_PAGE))
    # One extra row tells whether an older page exists without a second query.
    params = {"debtor": debtor_id, "rows": limit + 1, "before": before_id}
    conditions = _history_filter(session, channels, since, until, text)
    if conditions:
        rows = session.execute(_filtered(_EVENT_COLUMNS, before_id, conditions), params).all()
        count = select(func.count()).select_from(HistoryEventRow)
        count = count.where(HistoryEventRow.debtor_id == bindparam("debtor"), *conditions)
        total = session.execute(count, {"debtor": debtor_id}).scalar()
    else:
        rows = session.execute(_NEWEST if before_id is None else _OLDER, params).all()
        total = session.execute(_COUNT, {"debtor": debtor_id}).scalar()
    more = len(rows) > limit
    rows = rows[:limit]
    return HistoryPage(
        debtor_id=debtor_id,
        events=[_event(r) for r in rows],
        next_before_id=rows[-1].id if more and rows else None,
        total=int(total or 0),
    )


def _filtered(
    columns: Sequence[Any], before_id: int | None, conditions: list[ColumnElement[bool]]
) -> Select[Any]:
    query = select(*columns).where(HistoryEventRow.debtor_id == bindparam("debtor"), *conditions)
    if before_id is not None:
        query = query.where(HistoryEventRow.id < bindparam("before"))
    # The (debtor_id, id) index still drives the walk; filters only skip rows on the way.
    return query.order_by(HistoryEventRow.id.desc()).limit(bindparam("rows"))


def _history_filter(
    session: Session,
    channels: Sequence[str] | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    text: str | None,
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if channels:
        conditions.append(HistoryEventRow.channel.in_(sorted(set(channels))))
    if since is not None:
        conditions.append(HistoryEventRow.occurred_at >= since)
    if until is not None:
        conditions.append(HistoryEventRow.occurred_at < until)
    if text:
        conditions.append(_text_matches(session, text))
    return conditions


def _text_matches(session: Session, text: str) -> ColumnElement[bool]:
    # LIKE wildcards typed by the agent are literal characters, not patterns.
    escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    pattern = f"%{escaped}%"
    # Detail values, not the JSON text: searching "subject" must not match every email
    # because the key is spelled so, and non-ASCII values are not stored \u-escaped in a
    # value. PostgreSQL's json_each_text and SQLite's json_each both unpack one object.
    each = "json_each_text" if session.get_bind().dialect.name == "postgresql" else "json_each"
    values = getattr(func, each)(HistoryEventRow.detail).table_valued("value")
    in_detail: ColumnElement[bool] = exists(
        select(literal(1))
        .select_from(values)
        .where(cast(values.c.value, Text).ilike(pattern, escape="!"))
    )
    if text.isascii() and text.isprintable() and not {'"', "\\"} & set(text):
        # Such text is spelled the same inside the stored JSON, so a plain LIKE over the
        # raw column rules out most rows before json_each unpacks the few that remain.
        raw = cast(HistoryEventRow.detail, Text).ilike(pattern, escape="!")
        in_detail = and_(raw, in_detail)
    return or_(HistoryEventRow.summary.ilike(pattern, escape="!"), in_detail)


def _event(row: Row[Any]) -> HistoryEvent:
    return HistoryEvent(
        id=row.id,
        channel=row.channel,
        occurred_at=as_utc(row.occurred_at),
        direction=row.direction,
        account_id=row.account_id,
        summary=row.summary,
        detail=dict(row.detail or {}),
    )


def published_script(
    session: Session, script_id: str, version: int | None = None
) -> PublishedScript | None:
    """A given version, or the newest one when ``version`` is None."""
    query = select(ScriptRow).where(ScriptRow.script_id == script_id)
    if version is not None:
        query = query.where(ScriptRow.version == version)
    row = session.scalar(query.order_by(ScriptRow.version.desc()).limit(1))
    if row is None:
        return None
    return PublishedScript(row.script_id, row.version, dict(row.document))


def newest_scripts(session: Session) -> list[PublishedScript]:
    """The newest version of every published script."""
    newest = (
        select(ScriptRow.script_id, func.max(ScriptRow.version).label("version"))
        .group_by(ScriptRow.script_id)
        .subquery()
    )
    rows = session.scalars(
        select(ScriptRow).join(
            newest,
            (ScriptRow.script_id == newest.c.script_id) & (ScriptRow.version == newest.c.version),
        )
    )
    return [PublishedScript(r.script_id, r.version, dict(r.document)) for r in rows]


def newest_versions(session: Session) -> dict[str, int]:
    """Script id -> newest published version, without loading documents."""
    rows = session.execute(
        select(ScriptRow.script_id, func.max(ScriptRow.version)).group_by(ScriptRow.script_id)
    ).all()
    return {script_id: int(version) for script_id, version in rows}


def script_catalog(session: Session) -> list[tuple[PublishedScript, dt.datetime]]:
    """The newest version of every script with its publication time, by script id."""
    newest = (
        select(ScriptRow.script_id, func.max(ScriptRow.version).label("version"))
        .group_by(ScriptRow.script_id)
        .subquery()
    )
    rows = session.scalars(
        select(ScriptRow)
        .join(
            newest,
            (ScriptRow.script_id == newest.c.script_id) & (ScriptRow.version == newest.c.version),
        )
        .order_by(ScriptRow.script_id)
    )
    return [
        (PublishedScript(r.script_id, r.version, dict(r.document)), as_utc(r.published_at))
        for r in rows
    ]


def was_handed_to(session: Session, agent_id: int, debtor_id: int) -> bool:
    found = session.scalar(
        select(HandoffRow.id)
        .where(HandoffRow.agent_id == agent_id, HandoffRow.debtor_id == debtor_id)
        .limit(1)
    )
    return found is not None


def local_today(zone: str | None, now: dt.datetime) -> dt.date:
    """Today's date where the debtor lives (a due date is judged by their calendar)."""
    try:
        return now.astimezone(ZoneInfo(zone or "America/Mexico_City")).date()
    except (ZoneInfoNotFoundError, ValueError):
        # No tz database on this machine: central Mexico's standard offset is close enough.
        return now.astimezone(_CENTRAL_MEXICO).date()
