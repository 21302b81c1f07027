"""The supervisor's window by keyboard and screen reader: names, shortcuts, literal text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from desktop.supervisor.floor_model import COL, FloorModel
from desktop.supervisor.monitor import MonitorSession
from desktop.supervisor.window import SupervisorWindow

from .conftest import NOW, entry, floor


async def _offline(*_: object) -> object:
    raise ConnectionError


def make_window(qtbot: QtBot) -> SupervisorWindow:
    model = FloorModel()
    model.apply_snapshot(1, floor(12), NOW)
    window = SupervisorWindow(model, MonitorSession(_offline, None), "Carmen", "en_US")
    qtbot.addWidget(window)
    window.show()
    return window


def test_every_control_is_named_and_every_action_has_a_key(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    for kind in (QAbstractButton, QComboBox, QLineEdit, QTableView):
        for widget in window.findChildren(kind):
            if widget.objectName().startswith("qt_") or not widget.isVisible():
                continue
            assert widget.objectName(), widget
            assert widget.accessibleName(), widget.objectName()
    for name, action in window.actions_by_name.items():
        assert not action.shortcut().isEmpty(), name
        assert action.shortcut().toString() in action.toolTip()


def test_actions_follow_the_selected_agent(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    actions = window.actions_by_name
    assert not actions["listen"].isEnabled()  # nothing selected
    window.floor.select_agent("agent001")  # on a call
    window.update_actions()
    assert actions["listen"].isEnabled() and actions["force_not_ready"].isEnabled()
    assert not actions["extend_60"].isEnabled() and not actions["clear_help"].isEnabled()
    window.floor.select_agent("agent002")  # in wrap-up
    window.update_actions()
    assert actions["extend_60"].isEnabled() and not actions["listen"].isEnabled()
    window.floor.select_agent("agent004")  # logged out
    window.update_actions()
    assert not actions["logout"].isEnabled() and not actions["message"].isEnabled()


def test_a_help_message_with_markup_stays_literal(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.floor.model.apply_delta(2, entry("agent005", "ready", help_message="<b>urgente</b>"))
    window.floor.select_agent("agent005")
    window.update_actions()
    assert window.actions_by_name["clear_help"].isEnabled()
    proxy = window.floor.proxy
    index = proxy.index(proxy.row_of("agent005"), COL["attention"])
    assert index.data() == "Help: <b>urgente</b>"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "<p>Help: &lt;b&gt;urgente&lt;/b&gt;</p>"
