"""The editor's actions (toolbar, menu, keyboard shortcuts) and the diff window.

Shortcuts that would clash with typing (Delete, copy, paste) only act while
the graph or outline has focus; the rest work anywhere in the editor. This
module must never hold state: it wires actions to the editor's methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from .diff import ScriptDiff
from .document import KINDS
from .i18n import kind_label, tr

if TYPE_CHECKING:
    from .editor import ScriptEditor


def build_actions(editor: ScriptEditor) -> dict[str, QAction]:
    found: dict[str, QAction] = {}
    toolbar = editor.addToolBar(tr("Script"))
    toolbar.setObjectName("scriptToolbar")
    menu = editor.menuBar().addMenu(tr("&Script"))

    def add(
        name: str,
        text: str,
        keys: QKeySequence | str | None,
        slot: object,
        local: bool = False,
        in_toolbar: bool = True,
    ) -> QAction:
        action = QAction(text, editor)
        action.setObjectName(name)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(f"{text} ({action.shortcut().toString()})")
        action.triggered.connect(lambda _=False: slot())  # type: ignore[operator]
        if local:
            # Only where nodes are picked, so Delete/Ctrl+C keep working inside text boxes.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            editor.graph_view.addAction(action)
            editor.outline_view.addAction(action)
        else:
            editor.addAction(action)
        menu.addAction(action)
        if in_toolbar:
            toolbar.addAction(action)
        found[name] = action
        return action

    add_menu = menu.addMenu(tr("Add node"))
    for number, kind in enumerate(KINDS, start=1):
        action = QAction(tr("Add {kind} node").format(kind=kind_label(kind)), editor)
        action.setObjectName(f"add_{kind}")
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _=False, k=kind: editor.add_node(k))
        editor.addAction(action)
        add_menu.addAction(action)
        found[action.objectName()] = action
    toolbar.addAction(found["add_say"])
    toolbar.addAction(found["add_ask"])
    found["add_say"].setText(tr("Add node"))
    add(
        "delete",
        tr("Delete node"),
        QKeySequence.StandardKey.Delete,
        editor.delete_selected,
        local=True,
    )
    add("connect", tr("Connect"), "Ctrl+L", editor.start_connecting)
    undo = editor.undo_stack.createUndoAction(editor, tr("Undo"))
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = editor.undo_stack.createRedoAction(editor, tr("Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for name, action in (("undo", undo), ("redo", redo)):
        action.setObjectName(name)
        editor.addAction(action)
        menu.addAction(action)
        toolbar.addAction(action)
        found[name] = action
    add(
        "copy",
        tr("Copy branch"),
        QKeySequence.StandardKey.Copy,
        editor.copy_selected,
        local=True,
        in_toolbar=False,
    )
    add(
        "paste",
        tr("Paste branch"),
        QKeySequence.StandardKey.Paste,
        editor.paste,
        local=True,
        in_toolbar=False,
    )
    toolbar.addSeparator()
    add("validate", tr("Check"), "F7", editor.validate_now)
    add("preview", tr("Preview"), "F6", editor.show_preview)
    add("zoom_in", tr("Zoom in"), "Ctrl++", lambda: editor.graph_view.zoom(1.25), in_toolbar=False)
    add("zoom_out", tr("Zoom out"), "Ctrl+-", lambda: editor.graph_view.zoom(0.8), in_toolbar=False)
    add("zoom_reset", tr("Actual size"), "Ctrl+0", editor.graph_view.reset_zoom, in_toolbar=False)
    toolbar.addSeparator()
    add("save", tr("Save draft"), QKeySequence.StandardKey.Save, editor.save_draft)
    # Files are the rarer way in and out: menu only, so Publish stays on a 1,280-px toolbar.
    add("import", tr("Import…"), QKeySequence.StandardKey.Open, editor.ask_import, in_toolbar=False)
    add("export", tr("Export…"), "Ctrl+Shift+S", editor.ask_export, in_toolbar=False)
    add("diff", tr("Compare with published"), "Ctrl+D", editor.show_diff)
    add("publish", tr("Publish"), "Ctrl+Shift+P", editor.publish_from_ui)
    return found


def show_diff(editor: ScriptEditor, diff: ScriptDiff) -> QDialog:
    """A small window listing what the draft adds, removes and changes."""
    dialog = QDialog(editor)
    dialog.setWindowTitle(tr("Draft compared with the published version"))
    tree = QTreeWidget(dialog)
    tree.setHeaderLabels([tr("Node"), tr("Change"), tr("Fields")])
    names = {"added": tr("added"), "removed": tr("removed"), "changed": tr("changed")}
    for change in diff.nodes:
        QTreeWidgetItem(tree, [change.node_id, names[change.status], ", ".join(change.fields)])
    for setting in diff.settings:
        QTreeWidgetItem(tree, [tr("(script)"), names["changed"], setting])
    if diff.is_empty:
        QTreeWidgetItem(tree, [tr("No differences."), "", ""])
    layout = QVBoxLayout(dialog)
    layout.addWidget(tree)
    dialog.resize(520, 360)
    dialog.show()
    return dialog
