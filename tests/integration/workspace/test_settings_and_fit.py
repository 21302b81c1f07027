"""Settings from the running desk, dark-mode colours that stay readable, nothing cut at 1280x720.

The settings dialog opens with Ctrl+, (and from a menu) on the real agent workspace (real hub)
and on the supervisor's floor window; the theme previews live, Cancel restores, OK applies
and saves, a policy-locked theme stays read-only. Colour pairs the views set themselves
(outbox states, KPI alarms, script problems, floor row tints, chart series) are measured for
WCAG contrast in both looks. The Spanish workspace at 1280x720 logical shows every call-bar
control whole (also mid-consult), full plan dates and the whole callback checkbox.
"""

from __future__ import annotations

import tomllib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pyqtgraph as pg
import pytest
import pytest_asyncio
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop import selftest
from desktop.common import theme
from desktop.common.charts import Chart, Series
from desktop.common.i18n import install_translator
from desktop.settings import Settings, load_settings
from desktop.settings import window as settings_window
from desktop.settings.dialog import SettingsDialog
from desktop.settings.i18n import translate
from desktop.supervisor.floor_model import FLAG_COLOURS, FloorModel
from desktop.supervisor.monitor import MonitorSession
from desktop.supervisor.window import SupervisorWindow
from tests.integration.workspace.screenshots import Scene, running_desk, settle
from tests.integration.workspace.test_themes_hidpi import AA, contrast

WIDTH, HEIGHT = 1280, 720  # 1920x1080 at 150 %


@pytest.fixture
def app_look(qapp: QApplication) -> Iterator[QApplication]:
    """Light at the start, and the application's look put back as other tests expect it."""
    sheet, palette, style = qapp.styleSheet(), qapp.palette(), qapp.style().name()
    theme.apply_theme(qapp, "light")
    yield qapp
    theme.notifier().follow_system(False)
    theme.notifier().choice, theme.notifier().look = "light", "light"
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setStyle(style)


@pytest.fixture
def policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "policy.toml"
    monkeypatch.setenv("ACUERDO_POLICY", str(path))
    return path


@pytest.fixture
def desk_settings(policy: Path, tmp_path: Path) -> Iterator[Settings]:
    """The settings a deployed desk registers at start (English, so the dialog reads as such)."""
    settings = load_settings(environ={}, user_file=tmp_path / "settings.toml")
    settings.set_user("locale", "en_US")
    settings_window.provide(settings)
    yield settings
    settings_window.provide(None)


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    default = QLocale()
    translator = install_translator(qapp, "es_MX")
    assert translator is not None
    yield
    QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(default)


@pytest_asyncio.fixture
async def scene(app_look: QApplication) -> AsyncIterator[Scene]:
    async with running_desk("en_US", (WIDTH, HEIGHT)) as running:
        yield running


def _dialog(parent: QWidget) -> SettingsDialog:
    dialogs = [d for d in parent.findChildren(SettingsDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _theme_combo(dialog: SettingsDialog) -> QComboBox:
    combo = dialog.findChild(QComboBox, "setting_theme")
    assert combo is not None
    return combo


# --- settings from the desk -------------------------------------------------------------


@pytest.mark.sip
@pytest.mark.asyncio
async def test_ctrl_comma_opens_settings_on_the_workspace_and_previews_the_theme(
    desk_settings: Settings, scene: Scene, tmp_path: Path
) -> None:
    ws = scene.workspace
    ws.activateWindow()
    QTest.keyClick(ws, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    await settle(scene)
    dialog = _dialog(ws)
    assert dialog.windowTitle() == "Settings"
    _theme_combo(dialog).setCurrentText("dark")
    assert theme.current_look() == "dark"
    assert ws.palette().color(QPalette.ColorRole.Window).name() == "#11161d"
    dialog.reject()  # Cancel: the desk looks as before and nothing is saved
    await settle(scene)
    assert theme.current_look() == "light"
    assert not (tmp_path / "settings.toml").exists()

    entry = ws.menu_actions["settings"]
    assert entry.isEnabled() and entry.text().endswith("\tCtrl+,")
    entry.trigger()  # the Options menu's entry opens the same dialog
    await settle(scene)
    dialog = _dialog(ws)
    _theme_combo(dialog).setCurrentText("dark")
    dialog.accept()
    await settle(scene)
    assert theme.current_look() == "dark"
    saved = tomllib.loads((tmp_path / "settings.toml").read_text(encoding="utf-8"))
    assert saved["theme"] == "dark"
    assert {p.backgroundBrush().color().name() for p in ws.findChildren(pg.PlotWidget)} == {
        theme.PAINT["dark"].background
    }


def test_a_theme_locked_by_policy_stays_read_only_from_the_floor(
    qtbot: QtBot, app_look: QApplication, policy: Path, tmp_path: Path
) -> None:
    policy.write_text('theme = "dark"\n', encoding="utf-8")
    settings = load_settings(environ={}, user_file=tmp_path / "settings.toml")
    theme.apply_theme(app_look, settings.text("theme"))
    settings_window.provide(settings)
    try:
        window = SupervisorWindow(FloorModel(), MonitorSession(_no_request, None), "Carmen")
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        action = window.actions_by_name["settings"]
        assert action.isEnabled() and action.shortcut().toString() == "Ctrl+,"
        QTest.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
        dialog = _dialog(window)
        combo = _theme_combo(dialog)
        assert not combo.isEnabled()
        # The desk loads no setup catalogue; the dialog brings it for its own lifetime.
        assert dialog.notes["theme"].text() == "Configurado por tu departamento de TI"
        combo.setCurrentText("light")  # a program could; the look must not follow
        assert theme.current_look() == "dark"
        dialog.accept()
        assert theme.current_look() == "dark"
        assert "theme" not in tomllib.loads((tmp_path / "settings.toml").read_text("utf-8"))
        assert translate("Settings", "Set by your IT department") == "Set by your IT department"
    finally:
        settings_window.provide(None)


def test_without_deployment_settings_the_entry_is_disabled(qtbot: QtBot) -> None:
    settings_window.provide(None)
    window = SupervisorWindow(FloorModel(), MonitorSession(_no_request, None), "Carmen")
    qtbot.addWidget(window)
    assert not window.actions_by_name["settings"].isEnabled()
    assert settings_window.open_settings(window) is None


async def _no_request(*_: object) -> object:
    raise ConnectionError


# --- colours the views set themselves ---------------------------------------------------


@pytest.mark.parametrize("look", ["light", "dark"])
def test_status_inks_row_tints_and_chart_series_are_readable(look: theme.Look) -> None:
    palette = theme.palette(look)
    grounds = [
        palette.color(role).name()
        for role in (
            QPalette.ColorRole.Window,
            QPalette.ColorRole.Base,
            QPalette.ColorRole.AlternateBase,
        )
    ]
    for name, ink in theme.STATUS[look].items():  # outbox rows, script problems, KPI alarms
        worst = min(contrast(ink, ground) for ground in grounds)
        assert worst >= AA, (look, name, ink, worst)
    text = palette.color(QPalette.ColorRole.Text).name()  # what the floor delegate draws
    for flag, role in FLAG_COLOURS.items():
        tint = theme.ROW_TINTS[look][role]
        assert contrast(text, tint) >= AA, (look, flag, tint)
    paint = theme.PAINT[look]
    for role in ("good", "warn", "bad"):  # chart series and the goal line: graphics, 3:1
        assert contrast(theme.STATUS[look][role], paint.background) >= 3.0, (look, role)


@pytest.mark.parametrize("look", ["light", "dark"])
def test_status_rules_in_the_stylesheets_reach_aa(look: theme.Look) -> None:
    sheet = theme.stylesheet(look)
    window = theme.palette(look).color(QPalette.ColorRole.Window).name()
    for selector in (
        '#kpiValue[alarm="yes"]',
        '#supervisorNotice[problem="yes"]',
        "#previewError",
    ):
        ink = _last_colour(sheet, selector)
        assert contrast(ink, window) >= AA, (look, selector, ink)


def _last_colour(sheet: str, selector: str) -> str:
    """The colour the last rule for `selector` sets (dark.qss comes after light.qss)."""
    at = sheet.rindex(selector + " {")
    body = sheet[at : sheet.index("}", at)]
    return body.split("color:")[1].split(";")[0].strip()


def test_charts_take_the_look_for_background_axes_and_series(
    qtbot: QtBot, app_look: QApplication
) -> None:
    chart = Chart("Kept", object_name="chartKept", accessible_name="Kept")
    qtbot.addWidget(chart)
    chart.set_categories(["a", "b"])
    chart.set_series(Series("kept", "bar", colour="good"), [1.0, 2.0])
    plot = chart.findChild(pg.PlotWidget)
    assert plot is not None
    bars = [i for i in plot.getPlotItem().items if isinstance(i, pg.BarGraphItem)]
    assert plot.backgroundBrush().color().name() == theme.PAINT["light"].background
    assert QColor(bars[0].opts["brush"]).name() == theme.STATUS["light"]["good"]
    theme.apply_theme(app_look, "dark")
    assert plot.backgroundBrush().color().name() == theme.PAINT["dark"].background
    assert QColor(bars[0].opts["brush"]).name() == theme.STATUS["dark"]["good"]
    axis = plot.getPlotItem().getAxis("left")
    assert axis.textPen().color().name() == theme.PAINT["dark"].ink


def test_the_self_test_names_a_missing_dark_theme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in selftest.REQUIRED_FILES:
        if name != "themes/dark.qss":
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text("QWidget { color: #000000; }", encoding="utf-8")
    monkeypatch.setattr(selftest, "RESOURCES", tmp_path)
    with pytest.raises(RuntimeError, match=r"missing bundled files .*: themes/dark\.qss$"):
        selftest.check_resources()
    (tmp_path / "themes" / "dark.qss").write_text("/* nothing */", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"hold no style rules: themes/dark\.qss"):
        selftest.check_resources()


# --- nothing cut at 1280x720 ------------------------------------------------------------


def _whole(widget: QWidget, within: QWidget) -> bool:
    """Visible, inside `within`, and at least as big as it asks to be."""
    box = QRect(widget.mapTo(within, QPoint(0, 0)), widget.size())
    return (
        widget.isVisible()
        and within.rect().contains(box)
        and widget.width() >= widget.sizeHint().width()
        and widget.height() >= widget.sizeHint().height()
    )


def _date_shows_all(edit: QDateEdit) -> bool:
    line = edit.findChild(QLineEdit)
    assert line is not None
    # QLineEdit keeps 2 px of margin each side of its text.
    return line.fontMetrics().horizontalAdvance(line.text()) + 4 <= line.width()


@pytest.mark.sip
@pytest.mark.asyncio
async def test_spanish_workspace_fits_1280x720_with_nothing_cut(
    spanish: None, app_look: QApplication
) -> None:
    async with running_desk("es_MX", (WIDTH, HEIGHT)) as scene:
        ws = scene.workspace
        ws.top_bar.ready_button.click()
        await settle(scene)
        await scene.offer()
        ws.verification.confirm_button.click()
        await settle(scene)
        assert ws.minimumSizeHint().width() <= WIDTH
        assert ws.width() == WIDTH
        bar = ws.call_bar
        controls = [  # the bar's own buttons, not the keypad dialog's keys
            b for b in bar.findChildren(QPushButton) if b.parentWidget() is bar and not b.isHidden()
        ]
        assert len(controls) >= 7
        for control in [*controls, bar.audio]:
            assert _whole(control, bar), control.objectName()
        for button in controls:
            assert button.accessibleName() and button.toolTip(), button.objectName()
        # Mid-consult the colleague's three controls replace transfer and consult
        # (show_call does this from the consult's state): still one row within 1280 px.
        for button in (bar.complete_button, bar.conference_button, bar.end_consult_button):
            button.show()
        for button in (bar.transfer_button, bar.consult_button):
            button.hide()
        assert bar.minimumSizeHint().width() <= WIDTH

        form = ws.promise_form
        form.kind.setCurrentIndex(form.kind.findData("plan"))
        await settle(scene)
        dates = [d for d in form.findChildren(QDateEdit) if d.isVisible()]
        assert len(dates) >= 3  # the first date and one per instalment
        for edit in dates:
            assert edit.width() >= edit.sizeHint().width(), edit.objectName()
            assert _date_shows_all(edit), (edit.objectName(), edit.text())

        ws.wrapup.prepare(None, None)
        ws.wrapup.show()
        await settle(scene)
        wanted = ws.wrapup.callback.wanted
        assert wanted.text() == "Programar una devolución de llamada"
        assert wanted.sizeHint().width() <= wanted.width()
        assert _whole(wanted, ws.wrapup)
        ws.wrapup.hide()
