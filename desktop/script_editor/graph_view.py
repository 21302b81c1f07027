"""The script as a picture: boxes coloured by kind, arrows for every way forward.

``ScriptGraph`` (a QGraphicsScene) draws one box per node at the position the
layered layout gives and one path item per node for its outgoing arrows; in a
large script those items are only built for the area the view has shown, so
opening 5,000 nodes builds a few dozen items. ``GraphView`` zooms with
Ctrl+wheel and Ctrl+plus/minus and pans by dragging. Text-only edits repaint a
box without a new layout. This module must never change the document: it
only reports which node the team lead picked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QShortcut,
    QShowEvent,
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

from .document import DraftScript, arrows_of, lanes_of
from .i18n import kind_label
from .layout import Placement, layered_layout

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


def _arrows(source: tuple[float, float], ends: Iterable[tuple[float, float, bool]]) -> QPainterPath:
    """One path with every arrow out of a node (plain floats: no QPointF per point)."""
    path = QPainterPath()
    sx, sy = source
    for ex, ey, backwards in ends:
        path.moveTo(sx, sy)
        if backwards:
            # A loop goes round the right side so it never hides the boxes in between.
            bend = NODE_W * 0.75
            path.cubicTo(sx + bend, sy + 60, ex + bend, ey - 60, ex, ey - 1)
        else:
            path.cubicTo(sx, sy + 40, ex, ey - 40, ex, ey)
        path.moveTo(ex, ey)
        path.lineTo(ex - 5, ey - 9)
        path.moveTo(ex, ey)
        path.lineTo(ex + 5, ey - 9)
    return path


@dataclass(slots=True)
class _Place:
    """Where a node sits and what its box and arrows cover, before any item exists."""

    x: float
    y: float
    ends: list[tuple[float, float, bool]]
    left: float
    top: float
    right: float
    bottom: float


def _plan(
    layout: Mapping[str, Placement], edges: Mapping[str, list[str]], band: float
) -> tuple[dict[str, _Place], dict[int, list[str]], QRectF]:
    """Every node's place and the area its box and arrows cover, bucketed into bands by height.

    Plain floats and local names: this runs over every node of a script on each open.
    """
    half, height = NODE_W / 2, NODE_H
    where = {n: (spot.order * COLUMN, spot.layer * ROW, spot.layer) for n, spot in layout.items()}
    places: dict[str, _Place] = {}
    bands: dict[int, list[str]] = {}
    low_x = high_x = high_y = 0.0
    for node_id, (x, y, depth) in where.items():
        left, top, right, bottom = x - 2, y - 2, x + NODE_W + 2, y + height + 2
        ends: list[tuple[float, float, bool]] = []
        for target in edges.get(node_id, ()):
            found = where.get(target)
            if found is None:
                continue
            tx, ty, target_depth = found
            backwards = target_depth <= depth
            ends.append((tx + half, ty, backwards))
            # The curve stays inside its control points' box (see _arrows).
            reach = (tx if tx > x else x) + half + (NODE_W * 0.75 + 6 if backwards else 6.0)
            left = min(left, tx + half - 6)
            right = max(right, reach)
            top = min(top, ty - 70)
            bottom = max(bottom, ty + 2, y + height + 62)
        places[node_id] = _Place(x, y, ends, left, top, right, bottom)
        for number in range(int(top // band), int(bottom // band) + 1):
            row = bands.get(number)
            if row is None:
                bands[number] = [node_id]
            else:
                row.append(node_id)
        low_x, high_x, high_y = min(low_x, left), max(high_x, right), max(high_y, bottom)
    return places, bands, QRectF(QPointF(low_x, 0.0), QPointF(high_x, high_y))


class ScriptGraph(QGraphicsScene):
    """The scene: rebuilt after structural edits, repainted in place after text edits.

    Small scripts get every item at once. Beyond ``EAGER_NODES`` a node's box
    and arrows are created the first time the view shows the area they cover
    (``reveal``), so opening a 5,000-node script lays it out but only builds
    the few dozen items on screen.
    """

    node_picked = Signal(str)
    EAGER_NODES = 400
    BAND = ROW  # height of one strip of the spatial index

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes: dict[str, NodeBox] = {}
        self._edges: dict[str, QGraphicsPathItem] = {}
        self._places: dict[str, _Place] = {}
        self._bands: dict[int, list[str]] = {}
        self._draft: DraftScript | None = None
        self._errors: set[str] = set()
        self._locale = "es-MX"
        self._pen = QPen(QColor("#64748b"), 1.4)
        self.picked: str | None = None

    def show_script(
        self,
        draft: DraftScript,
        locale: str,
        errors: set[str],
        edges: Mapping[str, list[str]] | None = None,
    ) -> None:
        """Lay out the whole script; build the items now (small) or when shown (large)."""
        self.clear()
        self.boxes, self._edges = {}, {}
        self._draft, self._locale, self._errors = draft, locale, set(errors)
        picked, self.picked = self.picked, None
        nodes = draft.nodes
        if edges is None:
            edges = arrows_of(draft)
        layout = layered_layout(list(nodes), edges, draft.start or None, lanes_of(draft, edges))
        places, bands, extent = _plan(layout, edges, self.BAND)
        self._places, self._bands = places, bands
        self.setSceneRect(extent.adjusted(-60, -60, 60, 60))
        self.picked = picked if picked in places else None
        if len(places) <= self.EAGER_NODES:
            for node_id in places:
                self._materialize(node_id)
        else:
            for view in self.views():
                view.reveal()  # type: ignore[attr-defined]

    def reveal(self, area: QRectF) -> None:
        """Build the items of every node whose box or arrows fall in *area* (scene units)."""
        if len(self.boxes) == len(self._places):
            return
        top, bottom = area.top(), area.bottom()
        left, right = area.left(), area.right()
        for band in range(int(top // self.BAND), int(bottom // self.BAND) + 1):
            for node_id in self._bands.get(band, ()):
                if node_id in self.boxes:
                    continue
                place = self._places[node_id]
                across = place.right >= left and place.left <= right
                if across and place.bottom >= top and place.top <= bottom:
                    self._materialize(node_id)

    def _materialize(self, node_id: str) -> None:
        place, draft = self._places[node_id], self._draft
        node = draft.nodes.get(node_id) if draft is not None else None
        if node is None or draft is None:
            return
        box = NodeBox(node_id, str(node.get("kind")), self._caption(draft, node))
        box.has_error = node_id in self._errors
        box.picked = node_id == self.picked
        box.setZValue(1 if box.picked else 0)
        box.setPos(place.x, place.y)
        self.addItem(box)
        self.boxes[node_id] = box
        if place.ends:
            source = (place.x + NODE_W / 2, place.y + NODE_H)
            item = self.addPath(_arrows(source, place.ends), self._pen)
            item.setZValue(-1)
            self._edges[node_id] = item

    def box_rect(self, node_id: str) -> QRectF | None:
        place = self._places.get(node_id)
        return QRectF(place.x, place.y, NODE_W, NODE_H) if place is not None else None

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
        self._errors = set(errors)
        for node_id in node_ids:
            box, node = self.boxes.get(node_id), draft.nodes.get(node_id)
            if box is not None and node is not None:
                box.set_caption(
                    str(node.get("kind")), self._caption(draft, node), node_id in errors
                )

    def mark_errors(self, errors: set[str]) -> None:
        self._errors = set(errors)
        for node_id, box in self.boxes.items():
            box.set_caption(box.kind, box.caption, node_id in errors)

    def select_node(self, node_id: str) -> None:
        """Highlight *node_id* and scroll it into view (no signal: the caller knows)."""
        rect = self.box_rect(node_id)
        if rect is None:
            return
        if self.picked in self.boxes and self.picked != node_id:
            self.boxes[self.picked].set_picked(False)
        self.picked = node_id
        for view in self.views():
            view.ensureVisible(rect, 80, 80)  # scrolling reveals the box if it was not built
        if node_id not in self.boxes:
            self._materialize(node_id)
        self.boxes[node_id].set_picked(True)

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

    def reveal(self) -> None:
        """Have the scene build whatever the viewport now shows (plus a screen of margin)."""
        scene = self.scene()
        if isinstance(scene, ScriptGraph):
            area = self.mapToScene(self.viewport().rect()).boundingRect()
            scene.reveal(area.adjusted(-area.width(), -area.height(), area.width(), area.height()))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.reveal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reveal()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reveal()

    @property
    def scale_factor(self) -> float:
        return float(self.transform().m11())

    def zoom(self, factor: float) -> None:
        wanted = min(self.MAX_SCALE, max(self.MIN_SCALE, self.scale_factor * factor))
        ratio = wanted / self.scale_factor
        self.scale(ratio, ratio)
        self.reveal()

    def reset_zoom(self) -> None:
        self.resetTransform()
        self.reveal()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
        else:
            super().wheelEvent(event)
