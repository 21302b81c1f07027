"""Today's figures for one agent or the whole floor (``kpi.fetch``), from the hub's own rows.

Contacts are today's wrap-ups (right-party ones those with ``right_party``
"verified"); promises and amounts are today's promise rows; handle and wrap-up
times are the ones stored with each wrap-up; abandonment is today's handoffs
ended with reason "abandoned" over today's handoffs, against
``ACUERDO_HUB_ABANDON_LIMIT_PCT`` (default 3). The kept rate comes from the
outcomes (kept / broken) of promise events in the debtors' history over the last
eight weeks, by week. Occupancy is busy (on_call + wrap_up) time over logged-in
time today, both kept on the agents' presence rows (see ``presence.account_time``)
and counting the periods still running. "Today" starts at midnight UTC. Synchronous and read-only;
it must never write, and never return a debtor's identity.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from sync.protocol import KpiPoint, KpiScope, KpiSet

from . import campaigns
from .db import as_utc, to_db_time
from .models import AgentPresenceRow, HandoffRow, HistoryEventRow, PromiseRow, User, WrapUpRow

log = logging.getLogger("acuerdo.hub.kpis")

ABANDON_LIMIT_ENV = "ACUERDO_HUB_ABANDON_LIMIT_PCT"
DEFAULT_ABANDON_LIMIT = 3.0
WEEKS = 8


def abandon_limit() -> float:
    raw = os.environ.get(ABANDON_LIMIT_ENV, "")
    if not raw:
        return DEFAULT_ABANDON_LIMIT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 100.0:
        log.warning("%s must be a percentage; using %s", ABANDON_LIMIT_ENV, DEFAULT_ABANDON_LIMIT)
        return DEFAULT_ABANDON_LIMIT
    return value


def start_of_day(now: dt.datetime) -> dt.datetime:
    return now.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def compute(
    session: Session,
    scope: KpiScope,
    agent: tuple[int, str] | None,
    now: dt.datetime,
    limit_pct: float = DEFAULT_ABANDON_LIMIT,
) -> KpiSet:
    """``agent`` = (user id, username) for the agent scope; None for the whole floor."""
    since = start_of_day(now)
    at = to_db_time(since)

    def mine(column: Any) -> ColumnElement[bool]:
        return true() if agent is None else column == agent[0]

    wrapups = session.execute(
        select(
            WrapUpRow.created_at, WrapUpRow.right_party, WrapUpRow.handle_s, WrapUpRow.wrapup_s
        ).where(WrapUpRow.created_at >= at, mine(WrapUpRow.agent_id))
    ).all()
    promises, promised = session.execute(
        select(func.count(), func.coalesce(func.sum(PromiseRow.amount_cents), 0)).where(
            PromiseRow.created_at >= at, mine(PromiseRow.agent_id)
        )
    ).one()
    handoffs, abandoned = session.execute(
        select(func.count(), func.count(HandoffRow.end_reason).filter(
            HandoffRow.end_reason == "abandoned"
        )).where(HandoffRow.created_at >= at, mine(HandoffRow.agent_id))
    ).one()  # fmt: skip
    policy = campaigns.policy_for(None)
    agents = 1
    if agent is None:
        agents = int(session.scalar(select(func.count()).where(User.role == "agent")) or 0)
    by_week = _kept_by_week(session, None if agent is None else agent[1], now)
    resolved = [(k, n) for k, n in by_week.values() if n]
    return KpiSet(
        scope=scope,
        since=since,
        contacts=len(wrapups),
        right_party_contacts=sum(1 for w in wrapups if w.right_party == "verified"),
        promises=int(promises),
        promised_cents=int(promised),
        goal_promises=policy.goal_promises * agents,
        goal_amount_cents=policy.goal_amount_cents * agents,
        kept_rate_pct=_pct(sum(k for k, _ in resolved), sum(n for _, n in resolved)),
        occupancy_pct=_occupancy(session, None if agent is None else agent[0], since, now),
        avg_handle_s=_mean([w.handle_s for w in wrapups]),
        avg_wrapup_s=_mean([w.wrapup_s for w in wrapups]),
        abandon_rate_pct=_pct(int(abandoned), int(handoffs)),
        abandon_limit_pct=limit_pct,
        contacts_by_hour=_by_hour(since, now, [as_utc(w.created_at) for w in wrapups]),
        kept_rate_by_week=[
            KpiPoint(at=week, value=_pct(kept, n) or 0.0)
            for week, (kept, n) in sorted(by_week.items())
            if n
        ],
    )


def _occupancy(
    session: Session, agent_id: int | None, since: dt.datetime, now: dt.datetime
) -> float | None:
    query = select(
        AgentPresenceRow.time_day,
        AgentPresenceRow.busy_s_today,
        AgentPresenceRow.logged_in_s_today,
        AgentPresenceRow.busy_since,
        AgentPresenceRow.login_since,
    )
    if agent_id is not None:
        query = query.where(AgentPresenceRow.user_id == agent_id)
    busy = logged_in = 0.0
    for day, busy_s, logged_s, busy_since, login_since in session.execute(query):
        if day == since.date():
            busy, logged_in = busy + (busy_s or 0.0), logged_in + (logged_s or 0.0)
        if busy_since is not None:
            busy += max(0.0, (now - max(as_utc(busy_since), since)).total_seconds())
        if login_since is not None:
            logged_in += max(0.0, (now - max(as_utc(login_since), since)).total_seconds())
    if logged_in <= 0.0:
        return None
    return round(min(100.0, 100.0 * busy / logged_in), 1)


def _kept_by_week(
    session: Session, agent: str | None, now: dt.datetime
) -> dict[dt.datetime, tuple[int, int]]:
    """Week start (Monday, UTC) -> (kept, kept + broken) for the last ``WEEKS`` weeks."""
    today = start_of_day(now)
    first = today - dt.timedelta(days=today.weekday() + 7 * (WEEKS - 1))
    weeks = {first + dt.timedelta(weeks=i): (0, 0) for i in range(WEEKS)}
    rows = session.execute(
        select(HistoryEventRow.occurred_at, HistoryEventRow.detail).where(
            HistoryEventRow.channel == "promise", HistoryEventRow.occurred_at >= to_db_time(first)
        )
    ).all()
    for occurred_at, detail in rows:
        outcome = (detail or {}).get("outcome")
        if outcome not in ("kept", "broken"):
            continue
        if agent is not None and (detail or {}).get("agent") != agent:
            continue
        when = as_utc(occurred_at)
        week = start_of_day(when) - dt.timedelta(days=when.weekday())
        if week in weeks:
            kept, total = weeks[week]
            weeks[week] = (kept + (outcome == "kept"), total + 1)
    return weeks


def _by_hour(since: dt.datetime, now: dt.datetime, times: Sequence[dt.datetime]) -> list[KpiPoint]:
    hours = int((now - since).total_seconds() // 3600) + 1
    counts = [0] * max(1, min(hours, 24))
    for when in times:
        slot = int((when - since).total_seconds() // 3600)
        if 0 <= slot < len(counts):
            counts[slot] += 1
    return [
        KpiPoint(at=since + dt.timedelta(hours=i), value=float(n)) for i, n in enumerate(counts)
    ]


def _pct(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100.0 * part / whole, 1)


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return None if not known else round(sum(known) / len(known), 1)
