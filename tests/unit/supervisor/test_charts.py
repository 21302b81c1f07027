"""The shared chart: bars, lines and a goal line; no-op updates dropped; figures as text."""

from __future__ import annotations

import pyqtgraph as pg
from pytestqt.qtbot import QtBot

from desktop.common.charts import Chart, Series

CONTACTS = Series("contacts", "bar")
KEPT = Series("kept", "line", colour="#2e7d4f")


def make_chart(qtbot: QtBot) -> Chart:
    chart = Chart("Contacts per hour", object_name="testChart", accessible_name="Contacts per hour")
    qtbot.addWidget(chart)
    chart.resize(320, 200)
    chart.show()
    return chart


def test_bars_and_goal_are_drawn_and_summarised(qtbot: QtBot) -> None:
    chart = make_chart(qtbot)
    chart.set_categories(["08", "09", "10"])
    chart.set_series(CONTACTS, [4, 9, 6])
    chart.set_goal(8, "goal")

    assert chart.values("contacts") == (4.0, 9.0, 6.0)
    assert chart.goal() == 8.0
    assert chart.summary() == "contacts: 08 4, 09 9, 10 6; goal 8"
    assert chart.accessibleDescription().startswith("contacts: 08 4")
    bars = [i for i in chart._plot.getPlotItem().items if isinstance(i, pg.BarGraphItem)]
    assert len(bars) == 1
    assert list(bars[0].opts["height"]) == [4.0, 9.0, 6.0]
    # The goal is above every bar yet stays in view.
    low, high = chart._plot.getPlotItem().viewRange()[1]
    assert low <= 0 and high >= 9


def test_unchanged_data_does_not_redraw(qtbot: QtBot) -> None:
    chart = make_chart(qtbot)
    chart.set_series(KEPT, [80.0, 82.5])
    before = chart.redraws()
    chart.set_series(KEPT, [80, 82.5])
    chart.set_goal(None)
    assert chart.redraws() == before
    chart.set_series(KEPT, [80, 83])
    assert chart.redraws() == before + 1
    lines = [i for i in chart._plot.getPlotItem().items if isinstance(i, pg.PlotDataItem)]
    assert len(lines) == 1
    assert list(lines[0].yData) == [80.0, 83.0]


def test_line_and_bars_share_one_chart_and_the_goal_can_hide(qtbot: QtBot) -> None:
    chart = make_chart(qtbot)
    chart.set_series(CONTACTS, [1, 2])
    chart.set_series(KEPT, [3, 4])
    chart.set_goal(10, "limit")
    assert "limit 10" in chart.summary()
    chart.set_goal(None)
    assert chart.goal() is None
    assert "limit" not in chart.summary()
    assert not chart._goal_line.isVisible()
