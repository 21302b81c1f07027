"""The agent's own figures for today, fetched from the hub and kept fresh: the dashboard's model.

`KpiModel` asks the hub for `FetchKpis(scope="agent")` when the desk comes online, after every
promise or wrap-up the hub acknowledges, and every minute; requests never overlap (a refresh
asked for while one is out runs once it returns) and never wait on the GUI thread. When the
hub cannot be reached it keeps the last figures and says "offline". `tiles()` turns a `KpiSet`
into the text the tiles show, by locale. This module must never import widgets, and never
keep or log anything about a debtor: the figures are counts and sums of the agent's own work.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_percent
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.common.formatting import format_money
from desktop.common.i18n import translate
from sync.protocol import FetchKpis, KpiData, KpiSet, Message

log = logging.getLogger("acuerdo.desktop")

REFRESH_MS = 60_000
# KpiSet carries no currency; every campaign the hub runs today is in pesos.
CURRENCY = "MXN"
# Writes whose acknowledgement changes the agent's figures.
_COUNTED_WRITES = frozenset({"promise", "wrapup"})

Request = Callable[[Message], Awaitable[Any]]


class KpiModel(QObject):
    changed = Signal(object)  # KpiSet
    status_changed = Signal(str)  # "waiting" | "loading" | "fresh" | "offline"

    def __init__(self, request: Request, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self.kpis: KpiSet | None = None
        self.status = "waiting"
        self.fetched_at: dt.datetime | None = None
        self.fetches = 0
        self._online = False
        self._task: asyncio.Task[None] | None = None
        self._again = False
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    # --- inputs --------------------------------------------------------------

    def on_connection(self, state: str, _detail: str = "") -> None:
        self._online = state == "online"
        if self._online:
            self._timer.start()
            self.refresh()
        else:
            self._timer.stop()
            self._set_status("offline")

    def on_item(self, item: Any) -> None:
        if str(item.state) == "synced" and str(item.kind) in _COUNTED_WRITES:
            self.refresh()

    def refresh(self) -> None:
        """Fetch now, or right after the fetch under way (its answer may predate the change)."""
        if not self._online:
            self._set_status("offline")
            return
        if self._task is not None and not self._task.done():
            self._again = True
            return
        self._again = False
        if self.kpis is None:
            self._set_status("loading")
        self._task = asyncio.ensure_future(self._fetch())

    async def drain(self) -> None:
        """Stop refreshing and let a fetch under way finish (called before the link closes)."""
        self._timer.stop()
        self._online = False
        if self._task is not None and not self._task.done():
            await asyncio.wait([self._task], timeout=5)

    # --- work ----------------------------------------------------------------

    async def _fetch(self) -> None:
        try:
            reply = await self._request(FetchKpis(scope="agent"))
        except Exception as exc:
            # Environment, not a bug: the last figures stay on screen, marked offline.
            log.info("kpis not fetched: %s", type(exc).__name__)
            self._set_status("offline")
            return
        finally:
            self.fetches += 1
        if not isinstance(reply, KpiData):
            log.info("kpis: unexpected reply %s", type(reply).__name__)
            self._set_status("offline")
            return
        self.kpis = reply.kpis
        self.fetched_at = dt.datetime.now(dt.UTC)
        self.changed.emit(reply.kpis)
        self._set_status("fresh")
        if self._again:
            self.refresh()

    def _set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            self.status_changed.emit(status)


# --- what the tiles say -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tile:
    """One figure as shown: caption, value, the goal line under it and how far along it is."""

    key: str
    caption: str
    value: str
    goal: str = ""
    progress: float | None = None  # 0..1 of the goal; None = no goal
    met: bool = False


def _pct(value: float | None, locale: str) -> str:
    return "—" if value is None else str(format_percent(value / 100, locale=locale))


def _goal_tile(key: str, caption: str, value: str, done: int, goal: int, goal_text: str) -> Tile:
    if goal <= 0:
        return Tile(key, caption, value, translate("Dashboard", "No goal set"))
    if done >= goal:
        return Tile(key, caption, value, translate("Dashboard", "Goal met"), 1.0, True)
    return Tile(key, caption, value, goal_text, done / goal)


def tiles(kpis: KpiSet, locale: str, currency: str = CURRENCY) -> list[Tile]:
    rpc_share = (
        translate("Dashboard", "{pct} of contacts").format(
            pct=_pct(100 * kpis.right_party_contacts / kpis.contacts, locale)
        )
        if kpis.contacts
        else ""
    )
    return [
        Tile("contacts", translate("Dashboard", "Contacts"), str(kpis.contacts)),
        Tile(
            "right_party",
            translate("Dashboard", "Right-party contacts"),
            str(kpis.right_party_contacts),
            rpc_share,
        ),
        _goal_tile(
            "promises",
            translate("Dashboard", "Promises"),
            str(kpis.promises),
            kpis.promises,
            kpis.goal_promises,
            translate("Dashboard", "Goal {goal} · {left} to go").format(
                goal=kpis.goal_promises, left=max(0, kpis.goal_promises - kpis.promises)
            ),
        ),
        _goal_tile(
            "promised",
            translate("Dashboard", "Promised"),
            format_money(kpis.promised_cents, currency, locale),
            kpis.promised_cents,
            kpis.goal_amount_cents,
            translate("Dashboard", "Goal {goal}").format(
                goal=format_money(kpis.goal_amount_cents, currency, locale)
            ),
        ),
        Tile(
            "kept_rate",
            translate("Dashboard", "Promises kept"),
            _pct(kpis.kept_rate_pct, locale),
            translate("Dashboard", "last 8 weeks"),
        ),
    ]
