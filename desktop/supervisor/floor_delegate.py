"""Paints one floor cell from a single model lookup: colour, attention icon, elided text.

The default delegate asks the model about seven roles per cell; on a 500-agent floor that
repaints several times a second those lookups cost as much as drawing. ``FloorDelegate``
asks once (``CELL_ROLE``: text, background, icon, right-aligned) and draws what the default
would. Screen readers and tooltips still read the model's ordinary roles. It must never
interpret text as markup: cells are drawn with ``drawText``, literally.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .floor_model import CELL_ROLE

PAD = 4
ICON = 16
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class FloorDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        cell = index.data(CELL_ROLE)
        if cell is None:
            super().paint(painter, option, index)
            return
        text, background, icon, right = cell
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.highlight())
        elif background is not None:
            painter.fillRect(rect, background)
        left = rect.x() + PAD
        if icon is not None:
            painter.drawPixmap(left, rect.y() + (rect.height() - ICON) // 2, icon)
            left += ICON + PAD
        width = rect.right() - PAD - left
        if not text or width <= 0:
            return
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(palette.color(role))
        shown = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        painter.drawText(
            QRect(left, rect.y(), width, rect.height()), _RIGHT if right else _LEFT, shown
        )
        painter.restore()
