"""The agent's personal dashboard: today's figures against the goal, and two small charts.

A row of tiles (contacts, right-party contacts, promises and promised amount with progress to
the goal, promises kept) above two charts (contacts per hour today, promises kept per week).
It binds one `KpiModel` and only shows what it says; "offline" keeps the last figures on screen
with the time they are from. It must never fetch anything itself, never block while the model
waits for the hub, and never draw its own chart widget (desktop/common/charts.py does).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton, format_time
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.dashboard_model import KpiModel, Tile, tiles
from desktop.agent.top_bar import _restyle
from desktop.common.charts import Chart, Series
from desktop.common.i18n import translate
from desktop.common.theme import notifier, paint_colours, restyle_charts
from desktop.common.widgets import named
from sync.protocol import KpiSet

TILE_KEYS = ("contacts", "right_party", "kept_rate", "promises", "promised")
# (row, column, span) on a six-column grid: three counts above, the two goals wider below.
TILE_PLACES = {
    "contacts": (0, 0, 2),
    "right_party": (0, 2, 2),
    "kept_rate": (0, 4, 2),
    "promises": (1, 0, 3),
    "promised": (1, 3, 3),
}


def hour_label(at: dt.datetime, locale: str) -> str:
    return str(format_skeleton("h", at.astimezone(), locale=locale))


def week_label(at: dt.datetime, locale: str) -> str:
    return str(format_skeleton("MMMd", at.astimezone().date(), locale=locale))


class KpiTile(QFrame):
    """One figure: caption, big value, goal text and a thin progress bar when there is a goal."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.setProperty("kpi", key)
        self.caption = named(QLabel(), "kpiCaption")
        self.value = named(QLabel("—"), "kpiValue")
        self.goal = named(QLabel(), "kpiGoal")
        for label in (self.caption, self.value, self.goal):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.goal.setWordWrap(True)
        self.progress = named(QProgressBar(), "kpiProgress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        for widget in (self.caption, self.value, self.goal, self.progress):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_tile(self, tile: Tile) -> None:
        self.caption.setText(tile.caption)
        self.value.setText(tile.value)
        self.goal.setText(tile.goal)
        self.goal.setVisible(bool(tile.goal))
        self.progress.setVisible(tile.progress is not None)
        self.progress.setValue(round(1000 * (tile.progress or 0.0)))
        self.progress.setAccessibleName(tile.caption)
        _restyle(self.goal, "met", "yes" if tile.met else "no")
        self.setAccessibleName(tile.caption)
        self.setAccessibleDescription(f"{tile.value}. {tile.goal}".strip(". "))


class Dashboard(QFrame):
    def __init__(self, model: KpiModel, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.setAccessibleName(translate("Dashboard", "My day"))
        self.model = model
        self.agent_locale = locale

        self.title = named(QLabel(translate("Dashboard", "My day")), "title")
        self.status = named(QLabel(), "dashboardStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(translate("Dashboard", "Dashboard status"))
        self.refresh_button = named(QPushButton(translate("Dashboard", "Refresh")), "refreshKpis")
        self.refresh_button.setAccessibleName(translate("Dashboard", "Refresh my figures"))
        self.refresh_button.clicked.connect(model.refresh)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.status)
        header.addStretch(1)
        header.addWidget(self.refresh_button)

        self.tiles = {key: KpiTile(key) for key in TILE_KEYS}
        grid = QGridLayout()
        grid.setSpacing(8)
        for key, (row, column, span) in TILE_PLACES.items():
            grid.addWidget(self.tiles[key], row, column, 1, span)

        self.contacts_chart = Chart(
            translate("Dashboard", "Contacts per hour today"),
            object_name="contactsChart",
            accessible_name=translate("Dashboard", "Contacts per hour today"),
        )
        self.kept_chart = Chart(
            translate("Dashboard", "Promises kept per week"),
            object_name="keptChart",
            accessible_name=translate("Dashboard", "Promises kept per week"),
            unit="%",
        )
        charts = QHBoxLayout()
        charts.setSpacing(8)
        charts.addWidget(self.contacts_chart, 3)
        charts.addWidget(self.kept_chart, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addLayout(grid)
        layout.addLayout(charts, 1)

        model.changed.connect(self.show_kpis)
        model.status_changed.connect(self.show_status)
        notifier().changed.connect(self._recolour)
        restyle_charts(self)
        self.show_status(model.status)
        if model.kpis is not None:
            self.show_kpis(model.kpis)

    def show_kpis(self, kpis: KpiSet) -> None:
        for tile in tiles(kpis, self.agent_locale):
            self.tiles[tile.key].show_tile(tile)
        accent = paint_colours().accent
        contacts = Series(translate("Dashboard", "Contacts"), "bar", accent)
        self.contacts_chart.set_categories(
            [hour_label(p.at, self.agent_locale) for p in kpis.contacts_by_hour]
        )
        self.contacts_chart.set_series(contacts, [p.value for p in kpis.contacts_by_hour])
        kept = Series(translate("Dashboard", "Promises kept"), "line", accent)
        weeks = kpis.kept_rate_by_week
        # Every other week is labelled, ending on this one: eight dates do not fit side by side.
        self.kept_chart.set_categories(
            [
                week_label(p.at, self.agent_locale) if (len(weeks) - 1 - i) % 2 == 0 else ""
                for i, p in enumerate(weeks)
            ]
        )
        self.kept_chart.set_series(kept, [p.value for p in kpis.kept_rate_by_week])
        self.show_status(self.model.status)

    def show_status(self, status: str) -> None:
        when = self.model.fetched_at
        since = (
            format_time(when.astimezone(), format="short", locale=self.agent_locale) if when else ""
        )
        if status == "offline":
            text = (
                translate("Dashboard", "Offline · figures from {time}").format(time=since)
                if since
                else translate("Dashboard", "Offline · no figures yet")
            )
        elif status == "fresh":
            text = translate("Dashboard", "Updated {time}").format(time=since)
        elif status == "loading":
            text = translate("Dashboard", "Loading…")
        else:
            text = translate("Dashboard", "Waiting for the hub…")
        self.status.setText(text)
        _restyle(self.status, "state", status)

    def _recolour(self, _look: str) -> None:
        # Series colours live in the chart items, which a palette never reaches.
        restyle_charts(self)
        if self.model.kpis is not None:
            self.show_kpis(self.model.kpis)
