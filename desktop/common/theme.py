"""The desk's look: light, dark or whatever the system uses, applied at start and switched live.

A theme is a Qt palette (so every widget, even one no style rule names, gets readable colours),
the bundled stylesheet (light.qss always; dark.qss is layered on top and only re-colours) and
the colours of pyqtgraph charts, which paint themselves and ignore both. Switching re-applies all
three to the running application and tells listeners through `notifier().changed`. "system"
follows the platform's colour scheme, also live. This module must never read or write settings
(callers pass the agent's choice) and never decide anything but colours.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget

from desktop.common.resources import load_theme

log = logging.getLogger("acuerdo.desktop")

Look = Literal["light", "dark"]
THEME_CHOICES: tuple[str, ...] = ("light", "dark", "system")


@dataclass(frozen=True, slots=True)
class PaintColours:
    """Colours for views that paint themselves (charts): background, ink, grid, data."""

    background: str
    ink: str
    grid: str
    accent: str  # a data series; 3:1 or better against the background


PAINT: dict[Look, PaintColours] = {
    "light": PaintColours(background="#ffffff", ink="#3e4c59", grid="#c5ced8", accent="#2f5f98"),
    "dark": PaintColours(background="#18202b", ink="#c2cfdd", grid="#3a4a5e", accent="#6aa5ec"),
}

# Status inks for text on the window and list backgrounds (outbox states, KPI alarms, script
# problems, chart series): AA (4.5:1) on Window, Base and AlternateBase in their look.
STATUS: dict[Look, dict[str, str]] = {
    "light": {
        "good": "#2e7d4f",
        "warn": "#8a6d1f",
        "bad": "#b3261e",
        "info": "#2f5f98",
        "muted": "#5b6673",
    },
    "dark": {
        "good": "#6fcf97",
        "warn": "#e3b65c",
        "bad": "#ff8f85",
        "info": "#8cbcf5",
        "muted": "#9aa7b6",
    },
}
# Row tints that flag a table row (the supervisor's floor); the palette's Text stays AA on them.
# Dark tints are deep, not pale: a pale row under the dark look's light text was unreadable.
ROW_TINTS: dict[Look, dict[str, str]] = {
    "light": {"alert": "#fde2e1", "caution": "#fdebd3", "notice": "#fff4d6"},
    "dark": {"alert": "#5a2326", "caution": "#553a17", "notice": "#4a4216"},
}

# Role -> (light, dark). Text pairs keep WCAG AA contrast (4.5:1) on their backgrounds;
# tests/integration/workspace/test_themes_hidpi.py measures them.
_PALETTE: dict[QPalette.ColorRole, tuple[str, str]] = {
    QPalette.ColorRole.Window: ("#f4f6f8", "#11161d"),
    QPalette.ColorRole.WindowText: ("#1f2933", "#e3e9f0"),
    QPalette.ColorRole.Base: ("#ffffff", "#141b24"),
    QPalette.ColorRole.AlternateBase: ("#f7f9fb", "#19212c"),
    QPalette.ColorRole.Text: ("#1f2933", "#e3e9f0"),
    QPalette.ColorRole.Button: ("#ffffff", "#223041"),
    QPalette.ColorRole.ButtonText: ("#1f2933", "#e3e9f0"),
    QPalette.ColorRole.Highlight: ("#2f5f98", "#2f6bb3"),
    QPalette.ColorRole.HighlightedText: ("#ffffff", "#ffffff"),
    QPalette.ColorRole.ToolTipBase: ("#1f2933", "#2b3747"),
    QPalette.ColorRole.ToolTipText: ("#ffffff", "#f0f4f8"),
    QPalette.ColorRole.PlaceholderText: ("#6b7785", "#8b98a8"),
    QPalette.ColorRole.Link: ("#2f5f98", "#8cbcf5"),
    QPalette.ColorRole.BrightText: ("#ffffff", "#ffffff"),
    QPalette.ColorRole.Light: ("#ffffff", "#34465c"),
    QPalette.ColorRole.Midlight: ("#eef2f6", "#2b3b50"),
    QPalette.ColorRole.Mid: ("#c5ced8", "#3a4a5e"),
    QPalette.ColorRole.Dark: ("#9aa5b1", "#0b1017"),
    QPalette.ColorRole.Shadow: ("#6b7785", "#000000"),
}
_DISABLED_TEXT: dict[Look, str] = {"light": "#8a96a3", "dark": "#6f7f91"}


def palette(look: Look) -> QPalette:
    """The full palette of `look`, disabled text included."""
    index = 0 if look == "light" else 1
    result = QPalette()
    for role, colours in _PALETTE.items():
        result.setColor(role, QColor(colours[index]))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED_TEXT[look]))
    return result


def stylesheet(look: Look) -> str:
    """light.qss, plus dark.qss's re-colouring for the dark look (same selectors win later)."""
    text = load_theme("light")
    return text + "\n" + load_theme("dark") if look == "dark" else text


def system_look() -> Look:
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def resolve(choice: str) -> Look:
    """The look a setting value means; unknown values fall back to light (a readable default)."""
    if choice == "system":
        return system_look()
    return "dark" if choice == "dark" else "light"


class ThemeNotifier(QObject):
    changed = Signal(str)  # the look now shown: "light" | "dark"

    def __init__(self) -> None:
        super().__init__()
        self.choice = "light"
        self.look: Look = "light"
        self._following = False
        self.fusion = False

    def follow_system(self, on: bool) -> None:
        if on == self._following:
            return
        hints = QGuiApplication.styleHints()
        if on:
            hints.colorSchemeChanged.connect(self._system_changed)
        else:
            hints.colorSchemeChanged.disconnect(self._system_changed)
        self._following = on

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication) and self.choice == "system":
            apply_theme(app, "system")


_notifier: ThemeNotifier | None = None


def notifier() -> ThemeNotifier:
    global _notifier
    if _notifier is None:
        _notifier = ThemeNotifier()
    return _notifier


def current_look() -> Look:
    return notifier().look


def paint_colours() -> PaintColours:
    return PAINT[current_look()]


def status_colour(name: str) -> str:
    """The current look's ink for a status ("good", "warn", "bad", "info", "muted")."""
    return STATUS[current_look()][name]


def row_tint(name: str) -> str:
    """The current look's background for a flagged row ("alert", "caution", "notice")."""
    return ROW_TINTS[current_look()][name]


def restyle(widget: QWidget, name: str, value: str) -> None:
    """Set a dynamic property the stylesheets colour by; Qt needs a re-polish to see it."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def apply_theme(app: QApplication, choice: str) -> Look:
    """Show `choice` ("light", "dark" or "system") on every window now; returns the look."""
    look = resolve(choice)
    state = notifier()
    # Fusion honours the palette on every platform (the native Windows and macOS styles do not).
    # Asked once: under a stylesheet app.style() names the stylesheet style, not Fusion, and
    # setting a style again re-polishes every widget for nothing.
    if not state.fusion:
        app.setStyle("Fusion")
        state.fusion = True
    app.setPalette(palette(look))
    app.setStyleSheet(stylesheet(look))
    state.choice, state.look = choice, look
    state.follow_system(choice == "system")
    for top in app.topLevelWidgets():
        restyle_charts(top)
    state.changed.emit(look)
    log.info("theme %s (%s)", look, choice)
    return look


def restyle_charts(root: QWidget) -> None:
    """Give every pyqtgraph plot under `root` the current look (they ignore palettes and QSS)."""
    if "pyqtgraph" not in sys.modules:
        return  # no chart was ever built; importing pyqtgraph here would only slow the start
    import pyqtgraph as pg

    colours = paint_colours()
    for plot in root.findChildren(pg.PlotWidget):
        style_plot(plot, colours)


def style_plot(plot: QWidget, colours: PaintColours | None = None) -> None:
    """Background, axes and tick text of one pyqtgraph PlotWidget."""
    import pyqtgraph as pg

    assert isinstance(plot, pg.PlotWidget)
    colours = colours or paint_colours()
    plot.setBackground(colours.background)
    item = plot.getPlotItem()
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen(colours.grid))
        axis.setTextPen(pg.mkPen(colours.ink))


def preview_in_dialog(dialog: QDialog, app: QApplication) -> None:
    """Switch the look as the agent picks a theme in the settings dialog; Cancel restores it.

    The dialog names its editors `setting_<key>`; a locked theme (IT policy) is not touched.
    """
    combo = dialog.findChild(QComboBox, "setting_theme")
    if combo is None or not combo.isEnabled():
        return
    before = notifier().choice
    combo.currentTextChanged.connect(lambda choice: apply_theme(app, choice))
    dialog.rejected.connect(lambda: apply_theme(app, before))
