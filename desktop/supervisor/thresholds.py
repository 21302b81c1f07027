"""When a row of the floor needs the supervisor's attention, and why.

Pure rules over one ``BoardEntry`` and the current time: a wrap-up or a call that has run
too long, poor live call quality (MOS), an agent who asked for help. The limits come from
the desk's settings (``floor_*`` keys) with sensible defaults. This module must never import
Qt or look at anything but the board entry (no debtor data reaches it, and none may).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sync.protocol import BoardEntry

# In order of urgency: the first flag decides a row's colour and icon.
FLAGS: tuple[str, ...] = ("help", "poor_mos", "call_long", "wrapup_long")


@dataclass(frozen=True, slots=True)
class Thresholds:
    wrapup_limit_s: int = 120
    call_limit_s: int = 900
    min_mos: float = 3.5

    @classmethod
    def from_settings(cls, settings: Any | None) -> Thresholds:
        """From the layered settings (the demo and tests pass None: the defaults)."""
        if settings is None:
            return cls()
        return cls(
            wrapup_limit_s=int(settings.value("floor_wrapup_limit_s")),
            call_limit_s=int(settings.value("floor_call_limit_s")),
            min_mos=float(settings.text("floor_min_mos")),
        )


def seconds_since(moment: dt.datetime | None, now: dt.datetime) -> float | None:
    if moment is None:
        return None
    return max(0.0, (now - moment).total_seconds())


def attention(entry: BoardEntry, now: dt.datetime, limits: Thresholds) -> tuple[str, ...]:
    """The flags raised for this agent now, most urgent first (empty: all is well)."""
    raised: set[str] = set()
    if entry.help_message is not None or entry.help_at is not None:
        raised.add("help")
    mos = entry.mos
    if entry.state == "on_call" and mos is not None and mos < limits.min_mos:
        raised.add("poor_mos")
    if entry.state == "on_call":
        running = seconds_since(entry.call_started_at or entry.since, now)
        if running is not None and running > limits.call_limit_s:
            raised.add("call_long")
    if entry.state == "wrap_up":
        deadline = entry.wrapup_deadline
        if deadline is not None:
            # The hub's deadline already includes any extension the supervisor granted.
            late = now > deadline
        else:
            spent = seconds_since(entry.since, now)
            late = spent is not None and spent > limits.wrapup_limit_s
        if late:
            raised.add("wrapup_long")
    return tuple(flag for flag in FLAGS if flag in raised)
