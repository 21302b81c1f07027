"""Board entries as the hub sends them, for floor tests with many agents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sync.protocol import BoardEntry

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)
STATES = ("ready", "on_call", "wrap_up", "not_ready", "logged_out")
CAMPAIGNS = ("temprana", "tardia", "castigada")


def entry(agent: str, state: str = "ready", **fields: Any) -> BoardEntry:
    base: dict[str, Any] = {
        "agent": agent,
        "display_name": fields.pop("display_name", agent.capitalize()),
        "state": state,
        "since": NOW - dt.timedelta(seconds=30),
    }
    if state == "on_call":
        base.update(
            campaign="temprana",
            handoff_id=f"h-{agent}",
            debtor_ref="…42",
            call_started_at=NOW - dt.timedelta(seconds=30),
        )
    if state == "not_ready":
        base["pause_code"] = "break"
    base.update(fields)
    return BoardEntry(**base)


def floor(count: int) -> list[BoardEntry]:
    """``count`` agents spread over every state and campaign."""
    agents = []
    for i in range(count):
        state = STATES[i % len(STATES)]
        extra: dict[str, Any] = {"contacts_today": i % 17, "promises_today": i % 5}
        if state in ("on_call", "wrap_up"):
            extra["campaign"] = CAMPAIGNS[i % len(CAMPAIGNS)]
        agents.append(entry(f"agent{i:03d}", state, **extra))
    return agents
