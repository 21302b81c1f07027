"""The script as a picture: boxes coloured by kind, arrows for every way forward.

``ScriptGraph`` (a QGraphicsScene) draws one box per node at the position the
layered layout gives and one path item per node for its outgoing arrows, so
a 5,000-node script is about 10,000 light items. ``GraphView`` zooms with
Ctrl+wheel and Ctrl+plus/minus and pans by dragging. Text-only edits repaint a
box without a new layout. This module must never change the document: it
only reports which node the team lead picked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from scripts_engine import pick_text

from .document import DraftScript, targets_of
from .i18n import kind_label
from .layout import layered_layout

NODE_W, NODE_H = 200.0, 58.0
COLUMN, ROW = NODE_W + 40.0, NODE_H + 56.0
COLORS: dict[str, str] = {
    "say": "#dbeafe",
    "ask": "#fef3c7",
    "offer": "#dcfce7",
    "branch": "#ede9fe",
    "action": "#ffedd5",
    "end": "#e5e7eb",
}
BORDER = QColor("#475569")
SELECTED = QColor("#2563eb")
ERROR = QColor("#dc2626")


class NodeBox(QGraphicsItem):
    """One node: its id in bold and the start of its text, in its kind's colour."""

    def __init__(self, node_id: str, kind: str, caption: str):
        super().__init__()
        self.node_id = node_id
        self.kind = kind
        self.caption = caption
        self.has_error = False
        # Not ItemIsSelectable: PySide6 6.12 corrupts refcounts when thousands of Python items
        # carry that flag ("deallocating None"); the scene tracks the picked node itself.
        self.picked = False
        # Panning then blits cached pixels instead of re-drawing text every frame.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setToolTip(node_id)

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, NODE_W + 4, NODE_H + 4)

    def set_picked(self, picked: bool) -> None:
        if picked != self.picked:
            self.picked = picked
            self.setZValue(1 if picked else 0)
            self.update()

    def set_caption(self, kind: str, caption: str, has_error: bool) -> None:
        if (kind, caption, has_error) != (self.kind, self.caption, self.has_error):
            self.kind, self.caption, self.has_error = kind, caption, has_error
            self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        selected = self.picked
        color = SELECTED if selected else ERROR if self.has_error else BORDER
        painter.setPen(QPen(color, 3 if selected else 1.5))
        painter.setBrush(QBrush(QColor(COLORS.get(self.kind, "#ffffff"))))
        painter.drawRoundedRect(QRectF(0, 0, NODE_W, NODE_H), 8, 8)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#0f172a"))
        head = QRectF(8, 4, NODE_W - 16, 18)
        painter.drawText(
            head, Qt.AlignmentFlag.AlignLeft, f"{self.node_id}  · {kind_label(self.kind)}"
        )
        font.setBold(False)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        width = int(NODE_W - 16)
        first, rest = _first_line(self.caption, metrics.horizontalAdvance, width)
        painter.drawText(QRectF(8, 22, width, 16), Qt.AlignmentFlag.AlignLeft, first)
        second = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRectF(8, 38, width, 16), Qt.AlignmentFlag.AlignLeft, second)


def _first_line(text: str, advance: Callable[[str], int], width: int) -> tuple[str, str]:
    """Split *text* at the last word that still fits in *width* (for a two-line caption)."""
    words = text.split()
    line = ""
    for index, word in enumerate(words):
        candidate = f"{line} {word}" if line else word
        if advance(candidate) > width:
            return (line, " ".join(words[index:])) if line else (word, " ".join(words[index + 1 :]))
        line = candidate
    return line, ""


def _arrows(source: QPointF, ends: Iterable[tuple[QPointF, bool]]) -> QPainterPath:
    path = QPainterPath()
    for end, backwards in ends:
        path.moveTo(source)
        if backwards:
            # A loop goes round the right side so it never hides the boxes in between.
            bend = NODE_W * 0.75
            path.cubicTo(source + QPointF(bend, 60), end + QPointF(bend, -60), end + QPointF(0, -1))
        else:
            path.cubicTo(source + QPointF(0, 40), end + QPointF(0, -40), end)
        path.moveTo(end)
        path.lineTo(end + QPointF(-5, -9))
        path.moveTo(end)
        path.lineTo(end + QPointF(5, -9))
    return path


class ScriptGraph(QGraphicsScene):
    """The scene: rebuilt after structural edits, repainted in place after text edits."""

    node_picked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes: dict[str, NodeBox] = {}
        self._edges: dict[str, QGraphicsPathItem] = {}
        self._locale = "es-MX"
        self.picked: str | None = None

    def show_script(self, draft: DraftScript, locale: str, errors: set[str]) -> None:
        """Lay out and draw the whole script."""
        self.clear()
        self.boxes, self._edges, self._locale = {}, {}, locale
        picked, self.picked = self.picked, None
        nodes = draft.nodes
        edges = {n: targets_of(node) for n, node in nodes.items()}
        places = layered_layout(list(nodes), edges, draft.start or None)
        for node_id, node in nodes.items():
            place = places[node_id]
            box = NodeBox(node_id, str(node.get("kind")), self._caption(draft, node))
            box.has_error = node_id in errors
            box.setPos(place.order * COLUMN, place.layer * ROW)
            self.addItem(box)
            self.boxes[node_id] = box
        pen = QPen(QColor("#64748b"), 1.4)
        for node_id, targets in edges.items():
            here = places[node_id]
            ends = [
                (
                    self.boxes[t].pos() + QPointF(NODE_W / 2, 0),
                    places[t].layer <= here.layer,
                )
                for t in targets
                if t in self.boxes
            ]
            if ends:
                source = self.boxes[node_id].pos() + QPointF(NODE_W / 2, NODE_H)
                item = self.addPath(_arrows(source, ends), pen)
                item.setZValue(-1)
                self._edges[node_id] = item
        self.setSceneRect(self.itemsBoundingRect().adjusted(-60, -60, 60, 60))
        if picked in self.boxes:
            self.picked = picked
            self.boxes[picked].set_picked(True)

    def _caption(self, draft: DraftScript, node: dict[str, object]) -> str:
        text = node.get("text")
        if isinstance(text, str | dict):
            return pick_text(text, self._locale, draft.locale)
        if node.get("kind") == "branch":
            rules = node.get("branches")
            return (
                "; ".join(str(r.get("if", "")) for r in rules if isinstance(r, dict))
                if isinstance(rules, list)
                else ""
            )
        return str(node.get("action") or "")

    def refresh_nodes(self, draft: DraftScript, node_ids: Iterable[str], errors: set[str]) -> None:
        for node_id in node_ids:
            box, node = self.boxes.get(node_id), draft.nodes.get(node_id)
            if box is not None and node is not None:
                box.set_caption(
                    str(node.get("kind")), self._caption(draft, node), node_id in errors
                )

    def mark_errors(self, errors: set[str]) -> None:
        for node_id, box in self.boxes.items():
            box.set_caption(box.kind, box.caption, node_id in errors)

    def select_node(self, node_id: str) -> None:
        """Highlight *node_id* and scroll it into view (no signal: the caller knows)."""
        box = self.boxes.get(node_id)
        if box is None:
            return
        if self.picked in self.boxes and self.picked != node_id:
            self.boxes[self.picked].set_picked(False)
        self.picked = node_id
        box.set_picked(True)
        for view in self.views():
            view.ensureVisible(box, 80, 80)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            for item in self.items(event.scenePos()):
                if isinstance(item, NodeBox):
                    event.accept()  # a click on a box picks it; the background pans
                    self.node_picked.emit(item.node_id)
                    return
        super().mousePressEvent(event)


class GraphView(QGraphicsView):
    """Zoom with Ctrl+wheel or Ctrl+plus/minus, pan by dragging the background."""

    MIN_SCALE, MAX_SCALE = 0.1, 3.0

    def __init__(self, scene: ScriptGraph, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for keys, factor in (("Ctrl++", 1.25), ("Ctrl+=", 1.25), ("Ctrl+-", 0.8)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda f=factor: self.zoom(f))

    @property
    def scale_factor(self) -> float:
        return float(self.transform().m11())

    def zoom(self, factor: float) -> None:
        wanted = min(self.MAX_SCALE, max(self.MIN_SCALE, self.scale_factor * factor))
        ratio = wanted / self.scale_factor
        self.scale(ratio, ratio)

    def reset_zoom(self) -> None:
        self.resetTransform()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
        else:
            super().wheelEvent(event)
