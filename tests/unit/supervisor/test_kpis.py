"""Floor figures: the hub's KpiSet merged with the live board, shown as tiles and charts."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from desktop.supervisor.kpi_board import KpiBoard
from desktop.supervisor.kpis import figures
from sync.protocol import KpiPoint, KpiSet

from .conftest import NOW, entry


def kpi_set(**overrides: object) -> KpiSet:
    fields: dict[str, object] = {
        "scope": "floor",
        "since": NOW.replace(hour=0),
        "contacts": 120,
        "right_party_contacts": 60,
        "promises": 15,
        "promised_cents": 4_500_000,
        "goal_promises": 40,
        "goal_amount_cents": 12_000_000,
        "kept_rate_pct": 71.5,
        "occupancy_pct": 64.0,
        "avg_handle_s": 245.0,
        "avg_wrapup_s": 38.0,
        "abandon_rate_pct": 3.4,
        "abandon_limit_pct": 3.0,
        "contacts_by_hour": [
            KpiPoint(at=NOW.replace(hour=h), value=float(v))
            for h, v in ((9, 20), (10, 35), (11, 41), (12, 24))
        ],
        "kept_rate_by_week": [
            KpiPoint(at=NOW - dt.timedelta(weeks=w), value=70.0 + w) for w in range(8, 0, -1)
        ],
    }
    fields.update(overrides)
    return KpiSet(**fields)  # type: ignore[arg-type]


def test_figures_merge_the_hub_with_the_live_board() -> None:
    board = [
        entry("a", "on_call", contacts_today=70, promises_today=9),
        entry("b", "wrap_up", contacts_today=60, promises_today=8),
        entry("c", "ready"),
        entry("d", "not_ready", help_message="ayuda"),
        entry("e", "logged_out"),
    ]
    live = figures(None, board)
    assert (live.contacts, live.promises, live.working_now, live.help_now) == (130, 17, 3, 1)
    assert live.occupancy_pct is not None and round(live.occupancy_pct, 1) == 66.7
    merged = figures(kpi_set(), board, dt.UTC)
    # The board counted more than the last poll: the larger, fresher number wins.
    assert (merged.contacts, merged.promises) == (130, 17)
    assert merged.right_party_rate_pct is not None and round(merged.right_party_rate_pct) == 46
    assert merged.promise_rate_pct is not None and round(merged.promise_rate_pct, 1) == 28.3
    assert merged.hours == ["09", "10", "11", "12"]
    assert len(merged.weeks) == 8 and merged.kept_by_week[-1] == 71.0


def test_the_board_shows_tiles_charts_and_an_abandonment_alarm(qtbot: QtBot) -> None:
    board = KpiBoard("es_MX")
    qtbot.addWidget(board)
    board.show()
    board.show_figures(figures(kpi_set(), [entry("a", "on_call")], dt.UTC))
    tiles = board.tiles
    assert tiles["contacts"].value.text() == "120"
    assert tiles["rpc"].value.text() == "50.0 %"
    assert tiles["promised"].value.text() == "$45,000.00 of $120,000.00"
    assert tiles["aht"].value.text() == "04:05"
    assert tiles["abandon"].value.text() == "3.4 % (limit 3.0 %)"
    # Over the legal limit: the theme's alarm ink (#kpiValue[alarm="yes"]), red in each look.
    assert tiles["abandon"].value.property("alarm") == "yes"
    assert board.by_hour.values("contacts") == (20.0, 35.0, 41.0, 24.0)
    assert board.amount.goal() == 120_000.0
    assert board.abandon.goal() == 3.0
    assert "09 20" in board.by_hour.accessibleDescription()
    redraws = board.by_hour.redraws()
    board.show_figures(figures(kpi_set(), [entry("a", "on_call")], dt.UTC))
    assert board.by_hour.redraws() == redraws  # same figures: nothing redrawn
