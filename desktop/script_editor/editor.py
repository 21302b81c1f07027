"""The script editor window for team leads: graph, outline, node form, problems, preview.

It owns the draft and one QUndoStack: every change (form, toolbar, paste)
arrives as an ``Edit`` and is pushed as an undoable command, after which the
views refresh (a new layout only when arrows or nodes changed) and
validation re-runs shortly after typing stops. Publishing goes through the
injected ``publisher`` so the app decides how it reaches the hub. This window
must never talk to the network itself and never publish a script with errors.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QTreeView,
    QWidget,
)

from scripts_engine import Problem, Script, validate

from . import edits
from .diff import ScriptDiff, diff_documents
from .document import KINDS, DraftScript, Edit, arrows_of, targets_of
from .drafts import DraftFolder, read_document, write_document
from .graph_view import GraphView, ScriptGraph
from .i18n import kind_label, tr
from .node_form import NodeForm
from .outline import OutlineModel
from .preview import PreviewPane
from .problems import ProblemsList
from .toolbar import build_actions, show_diff

log = logging.getLogger("acuerdo.script_editor")

Publisher = Callable[[str, int | None, dict[str, Any]], Awaitable[int]]
VALIDATE_DELAY_MS = 250


class EditCommand(QUndoCommand):
    """One Edit on the undo stack; typing into the same field merges into one step."""

    def __init__(self, editor: ScriptEditor, edit: Edit):
        super().__init__(tr(edit.label))
        self.editor, self.edit = editor, edit

    def id(self) -> int:
        return 1 if self.edit.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.edit.merge_key != self.edit.merge_key:
            return False
        self.edit.after.update(other.edit.after)
        self.edit.meta_after.update(other.edit.meta_after)
        return True

    def redo(self) -> None:
        self.editor.draft.apply(self.edit)
        self.editor.after_edit(self.edit)

    def undo(self) -> None:
        self.editor.draft.apply(self.edit, undo=True)
        self.editor.after_edit(self.edit, undone=True)


class ScriptEditor(QMainWindow):
    def __init__(
        self,
        publisher: Publisher | None = None,
        drafts_dir: Path | None = None,
        locale: str = "es-MX",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(tr("Script editor"))
        self.publisher = publisher
        self.drafts = DraftFolder(drafts_dir) if drafts_dir else None
        self.display_locale = locale  # not `locale`: that would hide QWidget.locale()
        self.draft = DraftScript.blank()
        self.published: dict[str, Any] | None = None
        self.published_version: int | None = None
        self.selected: str | None = None
        self.clipboard: edits.Clip | None = None
        self.problems_found: list[Problem] = []
        self.errors: set[str] = set()
        self._from_form = False
        self._connect_from: str | None = None

        self.undo_stack = QUndoStack(self)
        self.graph = ScriptGraph(self)
        self.graph_view = GraphView(self.graph)
        self.outline = OutlineModel()
        self.outline_view = QTreeView(objectName="outline")
        self.outline_view.setModel(self.outline)
        self.outline_view.setUniformRowHeights(True)  # fast with thousands of rows
        self.outline_view.setColumnWidth(0, 150)
        self.outline_view.setColumnWidth(1, 70)
        self.form = NodeForm()
        self.form.display_locale = locale
        self.preview = PreviewPane()
        self.problems = ProblemsList()
        self.status = QLabel(objectName="editorStatus")
        self.statusBar().addWidget(self.status, 1)

        self.side = QTabWidget(objectName="sideTabs")
        self.side.addTab(self.form, tr("Node"))
        self.side.addTab(self.preview, tr("Preview"))
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.outline_view)
        top.addWidget(self.graph_view)
        top.addWidget(self.side)
        top.setSizes([300, 640, 480])
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(top)
        main.addWidget(self.problems)
        main.setStretchFactor(0, 5)
        main.setStretchFactor(1, 1)
        self.setCentralWidget(main)
        self.setTabOrder(self.outline_view, self.graph_view)
        self.setTabOrder(self.graph_view, self.side)
        self.setTabOrder(self.side, self.problems)

        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_now)
        self.graph.node_picked.connect(self.select_node)
        self.outline_view.selectionModel().currentChanged.connect(
            lambda current, _prev: self._outline_picked(current)
        )
        self.problems.node_chosen.connect(self.select_node)
        self.form.edit_requested.connect(self._form_edit)
        self.actions_by_name: dict[str, QAction] = build_actions(self)
        self.open_document(self.draft.document)

    # --- opening and refreshing ---------------------------------------------------

    def open_document(
        self,
        document: Mapping[str, Any],
        published: Mapping[str, Any] | None = None,
        published_version: int | None = None,
    ) -> None:
        """Show *document* as the draft; *published* is the version it was edited from."""
        self.draft = DraftScript(document)
        self.published = copy.deepcopy(dict(published)) if published is not None else None
        self.published_version = published_version
        self.undo_stack.clear()
        self.selected = None
        self._refresh_all()
        self.select_node(self.draft.start or next(iter(self.draft.nodes), ""))

    def open_script(self, script: Script, *, published: bool = True) -> None:
        draft = DraftScript.from_script(script)
        self.open_document(
            draft.document,
            published=draft.document if published else None,
            published_version=script.version if published else None,
        )

    def _refresh_all(self) -> None:
        self.validate_now(refresh_views=False)
        self._redraw()
        self.form.set_targets(list(self.draft.nodes))
        self.form.show_node(self.draft, self.selected)

    def _redraw(self) -> None:
        """Lay out the graph and rebuild the outline (after opening or a structural edit)."""
        edges = arrows_of(self.draft)
        self.graph.show_script(self.draft, self.display_locale, self.errors, edges)
        self.outline.show_script(self.draft, self.display_locale, self.errors, edges)
        for group in range(self.outline.rowCount()):
            # A group's title ("Main flow (17)") reads across the columns.
            self.outline_view.setFirstColumnSpanned(group, QModelIndex(), True)
            # Not expandAll(): that visits every node row; only the groups have children.
            self.outline_view.expand(self.outline.index(group, 0))

    def after_edit(self, edit: Edit, undone: bool = False) -> None:
        """Bring every view up to date with an applied (or undone) edit."""
        structural = (
            edit.order_before is not None
            or "start" in edit.meta_after
            or "objections" in edit.meta_after
            or any(_shape(edit.before.get(n)) != _shape(edit.after.get(n)) for n in edit.after)
        )
        if structural:
            self.validate_now(refresh_views=False)
            self._redraw()
            self.form.set_targets(list(self.draft.nodes))
        else:
            self.graph.refresh_nodes(self.draft, edit.after, self.errors)
            for node_id in edit.after:
                self.outline.node_changed(node_id, self.errors)
            self._validate_timer.start()
        if self.selected not in self.draft.nodes:
            self.selected = None
        typing = self._from_form and edit.merge_key is not None and not undone
        if not typing:
            self.form.show_node(self.draft, self.selected)
        if self.selected:
            self.graph.select_node(self.selected)
        self._set_status(tr("Unsaved changes"))

    # --- selection -----------------------------------------------------------------

    def select_node(self, node_id: str) -> None:
        if node_id not in self.draft.nodes:
            return
        source, self._connect_from = self._connect_from, None
        if source is not None and source != node_id:
            # Connecting redraws the scene; never inside the click that picked the target.
            QTimer.singleShot(0, lambda: self._finish_connect(source, node_id))
        self.selected = node_id
        self.graph.select_node(node_id)
        index = self.outline.index_for(node_id)
        if index.isValid() and self.outline_view.currentIndex() != index:
            self.outline_view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.outline_view.scrollTo(index)
        if self.form.node_id != node_id:
            self.form.show_node(self.draft, node_id)

    def _outline_picked(self, index: Any) -> None:
        node_id = self.outline.node_id(index)
        if node_id:
            self.select_node(node_id)

    # --- editing -----------------------------------------------------------------------

    def push(self, edit: Edit) -> None:
        if not edit.is_empty or edit.order_after != edit.order_before:
            self.undo_stack.push(EditCommand(self, edit))

    def _form_edit(self, edit: Edit) -> None:
        self._from_form = True
        try:
            self.push(edit)
        finally:
            self._from_form = False
        self._connect_from = None

    def add_node(self, kind: str) -> str:
        edit, new_id = edits.add_node(self.draft, kind, after=self.selected)
        self.selected = new_id
        self.push(edit)
        self.select_node(new_id)
        return new_id

    def delete_selected(self) -> None:
        if self.selected:
            self.push(edits.delete_nodes(self.draft, [self.selected]))

    def connect_nodes(self, source: str, target: str, slot: str | None = None) -> bool:
        node = self.draft.nodes.get(source)
        if node is None or target not in self.draft.nodes:
            return False
        slot = slot or edits.free_slot(node)
        if slot is None:
            self._set_status(tr("Every arrow of {node} is already taken.").format(node=source))
            return False
        self.push(edits.connect(self.draft, source, target, slot))
        return True

    def _finish_connect(self, source: str, target: str) -> None:
        if self.connect_nodes(source, target):
            message = tr("Connected {source} to {target}.")
            self._set_status(message.format(source=source, target=target))

    def start_connecting(self) -> None:
        """Connect mode: the next node picked becomes the target of the selected node."""
        if self.selected:
            self._connect_from = self.selected
            self._set_status(tr("Pick the node that {node} leads to.").format(node=self.selected))

    def show_preview(self) -> None:
        self.validate_now()
        self.side.setCurrentWidget(self.preview)
        self.preview.setFocus()

    def copy_selected(self) -> None:
        if self.selected:
            self.clipboard = edits.copy_subtree(self.draft, self.selected)
            self._set_status(tr("Copied {count} node(s).").format(count=len(self.clipboard.nodes)))

    def paste(self) -> str | None:
        if self.clipboard is None:
            return None
        edit, root = edits.paste(self.draft, self.clipboard)
        self.selected = root
        self.push(edit)
        self.select_node(root)
        return root

    # --- checking ----------------------------------------------------------------

    def validate_now(self, refresh_views: bool = True) -> list[Problem]:
        self._validate_timer.stop()
        script, reason = self.draft.try_parse()
        self.problems_found = validate(script) if script is not None else []
        self.errors = {
            p.node_id for p in self.problems_found if p.severity == "error" and p.node_id
        }
        self.problems.show_problems(self.problems_found, reason)
        self.preview.load(script, reason)
        if refresh_views:
            self.graph.mark_errors(self.errors)
            self.outline.set_errors(self.errors)
        return self.problems_found

    def diff(self) -> ScriptDiff:
        return diff_documents(self.published, self.draft.document)

    # --- files -------------------------------------------------------------------------

    def save_draft(self) -> Path | None:
        if self.drafts is None:
            self._set_status(tr("No drafts folder is configured."))
            return None
        path = self.drafts.save(self.draft.to_document())
        self._set_status(tr("Draft saved."))
        return path

    def import_file(self, path: Path) -> bool:
        try:
            document = read_document(path)
        except ValueError as exc:
            self._set_status(tr("Cannot import: {reason}").format(reason=exc))
            return False
        self.open_document(document)
        self._set_status(tr("Imported {name}.").format(name=path.name))
        return True

    def export_file(self, path: Path) -> bool:
        try:
            write_document(path, self.draft.to_document())
        except OSError as exc:
            self._set_status(tr("Cannot export: {reason}").format(reason=exc.strerror or exc))
            return False
        self._set_status(tr("Exported {name}.").format(name=path.name))
        return True

    def ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Import script"), "", "JSON (*.json)")
        if name:
            self.import_file(Path(name))

    def ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("Export script"), "", "JSON (*.json)")
        if name:
            self.export_file(Path(name))

    def show_diff(self) -> None:
        show_diff(self, self.diff())

    # --- publishing --------------------------------------------------------------------

    async def publish(self) -> int | None:
        """Publish the draft as a new version; None (with a message) if it cannot be."""
        if self.publisher is None:
            self._set_status(tr("Publishing is not available here."))
            return None
        self.validate_now()
        if self.problems.error_count or self.draft.try_parse()[0] is None:
            self._set_status(tr("Fix the errors in the problems list before publishing."))
            return None
        document = self.draft.to_document()
        script_id = str(document.get("id"))
        document["version"] = (self.published_version or 0) + 1
        self._set_status(tr("Publishing…"))
        try:
            version = await self.publisher(script_id, self.published_version, document)
        except Exception as exc:  # the app's publisher reports hub and network refusals
            log.warning("publishing script %s failed: %s", script_id, exc)
            self._set_status(tr("Not published: {reason}").format(reason=exc))
            return None
        document["version"] = version
        self.draft.document["version"] = version
        self.published, self.published_version = copy.deepcopy(document), version
        self.undo_stack.setClean()
        self._set_status(tr("Published version {version}.").format(version=version))
        return version

    def publish_from_ui(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            # No event loop runs Qt here (e.g. a bare QApplication): finish it right away.
            asyncio.run(self.publish())
            return
        task = loop.create_task(self.publish())
        self._publishing = task  # keep a reference until it finishes

    def _set_status(self, text: str) -> None:
        self.status.setText(text)

    def show_status(self, text: str) -> None:
        """A line in the status bar, for the app around the editor (already translated)."""
        self._set_status(text)

    @staticmethod
    def kinds() -> list[tuple[str, str]]:
        return [(k, kind_label(k)) for k in KINDS]


def _shape(node: Mapping[str, Any] | None) -> tuple[object, ...]:
    """What decides layout: the node's existence, kind and arrows (not its text)."""
    if node is None:
        return ()
    return (node.get("kind"), tuple(targets_of(node)))
