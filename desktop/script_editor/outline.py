"""The outline: every node grouped as main flow, objection handlers and unreachable.

A two-level ``QAbstractItemModel`` (group, then node) for a ``QTreeView``, so a
5,000-node script is one model and no widget per row. Nodes appear in the
order an agent would meet them (breadth-first from the start or from each
objection). This model must never change the document.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.common.theme import status_colour
from scripts_engine import pick_text

from .document import DraftScript, arrows_of
from .i18n import kind_label, tr

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = 0xFFFFFFFF  # internalId of a group row: groups have no parent


def _walk(edges: Mapping[str, list[str]], starts: list[str], seen: set[str]) -> list[str]:
    order: list[str] = []
    pending = [s for s in starts if s in edges]
    position = 0
    while position < len(pending):
        node_id = pending[position]
        position += 1
        if node_id in seen:
            continue
        seen.add(node_id)
        order.append(node_id)
        pending.extend(t for t in edges[node_id] if t in edges and t not in seen)
    return order


class OutlineModel(QAbstractItemModel):
    COLUMNS = 3

    def __init__(self) -> None:
        super().__init__()
        self._draft: DraftScript | None = None
        self._groups: list[tuple[str, list[str]]] = []
        self._where: dict[str, tuple[int, int]] = {}
        self._locale = "es-MX"
        self._errors: set[str] = set()

    def show_script(
        self,
        draft: DraftScript,
        locale: str,
        errors: set[str],
        edges: Mapping[str, list[str]] | None = None,
    ) -> None:
        self.beginResetModel()
        self._draft, self._locale, self._errors = draft, locale, errors
        if edges is None:
            edges = arrows_of(draft)
        seen: set[str] = set()
        main = _walk(edges, [draft.start], seen)
        objections_doc = draft.document.get("objections") or []
        starts = [str(o.get("start")) for o in objections_doc if isinstance(o, dict)]
        objections = _walk(edges, starts, seen)
        rest = [n for n in draft.nodes if n not in seen]
        self._groups = [
            (tr("Main flow"), main),
            (tr("Objection handlers"), objections),
            (tr("Not reachable"), rest),
        ]
        self._where = {
            node_id: (group, row)
            for group, (_, ids) in enumerate(self._groups)
            for row, node_id in enumerate(ids)
        }
        self.endResetModel()

    def node_changed(self, node_id: str, errors: set[str]) -> None:
        self._errors = errors
        index = self.index_for(node_id)
        if index.isValid():
            self.dataChanged.emit(index, index.siblingAtColumn(self.COLUMNS - 1))

    def set_errors(self, errors: set[str]) -> None:
        self._errors = errors
        for group in range(len(self._groups)):
            parent = self.index(group, 0)
            rows = self.rowCount(parent)
            if rows:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, 0, parent))

    def index_for(self, node_id: str) -> QModelIndex:
        where = self._where.get(node_id)
        if where is None:
            return QModelIndex()
        group, row = where
        return self.index(row, 0, self.index(group, 0))

    def node_id(self, index: Index) -> str | None:
        if not index.isValid() or index.internalId() == NO_PARENT:
            return None
        return self._groups[index.internalId()][1][index.row()]

    # --- QAbstractItemModel -------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not parent.isValid():
            if 0 <= row < len(self._groups):
                return self.createIndex(row, column, NO_PARENT)
            return QModelIndex()
        if parent.internalId() != NO_PARENT:
            return QModelIndex()
        group = parent.row()
        if 0 <= row < len(self._groups[group][1]):
            return self.createIndex(row, column, group)
        return QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == NO_PARENT:
            return QModelIndex()
        return self.createIndex(child.internalId(), 0, NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == NO_PARENT and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (tr("Node"), tr("Kind"), tr("Text"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == NO_PARENT:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                title, ids = self._groups[index.row()]
                return f"{title} ({len(ids)})"
            return None
        node_id = self.node_id(index)
        node = self._draft.nodes.get(node_id or "") if self._draft else None
        if node is None or node_id is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return node_id
            if index.column() == 1:
                return kind_label(str(node.get("kind")))
            text = node.get("text")
            if isinstance(text, str | dict) and self._draft is not None:
                return pick_text(text, self._locale, self._draft.locale)[:120]
            return ""
        if role == Qt.ItemDataRole.ForegroundRole and node_id in self._errors:
            return QBrush(QColor(status_colour("bad")))
        if role == Qt.ItemDataRole.ToolTipRole and node_id in self._errors:
            return tr("This node has a problem; see the problems list.")
        return None
