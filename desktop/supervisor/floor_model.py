"""The live floor as a Qt table model: one row per agent, kept current by board deltas.

A ``BoardSnapshot`` resets the rows; each ``BoardDelta`` then replaces one agent's row and
signals ``dataChanged`` for that row only (deltas older than the snapshot are dropped), so a
busy floor never re-lays-out the table; deltas from the hub are batched every 100 ms. Time
in state and call duration are computed from the entry's timestamps when painted: ``tick``
only moves the model's clock and re-checks the thresholds, signalling the rows whose flags
changed. It must never hold debtor data beyond the
masked reference the hub sends, and never render text as rich text.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap, QPolygonF

from desktop.common.theme import ROW_TINTS, current_look, notifier
from sync.protocol import BoardEntry

from .i18n import duration_text, flag_label, state_label, tr
from .thresholds import FLAGS, Thresholds, attention, seconds_since

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[str, ...] = (
    "agent",
    "state",
    "pause",
    "campaign",
    "debtor",
    "call",
    "node",
    "mos",
    "contacts",
    "promises",
    "attention",
)
COL = {name: i for i, name in enumerate(COLUMNS)}
FLUSH_MS = 100
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_USER = int(Qt.ItemDataRole.UserRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_NUMERIC = frozenset(COL[name] for name in ("mos", "contacts", "promises"))
_ATTENTION = COL["attention"]
SORT_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1
AGENT_ROLE = SORT_ROLE + 1  # the username, whatever the column
FLAGS_ROLE = SORT_ROLE + 2  # tuple of raised flags
ENTRY_ROLE = SORT_ROLE + 3  # the BoardEntry itself
CELL_ROLE = SORT_ROLE + 4  # (text, background brush, icon, right-aligned) for the delegate
FLAG_ORDER = {flag: i for i, flag in enumerate(FLAGS)}
STATE_ORDER = {"on_call": 0, "wrap_up": 1, "ready": 2, "not_ready": 3, "logged_out": 4}
# Row tint (a theme role, see desktop.common.theme.ROW_TINTS) by the most urgent flag; an icon
# and the attention text say the same in words.
FLAG_COLOURS = {
    "help": "alert",
    "poor_mos": "caution",
    "call_long": "notice",
    "wrapup_long": "notice",
}


def _headers() -> dict[str, str]:
    return {
        "agent": tr("Agent"),
        "state": tr("State"),
        "pause": tr("Pause"),
        "campaign": tr("Campaign"),
        "debtor": tr("Debtor"),
        "call": tr("Call"),
        "node": tr("Script step"),
        "mos": tr("MOS"),
        "contacts": tr("Contacts"),
        "promises": tr("Promises"),
        "attention": tr("Attention"),
    }


def attention_icon() -> QPixmap:
    """An amber warning triangle, drawn once: a theme icon may be missing, a lookup is slow."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#7a5a12"), 1))
    painter.setBrush(QColor("#f0b429"))
    painter.drawPolygon(QPolygonF([QPointF(8, 1), QPointF(15, 14.5), QPointF(1, 14.5)]))
    painter.setPen(QPen(QColor("#3d2c00"), 2))
    painter.drawLine(QPointF(8, 5.5), QPointF(8, 9.5))
    painter.drawPoint(QPointF(8, 12))
    painter.end()
    return pixmap


class FloorModel(QAbstractTableModel):
    def __init__(self, limits: Thresholds | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limits = limits or Thresholds()
        self._rows: list[BoardEntry] = []
        self._flags: list[tuple[str, ...]] = []
        self._row_of: dict[str, int] = {}
        self._pending: dict[str, tuple[int, BoardEntry]] = {}
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)
        # Display texts per row with the clock stamp they were made at (None: not yet).
        self._cells: list[tuple[int, list[str]] | None] = []
        self._stamp = 0
        self._states = {state: state_label(state) for state in STATE_ORDER}
        self._seq = -1  # None yet: deltas wait for the snapshot
        self._waiting: list[tuple[int, BoardEntry]] = []
        self._now = dt.datetime.now(dt.UTC)
        self._headers = _headers()
        self._warning = attention_icon()
        # One brush set per look, picked on each lookup: a theme switch re-colours the rows
        # on their next paint, and the dark look's deep tints keep its light text readable.
        self._tints = {
            look: {flag: QBrush(QColor(tints[role])) for flag, role in FLAG_COLOURS.items()}
            for look, tints in ROW_TINTS.items()
        }
        self._brushes = self._tints[current_look()]
        notifier().changed.connect(self._look_changed)

    # --- feeding -----------------------------------------------------------------------

    def apply_snapshot(
        self, seq: int, agents: list[BoardEntry], now: dt.datetime | None = None
    ) -> None:
        """Every agent now; deltas that arrived before it and are newer are applied after."""
        if now is not None:
            self._now = now
        self.beginResetModel()
        self._rows = list(agents)
        self._row_of = {e.agent: i for i, e in enumerate(self._rows)}
        self._flags = [attention(e, self._now, self.limits) for e in self._rows]
        self._cells = [None] * len(self._rows)
        self._seq = seq
        self.endResetModel()
        waiting, self._waiting = self._waiting, []
        for seq_, entry in sorted(waiting, key=lambda pair: pair[0]):
            self.apply_delta(seq_, entry)

    def push(self, seq: int, entry: BoardEntry) -> None:
        """A delta from the hub, applied with the others of the next ~100 ms.

        A busy floor sends 50 deltas a second; a person reads it at a few updates a second.
        Batching means one repaint per batch, and an agent who changed twice meanwhile is
        updated once.
        """
        known = self._pending.get(entry.agent)
        if known is None or known[0] < seq:
            self._pending[entry.agent] = (seq, entry)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _look_changed(self, look: str) -> None:
        # apply_theme re-polishes and repaints every view; the next paint asks for these.
        self._brushes = self._tints["dark" if look == "dark" else "light"]

    def flush(self) -> int:
        """Apply every pushed delta now, oldest first; how many rows it touched."""
        self._flush_timer.stop()
        pending, self._pending = self._pending, {}
        for seq, entry in sorted(pending.values(), key=lambda pair: pair[0]):
            self.apply_delta(seq, entry)
        return len(pending)

    def apply_delta(self, seq: int, entry: BoardEntry) -> None:
        """One agent changed: replace that row (or add it) without touching the others."""
        if self._seq < 0:
            self._waiting.append((seq, entry))
            return
        if seq <= self._seq:
            return  # already in the snapshot, or a replay after a reconnect
        self._seq = seq
        row = self._row_of.get(entry.agent)
        if row is None:
            row = len(self._rows)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.append(entry)
            self._flags.append(attention(entry, self._now, self.limits))
            self._cells.append(None)
            self._row_of[entry.agent] = row
            self.endInsertRows()
            return
        self._rows[row] = entry
        self._flags[row] = attention(entry, self._now, self.limits)
        self._cells[row] = None
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def tick(self, now: dt.datetime) -> int:
        """Move the clock; re-check thresholds; signal only rows whose flags changed."""
        self._now = now
        self._stamp += 1  # every row's times are stale; rows are redone when painted
        changed = 0
        for row, entry in enumerate(self._rows):
            flags = attention(entry, now, self.limits)
            if flags != self._flags[row]:
                self._flags[row] = flags
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                changed += 1
        return changed

    def set_limits(self, limits: Thresholds) -> None:
        self.limits = limits
        self.tick(self._now)

    # --- reading -----------------------------------------------------------------------

    @property
    def now(self) -> dt.datetime:
        return self._now

    def entry(self, agent: str) -> BoardEntry | None:
        row = self._row_of.get(agent)
        return self._rows[row] if row is not None else None

    def attention_of(self, agent: str) -> tuple[str, ...]:
        row = self._row_of.get(agent)
        return self._flags[row] if row is not None else ()

    def entries(self) -> list[BoardEntry]:
        return list(self._rows)

    def campaigns(self) -> list[str]:
        return sorted({e.campaign for e in self._rows if e.campaign})

    # --- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[COLUMNS[section]]
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Painting asks ~7 roles per visible cell, many times a second on a busy floor:
        # plain int comparisons and a per-row text cache keep this off the frame budget.
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            cells = self._cells[row]
            if cells is None or cells[0] != self._stamp:
                cells = self._cells[row] = (self._stamp, self._row_texts(row))
            return cells[1][column]
        if role == _BACKGROUND:
            flags = self._flags[row]
            return self._brushes[flags[0]] if flags else None
        if role == _DECORATION:
            return self._warning if column == 0 and self._flags[row] else None
        if role == _ALIGNMENT:
            return _RIGHT if column in _NUMERIC else None
        if role < _USER:
            if role == _TOOLTIP and column == _ATTENTION and self._flags[row]:
                # Qt renders a tooltip as rich text when it looks like markup; escaped and
                # wrapped, the agent's words show literally whatever they contain.
                text = self._attention_text(self._rows[row], self._flags[row])
                return f"<p>{html.escape(text)}</p>"
            return None
        if role == CELL_ROLE:
            cells = self._cells[row]
            if cells is None or cells[0] != self._stamp:
                cells = self._cells[row] = (self._stamp, self._row_texts(row))
            flags = self._flags[row]
            return (
                cells[1][column],
                self._brushes[flags[0]] if flags else None,
                self._warning if column == 0 and flags else None,
                column in _NUMERIC,
            )
        entry, flags = self._rows[row], self._flags[row]
        if role == SORT_ROLE:
            return self._sort_key(entry, flags, COLUMNS[column])
        if role == AGENT_ROLE:
            return entry.agent
        if role == FLAGS_ROLE:
            return flags
        if role == ENTRY_ROLE:
            return entry
        return None

    def _row_texts(self, row: int) -> list[str]:
        entry, flags = self._rows[row], self._flags[row]
        return [self._text(entry, flags, column) for column in COLUMNS]

    def _text(self, entry: BoardEntry, flags: tuple[str, ...], column: str) -> str:
        if column == "agent":
            return str(entry.display_name)
        if column == "state":
            spent = duration_text(seconds_since(entry.since, self._now))
            label = self._states.get(entry.state) or state_label(entry.state)
            return f"{label} · {spent}" if spent else label
        if column == "pause":
            return entry.pause_code or ""
        if column == "campaign":
            return entry.campaign or ""
        if column == "debtor":
            return entry.debtor_ref or ""
        if column == "call":
            if entry.state != "on_call":
                return ""
            return duration_text(seconds_since(entry.call_started_at, self._now))
        if column == "node":
            return entry.script_node or ""
        if column == "mos":
            mos = entry.mos
            return f"{mos:.1f}" if mos is not None else ""
        if column == "contacts":
            return str(entry.contacts_today)
        if column == "promises":
            return str(entry.promises_today)
        return self._attention_text(entry, flags)

    def _attention_text(self, entry: BoardEntry, flags: tuple[str, ...]) -> str:
        parts = []
        for flag in flags:
            if flag == "help" and entry.help_message:
                parts.append(tr("Help: {message}").format(message=entry.help_message))
            else:
                parts.append(flag_label(flag))
        return " · ".join(parts)

    def _sort_key(self, entry: BoardEntry, flags: tuple[str, ...], column: str) -> Any:
        if column == "agent":
            return entry.display_name.casefold()
        if column == "state":
            # By state, then longest in it first (an earlier `since` sorts first).
            since = entry.since.timestamp() if entry.since else 0.0
            return f"{STATE_ORDER.get(entry.state, 9)}:{since:014.3f}"
        if column == "call":
            started = entry.call_started_at
            return -started.timestamp() if started and entry.state == "on_call" else 0.0
        if column == "mos":
            mos = entry.mos
            return mos if mos is not None else 9.0
        if column in ("contacts", "promises"):
            return entry.contacts_today if column == "contacts" else entry.promises_today
        if column == "attention":
            # Most urgent first when sorted ascending; rows without a flag last.
            return min(FLAG_ORDER[f] for f in flags) if flags else len(FLAG_ORDER)
        return self._text(entry, flags, column).casefold()
