"""A small live chart (pyqtgraph): bar or line series on labelled categories, plus a goal line.

The supervisor's KPI dashboard and the agent's own dashboard both use it. Callers hand it
plain numbers and already-translated labels; it owns only drawing. Updates replace the data
of items that already exist (no item is rebuilt, nothing is re-laid-out) and an update that
changes nothing is dropped, so feeding it every few seconds never stalls the GUI thread.

It must never fetch data, format money or dates itself, or accept pointer input that would
zoom or pan the chart away from the figures (a dashboard is read, not explored), and it must
never be the only way a figure is conveyed: `summary()` gives screen readers the numbers.
Colours come from the theme (`desktop.common.theme`): a series names a role ("accent", "good",
"warn", "bad") and the chart re-colours itself, background and axes included, when the look
changes; a series given a "#rrggbb" colour keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.common.theme import STATUS, notifier, paint_colours, style_plot

SeriesKind = Literal["bar", "line"]

# Colour roles a series may name; the theme gives each look's colour (3:1 or better on the
# chart background, WCAG 1.4.11 for graphics).
ACCENT = "accent"
GOOD = "good"
WARN = "warn"
BAD = "bad"

_BAR_WIDTH = 0.6


@dataclass(frozen=True, slots=True)
class Series:
    """One named series: values on the chart's categories, drawn as bars or a line."""

    name: str
    kind: SeriesKind
    colour: str = ACCENT


class CompactAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph ships no types
    """Tick labels short enough for a small chart: 385000 reads "385k", 2500000 "2.5M"."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        texts = []
        for value in values:
            size = abs(value * scale)
            if size >= 1_000_000:
                texts.append(f"{value * scale / 1_000_000:g}M")
            elif size >= 1_000:
                texts.append(f"{value * scale / 1_000:g}k")
            else:
                texts.append(f"{value * scale:g}")
        return texts


class Chart(QWidget):
    """A titled chart of categorical series and an optional goal (or limit) line."""

    def __init__(
        self,
        title: str,
        *,
        object_name: str,
        accessible_name: str,
        unit: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self._unit = unit
        self._labels: tuple[str, ...] = ()
        self._values: dict[str, tuple[float, ...]] = {}
        self._items: dict[str, pg.BarGraphItem | pg.PlotDataItem] = {}
        self._series: dict[str, Series] = {}
        self._goal: float | None = None
        self._goal_label = ""
        self._redraws = 0

        self._title = QLabel(title, self)
        self._title.setObjectName("chartTitle")
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        left = CompactAxis("left")
        left.enableAutoSIPrefix(False)
        colours = paint_colours()
        self._plot = pg.PlotWidget(
            parent=self, background=colours.background, axisItems={"left": left}
        )
        self._plot.setObjectName(f"{object_name}Plot")
        self._plot.setAccessibleName(accessible_name)
        self._plot.setMinimumHeight(120)
        item = self._plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=False, y=True, alpha=0.25)
        style_plot(self._plot, colours)
        self._goal_line = pg.InfiniteLine(angle=0, movable=False, pen=_goal_pen())
        self._goal_line.setVisible(False)
        item.addItem(self._goal_line, ignoreBounds=True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self._title)
        layout.addWidget(self._plot, 1)
        notifier().changed.connect(self._restyle)

    # --- feeding --------------------------------------------------------------------------

    def set_title(self, title: str) -> None:
        self._title.setText(title)

    def set_series(self, series: Series, values: Sequence[float]) -> None:
        """Show `values` (one per category) for `series`; creates the item on first use."""
        data = tuple(float(v) for v in values)
        if self._series.get(series.name) == series and self._values.get(series.name) == data:
            return
        item = self._items.get(series.name)
        if item is None or self._series.get(series.name) != series:
            if item is not None:
                self._plot.removeItem(item)
            item = self._make_item(series)
            self._items[series.name] = item
            self._plot.addItem(item)
        self._series[series.name] = series
        self._values[series.name] = data
        self._apply(series.name)

    def set_categories(self, labels: Sequence[str]) -> None:
        """Label the x axis; thins the labels out when there are too many to read."""
        labels = tuple(labels)
        if labels == self._labels:
            return
        self._labels = labels
        step = max(1, len(labels) // 12)
        ticks = [(i, text) for i, text in enumerate(labels) if i % step == 0]
        self._plot.getPlotItem().getAxis("bottom").setTicks([ticks])
        for name in self._items:
            self._apply(name)

    def set_goal(self, value: float | None, label: str = "") -> None:
        """Draw a dashed line at `value` (a goal or a legal limit); None hides it."""
        if value == self._goal and label == self._goal_label:
            return
        self._goal, self._goal_label = value, label
        self._goal_line.setVisible(value is not None)
        if value is not None:
            self._goal_line.setValue(value)
        # The goal must stay on screen even when every value is far below it.
        self._plot.getPlotItem().setYRange(0, self._y_top(), padding=0.05)
        self._redraws += 1

    # --- reading --------------------------------------------------------------------------

    def values(self, name: str) -> tuple[float, ...]:
        return self._values.get(name, ())

    def goal(self) -> float | None:
        return self._goal

    def redraws(self) -> int:
        """How many updates actually changed the picture (unchanged data is dropped)."""
        return self._redraws

    def summary(self) -> str:
        """The chart's figures as one line of text, also set as its accessible description."""
        parts = []
        for name, values in self._values.items():
            shown = ", ".join(
                f"{label} {value:g}{self._unit}"
                for label, value in zip(self._category_labels(len(values)), values, strict=True)
            )
            parts.append(f"{name}: {shown}" if shown else name)
        if self._goal is not None:
            parts.append(f"{self._goal_label or 'goal'} {self._goal:g}{self._unit}")
        return "; ".join(parts)

    # --- internals ------------------------------------------------------------------------

    def _restyle(self, _look: str = "") -> None:
        """The current look on the background, the axes, the goal line and every series."""
        style_plot(self._plot)
        self._goal_line.setPen(_goal_pen())
        for name, item in self._items.items():
            colour = QColor(colour_of(self._series[name].colour))
            if isinstance(item, pg.BarGraphItem):
                item.setOpts(brush=colour, pen=colour)
            else:
                item.setPen(pg.mkPen(colour, width=2))
                item.setSymbolBrush(colour)
                item.setSymbolPen(colour)

    def _make_item(self, series: Series) -> pg.BarGraphItem | pg.PlotDataItem:
        colour = QColor(colour_of(series.colour))
        if series.kind == "bar":
            return pg.BarGraphItem(x=[], height=[], width=_BAR_WIDTH, brush=colour, pen=colour)
        return pg.PlotDataItem(
            [],
            [],
            pen=pg.mkPen(colour, width=2),
            symbol="o",
            symbolSize=5,
            symbolBrush=colour,
            symbolPen=colour,
        )

    def _apply(self, name: str) -> None:
        item, values = self._items[name], self._values[name]
        xs = list(range(len(values)))
        if isinstance(item, pg.BarGraphItem):
            item.setOpts(x=xs, height=list(values), width=_BAR_WIDTH)
        else:
            item.setData(xs, list(values))
        plot = self._plot.getPlotItem()
        plot.setXRange(-0.5, max(len(values), len(self._labels), 1) - 0.5, padding=0)
        plot.setYRange(0, self._y_top(), padding=0.05)
        self.setAccessibleDescription(self.summary())
        self._redraws += 1

    def _y_top(self) -> float:
        top = max((max(v) for v in self._values.values() if v), default=0.0)
        if self._goal is not None:
            top = max(top, self._goal)
        return top if top > 0 else 1.0

    def _category_labels(self, count: int) -> list[str]:
        return [self._labels[i] if i < len(self._labels) else str(i) for i in range(count)]


def colour_of(colour: str) -> str:
    """A role's colour in the current look; an explicit "#rrggbb" passes through."""
    if colour.startswith("#"):
        return colour
    if colour == ACCENT:
        return paint_colours().accent
    return STATUS[notifier().look][colour]


def _goal_pen() -> QPen:
    pen: QPen = pg.mkPen(colour_of(BAD), width=2, style=Qt.PenStyle.DashLine)
    return pen
