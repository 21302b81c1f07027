"""The floor's figures for the day: the hub's ``KpiSet`` merged with live counts from the board.

The hub answers ``FetchKpis(scope="floor")`` every ~10 s; between polls the board's deltas
already carry each agent's contacts and promises today and who is on a call, so those figures
move live. This module computes plain numbers and series; it must never touch widgets, format
money by hand, or block (the fetch is one awaited request, skipped while one is in flight).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sync.client.model import HubError
from sync.protocol import BoardEntry, FetchKpis, KpiData, KpiSet

log = logging.getLogger("acuerdo.supervisor")

Request = Callable[..., Awaitable[Any]]
WORKING = frozenset({"ready", "on_call", "wrap_up"})
BUSY = frozenset({"on_call", "wrap_up"})


def pct(part: float, whole: float) -> float | None:
    return None if whole <= 0 else 100.0 * part / whole


@dataclass(frozen=True, slots=True)
class FloorFigures:
    contacts: int = 0
    right_party_contacts: int = 0
    promises: int = 0
    promised_cents: int = 0
    goal_promises: int = 0
    goal_amount_cents: int = 0
    right_party_rate_pct: float | None = None
    promise_rate_pct: float | None = None  # promises per right-party contact
    kept_rate_pct: float | None = None
    occupancy_pct: float | None = None  # of the agents working now
    avg_handle_s: float | None = None
    avg_wrapup_s: float | None = None
    abandon_rate_pct: float | None = None
    abandon_limit_pct: float = 3.0
    on_call_now: int = 0
    working_now: int = 0
    help_now: int = 0
    hours: list[str] = field(default_factory=list)
    contacts_by_hour: list[float] = field(default_factory=list)
    weeks: list[str] = field(default_factory=list)
    kept_by_week: list[float] = field(default_factory=list)


def figures(
    kpis: KpiSet | None, board: Iterable[BoardEntry], tz: dt.tzinfo | None = None
) -> FloorFigures:
    """Merge the last ``KpiSet`` (None before the first answer) with the board as it is now."""
    entries = list(board)
    board_contacts = sum(int(e.contacts_today) for e in entries)
    board_promises = sum(int(e.promises_today) for e in entries)
    working = sum(1 for e in entries if e.state in WORKING)
    busy = sum(1 for e in entries if e.state in BUSY)
    helping = sum(1 for e in entries if e.help_message is not None)
    live_occupancy = pct(busy, working)
    if kpis is None:
        return FloorFigures(
            contacts=board_contacts,
            promises=board_promises,
            occupancy_pct=live_occupancy,
            on_call_now=sum(1 for e in entries if e.state == "on_call"),
            working_now=working,
            help_now=helping,
        )
    # The board moves between polls; never show fewer than the hub last counted.
    contacts = max(int(kpis.contacts), board_contacts)
    promises = max(int(kpis.promises), board_promises)
    rpc = max(int(kpis.right_party_contacts), 0)
    hours = [_local(p.at, tz).strftime("%H") for p in kpis.contacts_by_hour]
    weeks = [_local(p.at, tz).strftime("%d/%m") for p in kpis.kept_rate_by_week]
    return FloorFigures(
        contacts=contacts,
        right_party_contacts=rpc,
        promises=promises,
        promised_cents=int(kpis.promised_cents),
        goal_promises=int(kpis.goal_promises),
        goal_amount_cents=int(kpis.goal_amount_cents),
        right_party_rate_pct=pct(rpc, contacts),
        promise_rate_pct=pct(promises, rpc),
        kept_rate_pct=kpis.kept_rate_pct,
        occupancy_pct=live_occupancy if live_occupancy is not None else kpis.occupancy_pct,
        avg_handle_s=kpis.avg_handle_s,
        avg_wrapup_s=kpis.avg_wrapup_s,
        abandon_rate_pct=kpis.abandon_rate_pct,
        abandon_limit_pct=float(kpis.abandon_limit_pct),
        on_call_now=sum(1 for e in entries if e.state == "on_call"),
        working_now=working,
        help_now=helping,
        hours=hours,
        contacts_by_hour=[float(p.value) for p in kpis.contacts_by_hour],
        weeks=weeks,
        kept_by_week=[float(p.value) for p in kpis.kept_rate_by_week],
    )


def _local(moment: dt.datetime, tz: dt.tzinfo | None) -> dt.datetime:
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


class KpiPoller:
    """Fetches the floor's ``KpiSet``; one request at a time, the last good answer kept."""

    def __init__(self, request: Request) -> None:
        self._request = request
        self.latest: KpiSet | None = None
        self.in_flight = False
        self.failures = 0

    async def poll(self) -> KpiSet | None:
        if self.in_flight:
            return None
        self.in_flight = True
        try:
            reply = await self._request(FetchKpis(scope="floor"))
        except (HubError, TimeoutError, ConnectionError) as exc:
            self.failures += 1
            log.info("floor KPIs not fetched: %s", type(exc).__name__)
            return None
        finally:
            self.in_flight = False
        if isinstance(reply, KpiData):
            self.latest = reply.kpis
            return reply.kpis
        return None
