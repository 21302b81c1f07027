"""The script panel walks the bundled early-stage script with real scripts_engine runners."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.agent.autopilot import preferred_option
from desktop.agent.script_panel import ScriptPanel
from desktop.agent.script_view_model import ScriptViewModel
from scripts_engine import Script, bundled_scripts_dir, load_script, variables_for_call
from tests.unit.desktop.conftest import make_account, make_debtor


@pytest.fixture(scope="module")
def script() -> Script:
    return load_script(bundled_scripts_dir() / "early-stage-mx.json")


def _panel(
    qtbot: QtBot, script: Script, locale: str = "es_MX"
) -> tuple[ScriptViewModel, ScriptPanel]:
    model = ScriptViewModel()
    panel = ScriptPanel(model)
    qtbot.addWidget(panel)
    variables = variables_for_call(
        msgspec.to_builtins(make_debtor()),
        msgspec.to_builtins(make_account()),
        "Ana López",
        dt.datetime(2026, 11, 22, 16, 0, tzinfo=dt.UTC),
    )
    assert model.load(script, variables, locale)
    with qtbot.waitExposed(panel):
        panel.show()
    return model, panel


def test_first_step_is_shown_with_numbered_options(qtbot: QtBot, script: Script) -> None:
    model, panel = _panel(qtbot, script)
    step = model.current
    assert step is not None and step.node_id == script.start
    assert panel.step_text.text() == step.text
    assert panel.step_text.textFormat() == Qt.TextFormat.PlainText
    assert [b.property("optionId") for b in panel.option_buttons] == [c.id for c in step.options]
    assert panel.option_buttons[0].text().startswith("1")


@pytest.mark.parametrize(
    ("locale", "title"),
    [
        ("es_MX", "Recordatorio amable de pago (1 a 30 días)"),
        ("en_US", "Friendly payment reminder (1 to 30 days)"),
    ],
)
def test_the_script_title_is_in_the_agents_language(
    qtbot: QtBot, script: Script, locale: str, title: str
) -> None:
    _, panel = _panel(qtbot, script, locale)
    assert panel.title.text() == title


def test_number_key_chooses_and_back_returns(qtbot: QtBot, script: Script) -> None:
    model, panel = _panel(qtbot, script)
    start = model.current
    assert start is not None
    # Shortcuts only fire in the active window, as for a real agent.
    with qtbot.waitActive(panel):
        panel.activateWindow()
    qtbot.keyClick(panel, Qt.Key.Key_1)
    assert model.current is not None and model.current.node_id != start.node_id
    assert model.path[:2] == (start.node_id, model.current.node_id)
    panel.back_button.click()
    assert model.current is not None and model.current.node_id == start.node_id


def test_objection_button_jumps_into_the_handler(qtbot: QtBot, script: Script) -> None:
    model, panel = _panel(qtbot, script)
    assert panel.objection_buttons, "the bundled script has objection handlers"
    panel.objection_buttons[0].click()
    assert model.current is not None and model.current.in_objection


def test_walking_toward_a_promise_reaches_the_promise_action_and_the_end(
    qtbot: QtBot, script: Script
) -> None:
    model, panel = _panel(qtbot, script)
    promise_asked: list[bool] = []
    model.promise_requested.connect(lambda: promise_asked.append(True))
    for _ in range(30):
        step = model.current
        assert step is not None
        if step.is_end:
            break
        if step.options:
            wanted = preferred_option([c.id for c in step.options])
            next(b for b in panel.option_buttons if b.property("optionId") == wanted).click()
        else:
            assert panel.next_button.isVisible()
            panel.next_button.click()
    assert promise_asked == [True]
    assert model.current is not None and model.current.is_end
    assert len(model.path) >= 5


def test_preferred_option_picks_yes_or_promise_else_first() -> None:
    assert preferred_option(["no", "yes"]) == "yes"
    assert preferred_option(["later", "make_promise"]) == "make_promise"
    assert preferred_option(["a", "b"]) == "a"
    assert preferred_option([]) is None
