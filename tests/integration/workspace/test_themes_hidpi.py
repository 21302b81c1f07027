"""Light and dark themes and HiDPI: readable colours, live switching, nothing clipped at 2x.

Contrast is measured on the shipped stylesheets and palettes (WCAG AA, 4.5:1 for text). The
live switch repaints the real workspace against the real hub and reads back pixels. HiDPI runs
the real workspace in a child process at QT_SCALE_FACTOR 2 and 1.5 on a screen whose logical
size is a 1366x768 laptop's, and asserts every label and button in the states an agent works
in is as big as its text needs, the window fits that screen, and icons paint at device pixels.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.common import theme
from desktop.common.resources import load_theme
from desktop.settings import load_settings
from desktop.settings.dialog import SettingsDialog
from tests.integration.workspace.conftest import Desk

ROOT = Path(__file__).resolve().parents[3]
AA = 4.5
SURFACES = {"light": ("#f4f6f8", "#ffffff"), "dark": ("#11161d", "#18202b")}
TOP_BAR = {"light": "#1f3a5f", "dark": "#0b1420"}


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rules(qss: str) -> dict[str, dict[str, str]]:
    """selector -> merged declarations, later rules winning, as Qt applies equal selectors."""
    merged: dict[str, dict[str, str]] = {}
    text = re.sub(r"/\*.*?\*/", "", qss, flags=re.S)
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", text):
        found = dict(re.findall(r"([a-z-]+)\s*:\s*(#[0-9a-fA-F]{6})\b", body))
        for selector in selectors.split(","):
            merged.setdefault(selector.strip(), {}).update(found)
    return merged


@pytest.mark.parametrize("look", ["light", "dark"])
def test_every_styled_text_reaches_aa_contrast(look: theme.Look) -> None:
    styled = rules(theme.stylesheet(look))
    failures = []
    for selector, props in styled.items():
        if "color" not in props or ":disabled" in selector or "::" in selector:
            continue  # disabled controls are exempt from WCAG contrast
        if "background" in props:
            grounds: tuple[str, ...] = (props["background"],)
        elif selector.startswith("#topBar"):
            grounds = (TOP_BAR[look],)
        else:
            grounds = SURFACES[look]
        worst = min(contrast(props["color"], ground) for ground in grounds)
        if worst < AA:
            failures.append(f"{selector}: {props['color']} at {worst:.2f}:1")
    assert not failures, failures
    assert len(styled) > 80  # the parse saw the whole sheet, not an empty one


@pytest.mark.parametrize("look", ["light", "dark"])
def test_palette_text_pairs_reach_aa_contrast(look: theme.Look) -> None:
    palette = theme.palette(look)
    role = QPalette.ColorRole
    for text, ground in (
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.Text, role.AlternateBase),
        (role.ButtonText, role.Button),
        (role.HighlightedText, role.Highlight),
        (role.ToolTipText, role.ToolTipBase),
        (role.PlaceholderText, role.Base),
    ):
        ratio = contrast(palette.color(text).name(), palette.color(ground).name())
        assert ratio >= AA, (look, text, ground, ratio)
    paint = theme.PAINT[look]
    assert contrast(paint.ink, paint.background) >= AA
    assert contrast(paint.accent, paint.background) >= 3.0  # graphics: WCAG 1.4.11


def test_dark_sheet_only_recolours_selectors_the_light_sheet_knows() -> None:
    light, dark = rules(load_theme("light")), rules(load_theme("dark"))
    # A dark-only selector would style a widget the light theme leaves to Qt's defaults.
    extra = {s for s in dark if s not in light} - {
        "QToolButton",
        "QComboBox QAbstractItemView",
        "QGraphicsView",
    }
    assert not extra, extra


@pytest.fixture
def app_look(qapp: QApplication) -> Iterator[QApplication]:
    """Put the application's look back as other tests expect it (no theme)."""
    sheet, palette, style = qapp.styleSheet(), qapp.palette(), qapp.style().name()
    yield qapp
    theme.notifier().follow_system(False)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setStyle(style)


def _corner(widget: QWidget) -> str:
    return widget.grab().toImage().pixelColor(2, 2).name()


@pytest.mark.sip
@pytest.mark.asyncio
async def test_switching_theme_repaints_the_running_workspace(
    desk: Desk, app_look: QApplication
) -> None:
    ws = desk.workspace
    body = ws.findChild(QWidget, "workspaceBody")
    assert body is not None
    plots = ws.dashboard.findChildren(pg.PlotWidget)
    assert len(plots) == 2
    assert theme.apply_theme(app_look, "light") == "light"
    assert _corner(body) == "#f4f6f8"
    assert theme.apply_theme(app_look, "dark") == "dark"
    assert _corner(body) == "#11161d"
    assert {p.backgroundBrush().color().name() for p in plots} == {"#18202b"}
    assert ws.dashboard.title.palette().color(QPalette.ColorRole.WindowText).lightness() > 200
    # Back to light without a restart: the same widgets, repainted.
    theme.apply_theme(app_look, "light")
    assert _corner(body) == "#f4f6f8"
    assert {p.backgroundBrush().color().name() for p in plots} == {"#ffffff"}


def test_system_choice_follows_the_platform_scheme(app_look: QApplication) -> None:
    # The offscreen platform reports no scheme ("unknown"), which must read as light.
    assert theme.apply_theme(app_look, "system") == "light"
    assert theme.notifier().choice == "system"
    assert theme.current_look() == "light"


def test_the_settings_dialog_switches_theme_live_and_cancel_restores_it(
    qtbot: QtBot, app_look: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACUERDO_POLICY", str(tmp_path / "no-policy.toml"))
    settings = load_settings(environ={}, user_file=tmp_path / "settings.toml")
    theme.apply_theme(app_look, settings.text("theme"))
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    theme.preview_in_dialog(dialog, app_look)
    combo = dialog.findChild(QComboBox, "setting_theme")
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())] == ["light", "dark", "system"]
    combo.setCurrentText("dark")
    assert theme.current_look() == "dark"
    assert app_look.palette().color(QPalette.ColorRole.Window).name() == "#11161d"
    dialog.reject()
    assert theme.current_look() == "light"
    assert app_look.palette().color(QPalette.ColorRole.Window).name() == "#f4f6f8"


# --- HiDPI -------------------------------------------------------------------------------

LOGICAL = (1366, 768)


@pytest.mark.sip
@pytest.mark.parametrize(("scale", "look"), [(2.0, "light"), (1.5, "dark")])
def test_nothing_is_clipped_at_high_dpi(scale: float, look: str, tmp_path: Path) -> None:
    width, height = (round(side * scale) for side in LOGICAL)
    screen = tmp_path / "screen.json"
    screen.write_text(
        json.dumps(
            {"screens": [{"name": "hidpi", "x": 0, "y": 0, "width": width, "height": height}]}
        ),
        encoding="utf-8",
    )
    env = dict(os.environ, QT_SCALE_FACTOR=str(scale))
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.integration.workspace.hidpi_probe",
            "es_MX",
            str(LOGICAL[0]),
            str(LOGICAL[1]),
            look,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["states"] == {"ready": [], "on_call": []}
    assert report["fits"], report["minimum"]
    assert report["window_ratio"] == scale and report["grab_ratio"] == scale
    assert report["grab_pixels"] == [width, height]
    icon_px = round(16 * scale)
    assert report["icon"] == [icon_px, icon_px, scale]
