"""The supervisor's desk: wires the floor, the orders, monitoring and KPIs to the hub and phone.

``SupervisorDesk`` subscribes to the board (and again after every reconnect: a fresh snapshot
beats replaying a day of deltas), routes ``BoardDelta`` stream events into the floor model,
turns the window's actions into ``AgentCommands`` and ``MonitorSession`` calls, and polls the
floor's KPIs every ~10 s. Everything that waits on the hub runs as an asyncio task, so the
window never freezes. It must never contain business rules (the hub decides) or debtor data.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox

from sync.client.model import HubError
from sync.protocol import BoardDelta, BoardSnapshot, SubscribeBoard

from .commands import AgentCommands, refusal_text
from .floor_model import FloorModel
from .i18n import tr
from .kpis import KpiPoller, figures
from .monitor import MonitorPhone, MonitorSession
from .thresholds import Thresholds
from .window import SupervisorWindow

log = logging.getLogger("acuerdo.supervisor")

Request = Callable[..., Awaitable[Any]]
KPI_POLL_MS = 10_000
# Figures from board deltas are recomputed at most this often (a busy floor sends 50/s).
FIGURES_MS = 1000


class SupervisorDesk(QObject):
    close_requested = Signal()

    def __init__(
        self,
        request: Request,
        phone: MonitorPhone | None,
        display_name: str,
        locale: str = "es_MX",
        settings: Any | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._request = request
        self.model = FloorModel(Thresholds.from_settings(settings), self)
        self.monitor = MonitorSession(request, phone, parent=self)
        self.commands = AgentCommands(request)
        self.kpis = KpiPoller(request)
        self.window = SupervisorWindow(self.model, self.monitor, display_name, locale)
        self.window.close_requested.connect(self.close_requested)
        self.monitor.notice.connect(lambda text: self.window.show_notice(text))
        self.floor = self.window.floor
        self.floor.agent_activated.connect(lambda agent: self._monitor(agent, "listen"))
        self._tasks: set[asyncio.Task[Any]] = set()
        self.subscribed = asyncio.Event()
        self._wire_actions()
        self.kpi_timer = QTimer(self)
        self.kpi_timer.setInterval(KPI_POLL_MS)
        self.kpi_timer.timeout.connect(lambda: self.spawn(self.refresh_kpis()))
        self.figures_timer = QTimer(self)
        self.figures_timer.setSingleShot(True)
        self.figures_timer.setInterval(FIGURES_MS)
        self.figures_timer.timeout.connect(self.show_figures)
        self.model.dataChanged.connect(lambda *_: self._figures_soon())
        self.model.modelReset.connect(self.show_figures)

    # --- lifecycle ---------------------------------------------------------------------

    def show(self) -> None:
        self.window.resize(1280, 820)
        self.window.show()
        self.kpi_timer.start()

    async def subscribe(self) -> bool:
        """Ask for the board; the snapshot replaces the rows (deltas before it wait)."""
        try:
            reply = await self._request(SubscribeBoard())
        except (HubError, TimeoutError, ConnectionError) as exc:
            self.window.show_notice(refusal_text(exc), problem=True)
            return False
        if not isinstance(reply, BoardSnapshot):
            return False
        self.model.apply_snapshot(reply.seq, reply.agents, dt.datetime.now(dt.UTC))
        self.subscribed.set()
        log.info("board: %d agents", len(reply.agents))
        await self.refresh_kpis()
        return True

    async def stop(self) -> None:
        self.kpi_timer.stop()
        self.floor.timer.stop()
        await self.monitor.leave("desk closed")
        for task in list(self._tasks):
            task.cancel()
        self.window.allow_close()
        self.window.close()

    # --- from the hub and the phone ----------------------------------------------------

    def on_connection(self, state: str, _detail: str = "") -> None:
        self.window.on_connection(state)
        if state == "online":
            self.spawn(self.subscribe())

    def on_event(self, event: Any) -> None:
        if isinstance(event, BoardDelta):
            self.model.push(event.seq, event.entry)
            if self.monitor.on_board_entry(event.entry):
                self.spawn(self.monitor.leave("agent call ended"))

    def on_call_changed(self, call: Any) -> None:
        if self.monitor.on_call_changed(call):
            self.spawn(self.monitor.leave("monitor leg ended"))

    # --- KPIs --------------------------------------------------------------------------

    async def refresh_kpis(self) -> None:
        await self.kpis.poll()
        self.show_figures()

    def show_figures(self) -> None:
        self.window.kpis.show_figures(figures(self.kpis.latest, self.model.entries()))

    def _figures_soon(self) -> None:
        if not self.figures_timer.isActive():
            self.figures_timer.start()

    # --- actions -----------------------------------------------------------------------

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _wire_actions(self) -> None:
        actions = self.window.actions_by_name
        for mode in ("listen", "coach", "join"):
            actions[mode].triggered.connect(
                lambda _=False, m=mode: self._monitor(self._mode_target(), m)
            )
        actions["leave"].triggered.connect(lambda _=False: self.spawn(self.monitor.leave()))
        simple = {"force_not_ready": 0, "extend_60": 60, "extend_120": 120, "clear_help": 0}
        for name, seconds in simple.items():
            action = "extend_wrapup" if name.startswith("extend") else name
            actions[name].triggered.connect(
                lambda _=False, a=action, s=seconds: self.order(a, seconds=s)
            )
        actions["logout"].triggered.connect(lambda _=False: self.confirm_logout())
        actions["extend_custom"].triggered.connect(lambda _=False: self.ask_extension())
        actions["message"].triggered.connect(lambda _=False: self.ask_message())

    def _monitor(self, agent: str | None, mode: str) -> None:
        if self.monitor.active and agent in (None, self.monitor.agent):
            # The mode buttons act on the open session, whichever row is selected.
            self.spawn(self.monitor.switch(mode))
            return
        if agent is None:
            return
        entry = self.model.entry(agent)
        if entry is None or entry.state != "on_call":
            self.window.show_notice(tr("Only an agent on a call can be monitored."), problem=True)
            return
        self.spawn(self.monitor.start(agent, entry.display_name, mode))

    def _mode_target(self) -> str | None:
        """The selected agent, or the monitored one when the selection is not on a call."""
        agent = self.floor.current_agent()
        entry = self.model.entry(agent) if agent else None
        if self.monitor.active and (entry is None or entry.state != "on_call"):
            return self.monitor.agent
        return agent

    def order(
        self, action: str, *, seconds: int = 0, text: str = "", agent: str | None = None
    ) -> asyncio.Task[Any] | None:
        agent = agent or self.floor.current_agent()
        entry = self.model.entry(agent) if agent else None
        if agent is None or entry is None:
            return None
        return self.spawn(self._send(agent, entry.display_name, action, seconds, text))

    async def _send(self, agent: str, name: str, action: str, seconds: int, text: str) -> bool:
        outcome = await self.commands.send(agent, name, action, seconds=seconds, text=text)
        self.window.show_notice(outcome.text, problem=not outcome.ok)
        return outcome.ok

    # --- dialogs (non-blocking: the floor keeps updating while they are open) -------------

    def confirm_logout(self) -> QMessageBox | None:
        agent = self.floor.current_agent()
        entry = self.model.entry(agent) if agent else None
        if agent is None or entry is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Log out agent"),
            tr("Log {name} out now? A call in progress is not cut, but no new call comes.").format(
                name=entry.display_name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("confirmLogout")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.order("logout", agent=agent))
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def ask_extension(self) -> QInputDialog | None:
        return self._ask(
            "extendDialog",
            tr("Extend wrap-up"),
            tr("More seconds of wrap-up (1 to 1800):"),
            lambda dialog, agent: self.order(
                "extend_wrapup", seconds=dialog.intValue(), agent=agent
            ),
            integer=True,
        )

    def ask_message(self) -> QInputDialog | None:
        return self._ask(
            "messageDialog",
            tr("Send message"),
            tr("Message for the agent:"),
            lambda dialog, agent: self.order("message", text=dialog.textValue(), agent=agent),
        )

    def _ask(
        self,
        name: str,
        title: str,
        label: str,
        send: Callable[[QInputDialog, str], object],
        integer: bool = False,
    ) -> QInputDialog | None:
        agent = self.floor.current_agent()
        if agent is None:
            return None
        dialog = QInputDialog(self.window)
        dialog.setObjectName(name)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setAccessibleName(title)
        if integer:
            dialog.setInputMode(QInputDialog.InputMode.IntInput)
            dialog.setIntRange(1, 1800)
            dialog.setIntValue(180)
        dialog.accepted.connect(lambda: send(dialog, agent))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
