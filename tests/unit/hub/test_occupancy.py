"""Time in state for the occupancy figure: busy and logged-in periods, across midnight."""

from __future__ import annotations

import datetime as dt

from sync.hub.models import AgentPresenceRow
from sync.hub.presence import account_time

DAY = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def at(hours: float) -> dt.datetime:
    return DAY + dt.timedelta(hours=hours)


def step(row: AgentPresenceRow, state: str, when: dt.datetime) -> None:
    account_time(row, state, when)
    row.state = state


def test_busy_and_logged_in_seconds_add_up_per_period() -> None:
    row = AgentPresenceRow(user_id=1, state="logged_out", handoff_accepted=False, updated_at=at(8))
    step(row, "ready", at(8))
    step(row, "on_call", at(9))
    step(row, "wrap_up", at(9.5))  # still busy: the period goes on
    step(row, "ready", at(10))
    step(row, "not_ready", at(11))
    step(row, "logged_out", at(12))
    assert (row.busy_s_today, row.logged_in_s_today) == (3600.0, 4 * 3600.0)
    assert row.busy_since is None and row.login_since is None


def test_a_new_day_starts_from_zero_and_running_periods_from_midnight() -> None:
    row = AgentPresenceRow(user_id=1, state="logged_out", handoff_accepted=False, updated_at=at(-2))
    step(row, "ready", at(-2))
    step(row, "on_call", at(-1))
    step(row, "ready", at(1))  # the call ran over midnight: only today's hour counts
    assert row.time_day == DAY.date()
    assert row.busy_s_today == 3600.0
    step(row, "logged_out", at(2))
    assert row.logged_in_s_today == 2 * 3600.0
