"""The KPI dashboard: figure tiles and pyqtgraph charts of the floor's day.

Shows a ``FloorFigures`` (see ``kpis``): contacts per hour, right-party and promise rates,
promised amount against goal, kept rate, occupancy, average handle and wrap-up time, and the
dialer's abandonment rate against its legal limit. ``show_figures`` only sets label texts and
chart data (unchanged data is dropped by the charts), so calling it on every board delta is
cheap. It must never fetch anything itself nor format money without the locale.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.common.charts import GOOD, WARN, Chart, Series
from desktop.common.formatting import format_money
from desktop.common.theme import restyle, restyle_charts

from .i18n import duration_text, tr
from .kpis import FloorFigures

CONTACTS = Series("contacts", "bar")
KEPT = Series("kept", "line", colour=GOOD)
PROMISED = Series("promised", "bar", colour=GOOD)
ABANDON = Series("abandon", "bar", colour=WARN)


def pct_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %"


class Tile(QFrame):
    """One figure with its caption; the accessible name carries both."""

    def __init__(self, key: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"kpi_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("kpiCaption")
        self.value = QLabel("—", self)
        self.value.setObjectName("kpiValue")
        for label in (self.caption, self.value):
            label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        self.setAccessibleName(caption)

    def set_value(self, text: str, alarm: bool = False) -> None:
        if text != self.value.text():
            self.value.setText(text)
            self.setAccessibleDescription(text)
        # The theme's stylesheet colours an alarm (#kpiValue[alarm="yes"]) for each look.
        if self.value.property("alarm") != ("yes" if alarm else "no"):
            restyle(self.value, "alarm", "yes" if alarm else "no")


class KpiBoard(QWidget):
    def __init__(self, locale: str = "es_MX", currency: str = "MXN", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kpiBoard")
        self.setAccessibleName(tr("Floor figures for today"))
        self._locale, self._currency = locale, currency
        captions = {
            "contacts": tr("Contacts"),
            "rpc": tr("Right-party rate"),
            "promise_rate": tr("Promise rate"),
            "promised": tr("Promised"),
            "kept": tr("Kept rate"),
            "occupancy": tr("Occupancy"),
            "aht": tr("Average handle time"),
            "wrapup": tr("Average wrap-up"),
            "abandon": tr("Abandonment"),
        }
        self.tiles = {key: Tile(key, caption, self) for key, caption in captions.items()}
        self.by_hour = Chart(
            tr("Contacts per hour"),
            object_name="chartContactsByHour",
            accessible_name=tr("Contacts per hour"),
            parent=self,
        )
        self.amount = Chart(
            tr("Promised against goal"),
            object_name="chartPromised",
            accessible_name=tr("Promised against goal"),
            parent=self,
        )
        self.kept = Chart(
            tr("Kept rate by week"),
            object_name="chartKeptRate",
            accessible_name=tr("Kept rate by week"),
            unit=" %",
            parent=self,
        )
        self.abandon = Chart(
            tr("Abandonment against the legal limit"),
            object_name="chartAbandon",
            accessible_name=tr("Abandonment against the legal limit"),
            unit=" %",
            parent=self,
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        for i, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0 if i < 5 else 1, i % 5)
        grid.addWidget(self.by_hour, 2, 0, 1, 2)
        grid.addWidget(self.amount, 2, 2, 1, 1)
        grid.addWidget(self.kept, 2, 3, 1, 1)
        grid.addWidget(self.abandon, 2, 4, 1, 1)
        grid.setRowStretch(2, 1)
        restyle_charts(self)  # the charts paint themselves: give them the current theme

    def money(self, cents: int) -> str:
        return format_money(cents, self._currency, self._locale)

    def show_figures(self, f: FloorFigures) -> None:
        tiles = self.tiles
        tiles["contacts"].set_value(str(f.contacts))
        tiles["rpc"].set_value(pct_text(f.right_party_rate_pct))
        tiles["promise_rate"].set_value(pct_text(f.promise_rate_pct))
        if f.goal_amount_cents:
            promised = tr("{amount} of {goal}").format(
                amount=self.money(f.promised_cents), goal=self.money(f.goal_amount_cents)
            )
        else:
            promised = self.money(f.promised_cents)
        tiles["promised"].set_value(promised)
        tiles["kept"].set_value(pct_text(f.kept_rate_pct))
        tiles["occupancy"].set_value(pct_text(f.occupancy_pct))
        tiles["aht"].set_value(duration_text(f.avg_handle_s) or "—")
        tiles["wrapup"].set_value(duration_text(f.avg_wrapup_s) or "—")
        over = f.abandon_rate_pct is not None and f.abandon_rate_pct > f.abandon_limit_pct
        tiles["abandon"].set_value(
            tr("{rate} (limit {limit})").format(
                rate=pct_text(f.abandon_rate_pct), limit=pct_text(f.abandon_limit_pct)
            ),
            alarm=over,
        )

        self.by_hour.set_categories(f.hours)
        self.by_hour.set_series(CONTACTS, f.contacts_by_hour)
        self.kept.set_categories(f.weeks)
        self.kept.set_series(KEPT, f.kept_by_week)
        # Whole pesos on the axis: cents would only add zeros.
        self.amount.set_categories([tr("Today")])
        self.amount.set_series(PROMISED, [f.promised_cents / 100])
        self.amount.set_goal(f.goal_amount_cents / 100 or None, tr("goal"))
        self.abandon.set_categories([tr("Today")])
        self.abandon.set_series(ABANDON, [f.abandon_rate_pct or 0.0])
        self.abandon.set_goal(f.abandon_limit_pct, tr("legal limit"))
