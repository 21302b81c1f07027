"""Which rows of the floor the supervisor sees, and in what order.

A ``QSortFilterProxyModel`` over ``FloorModel``: filter by state, campaign, free text (agent
name, username, pause code, script step, help message) and "needs attention only"; sort by
each column's ``SORT_ROLE`` key. The proxy re-checks only the rows the source signals, so a
delta costs one row. It must never change the source model.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from .floor_model import AGENT_ROLE, ENTRY_ROLE, FLAGS_ROLE, SORT_ROLE


class FloorFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state: str | None = None
        self._campaign: str | None = None
        self._text = ""
        self._attention_only = False
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_state(self, state: str | None) -> None:
        self.beginFilterChange()
        self._state = state or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_campaign(self, campaign: str | None) -> None:
        self.beginFilterChange()
        self._campaign = campaign or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_attention_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._attention_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def agent_at(self, row: int) -> str | None:
        if not 0 <= row < self.rowCount():
            return None
        agent = self.index(row, 0).data(AGENT_ROLE)
        return str(agent) if agent is not None else None

    def row_of(self, agent: str) -> int:
        for row in range(self.rowCount()):
            if self.index(row, 0).data(AGENT_ROLE) == agent:
                return row
        return -1

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        source = self.sourceModel()
        index = source.index(source_row, 0, source_parent)
        entry = index.data(ENTRY_ROLE)
        if entry is None:
            return False
        if self._state is not None and entry.state != self._state:
            return False
        if self._campaign is not None and entry.campaign != self._campaign:
            return False
        if self._attention_only and not index.data(FLAGS_ROLE):
            return False
        if self._text:
            haystack = " ".join(
                str(part or "")
                for part in (
                    entry.display_name,
                    entry.agent,
                    entry.pause_code,
                    entry.campaign,
                    entry.script_node,
                    entry.help_message,
                    entry.team,
                )
            ).casefold()
            if self._text not in haystack:
                return False
        return True
