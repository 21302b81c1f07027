"""Look-and-feel figures: a live theme switch of the whole agent workspace, a dashboard update.

The production workspace runs offscreen against a real hub (tests.integration.workspace.
screenshots.running_desk) with the dashboard tab showing. "Theme switch" is the GUI-thread time
of `apply_theme` (palette, stylesheet re-polish of every widget, charts re-coloured) plus the
repaint it causes, light to dark and back. "Dashboard update" is the time to show a new day's
figures (tiles and both charts) and repaint; the model's fetch is asynchronous and not in it.
Medians and p95 beside each goal; none is a pass/fail test.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import time
from collections.abc import Iterator

from tests.bench import Figure, median, percentile

BENCH = "look"
SWITCHES = 10
UPDATES = 60


def _kpis(i: int) -> object:
    from sync.protocol import KpiPoint, KpiSet

    now = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    return KpiSet(
        scope="agent",
        since=now.replace(hour=0),
        contacts=30 + i,
        right_party_contacts=18 + i // 2,
        promises=5 + i % 7,
        promised_cents=4_000_000 + 1_000 * i,
        goal_promises=12,
        goal_amount_cents=8_000_000,
        kept_rate_pct=60 + i % 30,
        occupancy_pct=None,
        avg_handle_s=None,
        avg_wrapup_s=None,
        abandon_rate_pct=None,
        contacts_by_hour=[
            KpiPoint(at=now - dt.timedelta(hours=h), value=(h * 7 + i) % 9) for h in range(10)
        ],
        kept_rate_by_week=[
            KpiPoint(at=now - dt.timedelta(weeks=w), value=50 + (w * 5 + i) % 40) for w in range(8)
        ],
    )


async def _measure() -> dict[str, list[float]]:
    from PySide6.QtWidgets import QApplication

    from desktop.common.theme import apply_theme
    from tests.integration.workspace.screenshots import running_desk

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    found: dict[str, list[float]] = {"switch": [], "update": []}
    async with running_desk("es_MX") as scene:
        ws = scene.workspace
        ws.left_tabs.setCurrentWidget(ws.dashboard)
        for i in range(SWITCHES * 2):
            start = time.perf_counter()
            apply_theme(app, "dark" if i % 2 == 0 else "light")
            ws.repaint()
            found["switch"].append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(0)
        for i in range(UPDATES):
            kpis = _kpis(i)
            start = time.perf_counter()
            ws.dashboard.show_kpis(kpis)  # type: ignore[arg-type]
            ws.dashboard.repaint()
            found["update"].append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(0)
    return found


def run() -> Iterator[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.common.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    found = asyncio.run(_measure())
    for name, samples, goal in (
        ("theme_switch_ms", found["switch"], 250.0),
        ("dashboard_update_ms", found["update"], 16.0),
    ):
        yield Figure(BENCH, f"{name}_p50", median(samples), "ms", goal, "lower")
        yield Figure(BENCH, f"{name}_p95", percentile(samples, 95), "ms", goal, "lower")
