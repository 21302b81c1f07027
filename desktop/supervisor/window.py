"""The supervisor's main window: the floor, the monitor strip and the KPI dashboard.

Layout and keyboard only: the floor table on top (with its filters), the monitor strip, the
KPI dashboard below in a splitter, a status line for outcomes. Every action has a shortcut
and appears in a menu; actions on an agent are also the floor's context menu. Whether an
action is enabled follows the selected agent's state. It must never talk to the hub or the
phone: the ``SupervisorDesk`` connects the actions to what they do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from desktop.common.theme import restyle
from desktop.settings import window as settings_window

from .floor_model import FloorModel
from .floor_view import FloorView
from .i18n import tr
from .kpi_board import KpiBoard
from .monitor import MonitorSession
from .monitor_panel import MonitorPanel

MONITOR_KEYS = {"listen": "F5", "coach": "F6", "join": "F7", "leave": "F8"}
AGENT_KEYS = {
    "force_not_ready": "Ctrl+Shift+N",
    "logout": "Ctrl+Shift+L",
    "extend_60": "Ctrl+Shift+E",
    "extend_120": "Ctrl+Shift+W",
    "extend_custom": "Ctrl+Shift+T",
    "message": "Ctrl+Shift+M",
    "clear_help": "Ctrl+Shift+H",
}


class SupervisorWindow(QMainWindow):
    close_requested = Signal()

    def __init__(
        self,
        model: FloorModel,
        monitor: MonitorSession,
        display_name: str,
        locale: str = "es_MX",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorWindow")
        self.setWindowTitle(tr("Floor — {name}").format(name=display_name))
        self.setAccessibleName(tr("Supervisor floor"))
        self._allow_close = False
        self.actions_by_name: dict[str, QAction] = {}
        self.floor = FloorView(model, parent=self)
        self.kpis = KpiBoard(locale, parent=self)
        monitor_actions = [
            self._action(name, text, key)
            for name, text, key in (
                ("listen", tr("Listen"), MONITOR_KEYS["listen"]),
                ("coach", tr("Coach"), MONITOR_KEYS["coach"]),
                ("join", tr("Join"), MONITOR_KEYS["join"]),
                ("leave", tr("Leave"), MONITOR_KEYS["leave"]),
            )
        ]
        self.monitor_panel = MonitorPanel(monitor, monitor_actions, self)
        agent_actions = [
            self._action(name, text, AGENT_KEYS[name])
            for name, text in (
                ("force_not_ready", tr("Force not ready")),
                ("logout", tr("Log out…")),
                ("extend_60", tr("Extend wrap-up +60 s")),
                ("extend_120", tr("Extend wrap-up +120 s")),
                ("extend_custom", tr("Extend wrap-up…")),
                ("message", tr("Send message…")),
                ("clear_help", tr("Clear help flag")),
            )
        ]
        separator = QAction(self)
        separator.setSeparator(True)
        self.floor.set_row_actions([*monitor_actions[:3], separator, *agent_actions])

        self.notice = QLabel(self)
        self.notice.setObjectName("supervisorNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setAccessibleName(tr("Last outcome"))
        self.link = QLabel(self)
        self.link.setObjectName("hubLink")
        self.link.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.notice, 1)
        self.statusBar().addPermanentWidget(self.link)

        top = QWidget(self)
        column = QVBoxLayout(top)
        column.setContentsMargins(6, 6, 6, 0)
        column.addWidget(self.floor, 1)
        column.addWidget(self.monitor_panel)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("supervisorSplitter")
        splitter.addWidget(top)
        splitter.addWidget(self.kpis)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)

        self._menus(monitor_actions, agent_actions)
        self.floor.selection_changed.connect(self.update_actions)
        model.dataChanged.connect(lambda *_: self.update_actions())
        monitor.changed.connect(self.update_actions)
        self._monitor = monitor
        self._model = model
        self.update_actions()

    # --- public ------------------------------------------------------------------------

    def show_notice(self, text: str, problem: bool = False) -> None:
        self.notice.setText(text)
        # The theme's stylesheet colours a problem (#supervisorNotice[problem="yes"]).
        restyle(self.notice, "problem", "yes" if problem else "no")

    def on_connection(self, state: str) -> None:
        texts = {
            "online": tr("Hub: connected"),
            "connecting": tr("Hub: connecting…"),
        }
        self.link.setText(texts.get(state, tr("Hub: offline")))

    def update_actions(self) -> None:
        """Enable what makes sense for the selected agent (and the open session)."""
        agent = self.floor.current_agent()
        entry = self._model.entry(agent) if agent else None
        state = entry.state if entry is not None else None
        on_call = state == "on_call"
        session = self._monitor
        enabled = {
            "listen": on_call or session.active,
            "coach": on_call or session.active,
            "join": on_call or session.active,
            "leave": session.active,
            "force_not_ready": state in ("ready", "on_call", "wrap_up"),
            "logout": state is not None and state != "logged_out",
            "extend_60": state == "wrap_up",
            "extend_120": state == "wrap_up",
            "extend_custom": state == "wrap_up",
            "message": state is not None and state != "logged_out",
            "clear_help": agent is not None and "help" in self._model.attention_of(agent),
        }
        for name, on in enabled.items():
            action = self.actions_by_name[name]
            if action.isEnabled() != on:
                action.setEnabled(on)
        for mode in ("listen", "coach", "join"):
            action = self.actions_by_name[mode]
            action.setChecked(session.active and session.mode == mode)

    def allow_close(self) -> None:
        self._allow_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._allow_close:
            event.accept()
            return
        # The desk decides: it leaves any monitor session before the window goes.
        event.ignore()
        self.close_requested.emit()

    # --- internals ---------------------------------------------------------------------

    def _action(self, name: str, text: str, key: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{text.replace('&', '')} ({action.shortcut().toString()})")
        action.setCheckable(name in ("listen", "coach", "join"))
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _menus(self, monitor_actions: list[QAction], agent_actions: list[QAction]) -> None:
        bar = self.menuBar()
        floor = bar.addMenu(tr("&Floor"))
        floor.setObjectName("floorMenu")
        floor.addAction(self.floor.find_action)
        # The desk's settings (theme previewed live); disabled when the desk has none (demo).
        settings_action = self._action("settings", tr("&Settings…"), settings_window.KEY)
        settings_action.setEnabled(settings_window.desk_settings() is not None)
        settings_action.triggered.connect(lambda _=False: settings_window.open_settings(self))
        floor.addAction(settings_action)
        quit_action = self._action("quit", tr("Quit"), "Ctrl+Q")
        quit_action.triggered.connect(lambda _=False: self.close_requested.emit())
        floor.addSeparator()
        floor.addAction(quit_action)
        monitor = bar.addMenu(tr("&Monitor"))
        monitor.setObjectName("monitorMenu")
        for action in monitor_actions:
            monitor.addAction(action)
        agent = bar.addMenu(tr("&Agent"))
        agent.setObjectName("agentMenu")
        for action in agent_actions:
            agent.addAction(action)
