"""The floor table with hundreds of agents: deltas touch one row, filters, sorting, thresholds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.settings import SettingValueError, load_settings, setting
from desktop.supervisor.floor_model import COL, FloorModel
from desktop.supervisor.floor_view import FloorView
from desktop.supervisor.thresholds import Thresholds, attention

from .conftest import NOW, entry, floor

AGENTS = 240


def make_view(qtbot: QtBot, count: int = AGENTS) -> FloorView:
    model = FloorModel(Thresholds())
    model.apply_snapshot(10, floor(count), NOW)
    view = FloorView(model, clock=lambda: NOW)
    view.timer.stop()  # tests move the clock themselves
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    return view


def cell(view: FloorView, agent: str, column: str) -> str:
    row = view.proxy.row_of(agent)
    assert row >= 0, f"{agent} is not shown"
    return str(view.proxy.index(row, COL[column]).data())


def test_deltas_change_one_row_and_never_reset(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    model = view.model
    resets: list[int] = []
    changed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, _r=(): changed.append((a.row(), b.row())))
    for step in range(100):
        who = f"agent{(step * 7) % AGENTS:03d}"
        model.apply_delta(11 + step, entry(who, "on_call", script_node=f"node{step}"))
    assert resets == []
    assert len(changed) == 100
    assert all(top == bottom for top, bottom in changed)
    assert model.rowCount() == AGENTS
    assert cell(view, "agent049", "node") == "node7"  # 49 = 7 * 7
    assert cell(view, "agent049", "state").startswith("On call")


def test_old_and_early_deltas_are_ordered_by_seq(qtbot: QtBot) -> None:
    model = FloorModel()
    model.apply_delta(12, entry("ana", "on_call"))  # before the snapshot: waits
    model.apply_delta(9, entry("ana", "wrap_up"))  # older than the snapshot: dropped later
    model.apply_snapshot(10, [entry("ana", "ready"), entry("luis")], NOW)
    current = model.entry("ana")
    assert current is not None and current.state == "on_call"
    model.apply_delta(11, entry("ana", "ready"))  # a replay older than what we have
    current = model.entry("ana")
    assert current is not None and current.state == "on_call"
    model.apply_delta(13, entry("nuevo", "ready"))
    assert model.rowCount() == 3


def test_filters_by_state_campaign_text_and_attention(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.state.setCurrentIndex(view.state.findData("on_call"))
    assert view.proxy.rowCount() == AGENTS // 5
    view.campaign.setCurrentIndex(view.campaign.findData("tardia"))
    shown = view.proxy.rowCount()
    assert 0 < shown < AGENTS // 5
    assert all(view.proxy.index(r, COL["campaign"]).data() == "tardia" for r in range(shown))
    view.state.setCurrentIndex(0)
    view.campaign.setCurrentIndex(0)
    view.search.setText("AGENT12")
    assert view.proxy.rowCount() == 10  # agent120..agent129
    assert view.counts.text() == "10 of 240 agents"
    view.search.clear()
    view.attention.setChecked(True)
    assert view.proxy.rowCount() == 0
    view.model.apply_delta(11, entry("agent003", "ready", help_message="cliente agresivo"))
    assert view.proxy.rowCount() == 1
    assert cell(view, "agent003", "attention") == "Help: cliente agresivo"


def test_sorting_by_state_then_time_in_state(qtbot: QtBot) -> None:
    view = make_view(qtbot, 20)
    long_call = entry("agent001", "on_call", since=NOW - dt.timedelta(minutes=9))
    view.model.apply_delta(11, long_call)
    view.table.sortByColumn(COL["state"], Qt.SortOrder.AscendingOrder)
    assert view.proxy.agent_at(0) == "agent001"  # on a call, the longest first
    states = [view.proxy.index(r, COL["state"]).data() for r in range(20)]
    assert [s.split(" ·")[0] for s in states[:4]] == ["On call"] * 4
    view.table.sortByColumn(COL["contacts"], Qt.SortOrder.DescendingOrder)
    tops = [int(view.proxy.index(r, COL["contacts"]).data()) for r in range(3)]
    assert tops == sorted(tops, reverse=True) and tops[0] == 16


def test_thresholds_raise_flags_with_words_colour_and_icon(qtbot: QtBot) -> None:
    limits = Thresholds(wrapup_limit_s=120, call_limit_s=600, min_mos=3.5)
    wrap = entry("w", "wrap_up", since=NOW - dt.timedelta(seconds=100))
    assert attention(wrap, NOW, limits) == ()
    assert attention(wrap, NOW + dt.timedelta(seconds=30), limits) == ("wrapup_long",)
    extended = entry("w", "wrap_up", wrapup_deadline=NOW + dt.timedelta(minutes=5))
    assert attention(extended, NOW + dt.timedelta(minutes=4), limits) == ()
    poor = entry("p", "on_call", mos=3.1, call_started_at=NOW - dt.timedelta(minutes=11))
    assert attention(poor, NOW, limits) == ("poor_mos", "call_long")
    helped = entry("h", "on_call", mos=4.3, help_message="¿puedo condonar?", help_at=NOW)
    assert attention(helped, NOW, limits) == ("help",)

    view = make_view(qtbot, 10)
    view.model.set_limits(limits)
    view.model.apply_delta(11, poor)
    row = view.proxy.row_of("p")
    index = view.proxy.index(row, COL["agent"])
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert cell(view, "p", "attention") == "Poor call quality · Call too long"
    assert cell(view, "p", "mos") == "3.1"


def test_ticking_moves_times_and_flags_without_a_reset(qtbot: QtBot) -> None:
    view = make_view(qtbot, 30)
    model = view.model
    resets: list[int] = []
    changed: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, *_: changed.append(a.row()))
    assert cell(view, "agent001", "call") == "00:30"
    later = NOW + dt.timedelta(seconds=95)
    assert model.tick(later) == 6  # the 6 agents in wrap-up crossed 120 s
    assert cell(view, "agent001", "call") == "02:05"
    assert cell(view, "agent002", "state") == "Wrap-up · 02:05"
    assert resets == [] and len(changed) == 6
    assert model.tick(later) == 0


def test_enter_on_a_row_asks_to_listen(qtbot: QtBot) -> None:
    view = make_view(qtbot, 10)
    assert view.select_agent("agent001")
    view.table.setFocus()
    with qtbot.waitSignal(view.agent_activated) as signal:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert signal.args == ["agent001"]
    view.find_action.trigger()
    QApplication.processEvents()
    assert view.search.hasFocus() or QApplication.focusWidget() is view.search
    assert view.table.model().index(0, 0, QModelIndex()).isValid()


def test_pushed_deltas_are_applied_in_one_batch(qtbot: QtBot) -> None:
    view = make_view(qtbot, 20)
    model = view.model
    changed: list[int] = []
    model.dataChanged.connect(lambda a, *_: changed.append(a.row()))
    model.push(11, entry("agent000", "on_call"))
    model.push(13, entry("agent000", "wrap_up"))
    model.push(12, entry("agent000", "ready"))  # older than the one already waiting
    model.push(14, entry("agent005", "not_ready"))
    assert changed == []  # nothing before the batch
    qtbot.waitUntil(lambda: len(changed) == 2, timeout=2000)
    first, second = model.entry("agent000"), model.entry("agent005")
    assert first is not None and first.state == "wrap_up"
    assert second is not None and second.state == "not_ready"


def test_thresholds_come_from_the_layered_settings(tmp_path: Path) -> None:
    assert Thresholds.from_settings(None) == Thresholds(120, 900, 3.5)
    user_file = tmp_path / "user.toml"
    user_file.write_text(
        'version = 2\nfloor_wrapup_limit_s = 90\nfloor_min_mos = "3.2"\n', encoding="utf-8"
    )
    settings = load_settings(environ={}, user_file=user_file)
    assert Thresholds.from_settings(settings) == Thresholds(90, 900, 3.2)
    with pytest.raises(SettingValueError, match="floor_min_mos"):
        setting("floor_min_mos").coerce("7")
