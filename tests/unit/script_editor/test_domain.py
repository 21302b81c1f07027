"""The editor's plain-Python core: edits and their undo, layout, diff, drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.script_editor import edits
from desktop.script_editor.diff import diff_documents
from desktop.script_editor.document import DraftScript
from desktop.script_editor.drafts import DraftFolder, read_document
from desktop.script_editor.layout import layered_layout
from scripts_engine import ScriptError, bundled_scripts_dir, load_script


def middle() -> DraftScript:
    return DraftScript.from_script(load_script(bundled_scripts_dir() / "middle-stage-mx.json"))


def test_every_edit_reverts_exactly() -> None:
    draft = middle()
    original = draft.to_document()
    steps = [
        lambda: edits.add_node(draft, "say", after="hardship")[0],
        lambda: edits.delete_nodes(draft, ["offer_plan"]),
        lambda: edits.change_kind(draft, "purpose", "ask"),
        lambda: edits.add_option(draft, "greet"),
        lambda: edits.move_option(draft, "greet", 0, 1),
        lambda: edits.paste(draft, edits.copy_subtree(draft, "obj_dispute"))[0],
    ]
    applied = []
    for make in steps:
        edit = make()
        assert edit is not None
        draft.apply(edit)
        applied.append(edit)
    assert draft.to_document() != original
    for edit in reversed(applied):
        draft.apply(edit, undo=True)
    assert draft.to_document() == original
    assert list(draft.nodes) == list(original["nodes"])  # order restored too


def test_delete_removes_arrows_into_the_node() -> None:
    draft = middle()
    draft.apply(edits.delete_nodes(draft, ["offer_plan"]))
    assert "offer_plan" not in draft.nodes
    assert all(o.get("next") != "offer_plan" for o in draft.nodes["ask_situation"]["options"])
    assert "next" not in draft.nodes["hardship"]


def test_paste_renames_and_keeps_arrows_inside_the_copy() -> None:
    draft = middle()
    edit, root = edits.paste(draft, edits.copy_subtree(draft, "obj_dispute"))
    draft.apply(edit)
    assert root == "obj_dispute_copy"
    nexts = [o.get("next") for o in draft.nodes[root]["options"]]
    assert nexts == ["$resume", "obj_dispute_note_copy"]
    assert load_script(draft.document, check=False).nodes[root]


def test_layout_layers_follow_the_arrows_and_survive_loops() -> None:
    edges = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": ["a"], "e": []}
    places = layered_layout(list(edges), edges, "a")
    assert places["a"].layer == 0
    assert places["b"].layer == places["c"].layer == 1
    assert places["d"].layer == 2
    assert {places["b"].order, places["c"].order} == {0, 1}


def test_diff_lists_added_removed_and_changed_nodes() -> None:
    draft = middle()
    published = draft.to_document()
    draft.apply(edits.add_node(draft, "end")[0])
    draft.apply(edits.delete_nodes(draft, ["hardship"]))
    draft.apply(edits.set_field(draft, "greet", "text", "Hola", "edit"))
    found = {(c.node_id, c.status) for c in diff_documents(published, draft.document).nodes}
    assert ("end_29", "added") in found
    assert ("hardship", "removed") in found
    assert ("greet", "changed") in found
    assert diff_documents(published, published).is_empty


def test_drafts_round_trip_and_bad_files_are_refused(tmp_path: Path) -> None:
    folder = DraftFolder(tmp_path / "drafts")
    draft = middle()
    path = folder.save(draft.to_document())
    assert folder.saved_ids() == ["middle-stage-mx"]
    assert folder.load("middle-stage-mx") == draft.document
    assert path.parent == tmp_path / "drafts"
    assert folder.path_for("../../etc/passwd").parent == tmp_path / "drafts"
    bad = tmp_path / "bad.json"
    bad.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(ScriptError, match="not a valid JSON"):
        read_document(bad)
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ScriptError, match="not a script"):
        read_document(bad)
