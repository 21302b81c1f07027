"""Drive the real editor window: build a script from scratch, fix a problem by clicking it,
undo and redo, preview it, and publish through the app's publisher boundary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidgetItem
from pytestqt.qtbot import QtBot

from desktop.script_editor import ScriptEditor
from scripts_engine import bundled_scripts_dir, load_script


class RecordingPublisher:
    """The app's publish boundary, recording what the editor hands it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int | None, dict[str, Any]]] = []

    async def __call__(self, script_id: str, base: int | None, document: dict[str, Any]) -> int:
        self.calls.append((script_id, base, document))
        return (base or 0) + 1


@pytest.fixture
def editor(qtbot: QtBot, tmp_path: Path) -> ScriptEditor:
    window = ScriptEditor(publisher=RecordingPublisher(), drafts_dir=tmp_path / "drafts")
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def click_node(qtbot: QtBot, editor: ScriptEditor, node_id: str) -> None:
    box = editor.graph.boxes[node_id]
    editor.graph_view.ensureVisible(box)
    point = editor.graph_view.mapFromScene(box.sceneBoundingRect().center())
    qtbot.mouseClick(editor.graph_view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def click_problem(qtbot: QtBot, editor: ScriptEditor, item: QListWidgetItem) -> None:
    rect = editor.problems.visualItemRect(item)
    qtbot.mouseClick(editor.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_text(  # ASCII only: QTest cannot type other characters
    qtbot: QtBot, editor: ScriptEditor, locale: str, text: str
) -> None:
    box = editor.form.text_edits[locale]
    box.clear()
    qtbot.keyClicks(box, text)


def test_build_fix_undo_preview_and_publish(qtbot: QtBot, editor: ScriptEditor) -> None:
    acts = editor.actions_by_name
    acts["add_say"].trigger()
    assert editor.draft.start == "say_1" and editor.selected == "say_1"
    type_text(qtbot, editor, "es-MX", "Hola {{ debtor.nombre }}")
    type_text(qtbot, editor, "en-US", "Hi {{ debtor.first_name }}")
    acts["add_ask"].trigger()  # linked from the say node's free 'next'
    assert editor.draft.nodes["say_1"]["next"] == "ask_2"
    type_text(qtbot, editor, "es-MX", "Puede pagar hoy?")
    type_text(qtbot, editor, "en-US", "Can you pay today?")
    qtbot.mouseClick(editor.form.option_buttons["add"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.form.option_label_edits["es-MX"], "Si")
    qtbot.keyClicks(editor.form.option_label_edits["en-US"], "Yes")
    acts["add_end"].trigger()  # not linked: the ask node's only answer was still free...
    assert editor.draft.nodes["ask_2"]["options"][0].get("next") == "end_3"
    type_text(qtbot, editor, "es-MX", "Gracias")
    type_text(qtbot, editor, "en-US", "Thank you")

    # A second end node, connected with Connect mode by clicking in the graph.
    acts["add_end"].trigger()
    assert editor.selected == "end_4"
    click_node(qtbot, editor, "ask_2")
    qtbot.mouseClick(editor.form.option_buttons["add"], Qt.MouseButton.LeftButton)
    acts["connect"].trigger()
    click_node(qtbot, editor, "end_4")
    qtbot.waitUntil(lambda: editor.draft.nodes["ask_2"]["options"][1].get("next") == "end_4")

    # The unknown variable is an error; clicking it selects the node everywhere.
    problems = editor.validate_now()
    errors = [p for p in problems if p.severity == "error"]
    assert [(p.node_id, p.message) for p in errors] == [
        ("say_1", "text (es-MX): unknown variable 'debtor.nombre'")
    ]
    click_node(qtbot, editor, "end_3")
    row = next(
        editor.problems.item(i)
        for i in range(editor.problems.count())
        if "debtor.nombre" in editor.problems.item(i).text()
    )
    click_problem(qtbot, editor, row)
    assert editor.selected == "say_1"
    assert editor.graph.boxes["say_1"].picked and editor.graph.picked == "say_1"
    assert editor.outline.node_id(editor.outline_view.currentIndex()) == "say_1"
    assert editor.form.node_id == "say_1"
    assert editor.form.text_edits["es-MX"].toPlainText() == "Hola {{ debtor.nombre }}"

    # Publishing is refused while an error remains.
    publisher = editor.publisher
    assert isinstance(publisher, RecordingPublisher)
    acts["publish"].trigger()
    assert publisher.calls == []

    type_text(qtbot, editor, "es-MX", "Hola {{ debtor.first_name }}")
    assert [p for p in editor.validate_now() if p.severity == "error"] == []

    # Retyping a field is one undo step: undo brings the broken text back, redo the fix.
    editor.undo_stack.undo()
    assert editor.draft.nodes["say_1"]["text"]["es-MX"] == "Hola {{ debtor.nombre }}"
    assert editor.form.text_edits["es-MX"].toPlainText() == "Hola {{ debtor.nombre }}"
    editor.undo_stack.redo()
    assert editor.draft.nodes["say_1"]["text"]["es-MX"] == "Hola {{ debtor.first_name }}"
    assert editor.form.text_edits["es-MX"].toPlainText() == "Hola {{ debtor.first_name }}"

    # The preview walks it with the real runner and a sample customer.
    acts["preview"].trigger()
    assert editor.preview.text.text() == "Hola Mariana"
    qtbot.mouseClick(editor.preview.next_button, Qt.MouseButton.LeftButton)
    assert editor.preview.text.text() == "Puede pagar hoy?"
    qtbot.mouseClick(editor.preview.option_buttons[0], Qt.MouseButton.LeftButton)
    assert editor.preview.text.text() == "Gracias"

    acts["publish"].trigger()
    assert len(publisher.calls) == 1
    script_id, base, document = publisher.calls[0]
    assert (script_id, base, document["version"]) == ("new-script", None, 1)
    published = load_script(document)  # publishable: validates clean of errors
    assert list(published.nodes) == ["say_1", "ask_2", "end_3", "end_4"]
    assert editor.published_version == 1
    assert editor.diff().is_empty


def test_open_bundled_script_edit_and_diff(
    qtbot: QtBot, editor: ScriptEditor, tmp_path: Path
) -> None:
    editor.open_script(load_script(bundled_scripts_dir() / "late-stage-mx.json"))
    assert editor.validate_now() == []
    assert editor.outline.rowCount() == 3
    editor.select_node("hardship" if "hardship" in editor.draft.nodes else "offer_plan")
    editor.actions_by_name["copy"].trigger()
    root = editor.paste()
    assert root == "offer_plan_copy" and editor.selected == root
    editor.select_node("purpose")
    editor.delete_selected()
    changes = {(c.node_id, c.status) for c in editor.diff().nodes}
    assert ("purpose", "removed") in changes and ("offer_plan_copy", "added") in changes
    assert ("verify", "changed") in changes  # its arrow to the deleted node went with it
    assert editor.save_draft() == tmp_path / "drafts" / "late-stage-mx.json"
    exported = tmp_path / "late.json"
    assert editor.export_file(exported)
    while editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    assert editor.diff().is_empty
    assert editor.import_file(exported)
    assert "purpose" not in editor.draft.nodes


def test_broken_import_keeps_the_current_draft(editor: ScriptEditor, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": ', encoding="utf-8")
    before = editor.draft.to_document()
    assert not editor.import_file(bad)
    assert "Cannot import" in editor.status.text()
    assert editor.draft.to_document() == before


def test_zoom_with_keyboard_and_wheel_is_bounded(qtbot: QtBot, editor: ScriptEditor) -> None:
    editor.open_script(load_script(bundled_scripts_dir() / "middle-stage-mx.json"))
    start = editor.graph_view.scale_factor
    editor.actions_by_name["zoom_in"].trigger()
    assert editor.graph_view.scale_factor > start
    for _ in range(40):
        editor.graph_view.zoom(0.5)
    assert editor.graph_view.scale_factor == pytest.approx(editor.graph_view.MIN_SCALE)
    QApplication.processEvents()
