"""A large script's graph builds only what the view shows, and never leaves a gap on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from desktop.script_editor import ScriptEditor
from desktop.script_editor.graph_view import NODE_H, NODE_W, ScriptGraph, _arrows
from tests.bench.bench_scripts import generated_script

NODES = ScriptGraph.EAGER_NODES + 200


@pytest.fixture
def editor(qtbot: QtBot, tmp_path: Path) -> ScriptEditor:
    window = ScriptEditor(drafts_dir=tmp_path / "drafts")
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.open_document(generated_script(NODES))
    return window


def visible_area(editor: ScriptEditor) -> QRectF:
    view = editor.graph_view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def missing_on_screen(editor: ScriptEditor) -> list[str]:
    """Nodes whose box or arrows cross the visible area but have no item."""
    graph, area = editor.graph, visible_area(editor)
    missing = []
    for node_id, place in graph._places.items():
        if node_id in graph.boxes:
            continue
        covers = QRectF(place.x, place.y, NODE_W, NODE_H)
        if place.ends:
            source = (place.x + NODE_W / 2, place.y + NODE_H)
            covers = covers.united(_arrows(source, place.ends).boundingRect())
        if covers.intersects(area):
            missing.append(node_id)
    return missing


def test_only_the_shown_part_is_built(editor: ScriptEditor) -> None:
    graph = editor.graph
    assert len(graph._places) == NODES
    assert 0 < len(graph.boxes) < NODES / 4
    assert "n0" in graph.boxes and graph.boxes["n0"].picked
    assert missing_on_screen(editor) == []


def test_scrolling_and_zooming_build_what_comes_into_view(editor: ScriptEditor) -> None:
    bar = editor.graph_view.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 7)):
        bar.setValue(value)
        assert missing_on_screen(editor) == []
    bar.setValue(bar.maximum())
    assert f"n{NODES - 1}" in editor.graph.boxes
    editor.graph_view.zoom(0.3)
    assert missing_on_screen(editor) == []


def test_selecting_a_far_node_builds_and_shows_it(editor: ScriptEditor) -> None:
    far = f"n{NODES - 2}"
    editor.select_node(far)
    box = editor.graph.boxes[far]
    assert box.picked and not editor.graph.boxes["n0"].picked
    assert visible_area(editor).contains(box.sceneBoundingRect().center())
    assert missing_on_screen(editor) == []
