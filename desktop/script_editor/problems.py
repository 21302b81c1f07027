"""The live problems list: every validation error and warning, one row each.

Clicking (or pressing Enter on) a problem asks the editor to select its node
in the graph, the outline and the form. Problems are few even in large
scripts, so a list widget is enough. This module must never validate by
itself: the editor hands it the engine's findings.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop.common.theme import notifier, status_colour
from scripts_engine import Problem

from .i18n import finding_text, tr

NODE_ROLE = Qt.ItemDataRole.UserRole


class ProblemsList(QListWidget):
    node_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # Not "problems": the app's theme paints its form-error labels of that name red.
        self.setObjectName("scriptProblems")
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)
        self.problems: tuple[Problem, ...] = ()
        self._parse_error: str | None = None
        # Item colours are fixed when set: show them again in the new look's inks.
        notifier().changed.connect(
            lambda _look: self.show_problems(self.problems, self._parse_error)
        )

    def show_problems(self, problems: Sequence[Problem], parse_error: str | None = None) -> None:
        self.problems = tuple(problems)
        self._parse_error = parse_error
        self.clear()
        if parse_error:
            item = QListWidgetItem(
                tr("The script cannot be read: {reason}").format(reason=parse_error)
            )
            item.setForeground(QColor(status_colour("bad")))
            self.addItem(item)
        for problem in problems:
            mark = tr("Error") if problem.severity == "error" else tr("Warning")
            where = problem.node_id or tr("script")
            at = (
                tr(" (at character {position})").format(position=problem.position)
                if problem.position is not None
                else ""
            )
            text = finding_text(problem.code, problem.params, problem.message)
            item = QListWidgetItem(f"{mark} · {where}: {text}{at}")
            item.setForeground(
                QColor(status_colour("bad" if problem.severity == "error" else "warn"))
            )
            item.setData(NODE_ROLE, problem.node_id)
            self.addItem(item)
        if not problems and not parse_error:
            item = QListWidgetItem(tr("No problems: this script can be published."))
            item.setForeground(QColor(status_colour("good")))
            self.addItem(item)

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    def _chosen(self, item: QListWidgetItem) -> None:
        node_id = item.data(NODE_ROLE)
        if isinstance(node_id, str) and node_id:
            self.node_chosen.emit(node_id)
