"""One listen / coach / join session on an agent's live call, from grant to hang-up.

Start: ``RequestMonitor`` → the hub's signed ``MonitorGrant`` → ``phone.start_monitor`` dials
the agent's softphone with the grant. Switching mode asks for a new grant and sends it in the
same dialog (``phone.change_monitor``): the agent's side rewires the audio live, no new call.
Leave hangs up and tells the hub (``EndMonitor``, for the audit). The session also ends by
itself when the monitor leg disconnects or the board shows the agent's call is over. It must
never touch widgets, dial without a grant, or keep a session open past the agent's call.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from sync.client.model import HubError
from sync.protocol import EndMonitor, MonitorGrant, RequestMonitor

from .commands import refusal_text
from .i18n import mode_label, tr

log = logging.getLogger("acuerdo.supervisor")

Request = Callable[..., Awaitable[Any]]


class MonitorPhone(Protocol):
    def start_monitor(self, sip_uri: str, token: str) -> int: ...

    def change_monitor(self, call_id: int, token: str) -> None: ...

    def hangup(self, call_id: int) -> None: ...


class MonitorSession(QObject):
    """idle → connecting → live (→ switching → live) → idle."""

    changed = Signal()
    notice = Signal(str)  # a line for the status bar: what happened, or why not

    def __init__(
        self,
        request: Request,
        phone: MonitorPhone | None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._request = request
        self._phone = phone
        self._clock = clock
        self.state = "idle"
        self.agent: str | None = None
        self.agent_name = ""
        self.handoff_id: str | None = None
        self.mode: str | None = None
        self.call_id: int | None = None
        self.started_at: float | None = None
        self.clicked_at: float | None = None
        self.heard_at: float | None = None  # the monitor leg confirmed: audio flows

    @property
    def active(self) -> bool:
        return self.state != "idle"

    def elapsed(self) -> float:
        return 0.0 if self.started_at is None else self._clock() - self.started_at

    async def start(self, agent: str, name: str, mode: str) -> bool:
        """Ask for a grant and dial; False (with a notice) when it cannot happen."""
        if self.active:
            if agent == self.agent:
                return await self.switch(mode)
            await self.leave()
        if self._phone is None:
            self.notice.emit(tr("Monitoring needs the softphone, which is not running."))
            return False
        self.clicked_at = self._clock()
        self.state, self.agent, self.agent_name, self.mode = "connecting", agent, name, mode
        self.changed.emit()
        grant = await self._grant(agent, mode)
        if grant is None or self.state != "connecting" or self.agent != agent:
            self._reset()
            return False
        if not grant.sip_uri:
            self.notice.emit(tr("The agent's phone address is not known to the hub."))
            self._reset()
            return False
        try:
            self.call_id = self._phone.start_monitor(grant.sip_uri, grant.token)
        except Exception as exc:  # the softphone's own errors: SIP stack refused, bad URI
            log.warning("monitor call could not start: %s", type(exc).__name__)
            self.notice.emit(tr("The monitor call could not start."))
            self._reset()
            return False
        self.handoff_id = grant.handoff_id
        self.started_at = self._clock()
        self.state = "live"
        log.info("monitoring agent %s (%s), call %s", agent, mode, self.call_id)
        self.notice.emit(tr("{mode}: {name}").format(mode=mode_label(mode), name=name))
        self.changed.emit()
        return True

    async def switch(self, mode: str) -> bool:
        """Same call, new mode: a fresh grant sent in-dialog; the agent's side rewires live."""
        if self.state != "live" or self.agent is None or self.call_id is None:
            return False
        if mode == self.mode:
            return True
        assert self._phone is not None
        self.state = "switching"
        self.changed.emit()
        grant = await self._grant(self.agent, mode)
        if self.state != "switching":
            return False  # ended meanwhile
        self.state = "live"
        if grant is None or grant.handoff_id != self.handoff_id:
            self.changed.emit()
            return False
        try:
            self._phone.change_monitor(self.call_id, grant.token)
        except Exception as exc:
            log.warning("monitor mode change failed: %s", type(exc).__name__)
            self.notice.emit(tr("The mode could not be changed."))
            self.changed.emit()
            return False
        self.mode = mode
        self.notice.emit(tr("{mode}: {name}").format(mode=mode_label(mode), name=self.agent_name))
        self.changed.emit()
        return True

    async def leave(self, reason: str = "left") -> None:
        """Hang up the monitor leg (if any) and tell the hub; the session is idle after."""
        if not self.active:
            return
        agent, handoff_id, call_id = self.agent, self.handoff_id, self.call_id
        self._reset()
        if call_id is not None and self._phone is not None:
            try:
                self._phone.hangup(call_id)
            except Exception as exc:  # already gone: the agent's side ended it first
                log.info("monitor call %s already ended: %s", call_id, type(exc).__name__)
        log.info("monitor of agent %s ended (%s)", agent, reason)
        if agent is not None and handoff_id is not None:
            await self._audit_end(agent, handoff_id)

    # --- events ------------------------------------------------------------------------

    def on_call_changed(self, call: Any) -> bool:
        """The phone's view of our leg; True when it means the session is over."""
        if call.call_id != self.call_id:
            return False
        if call.state == "confirmed" and self.heard_at is None:
            self.heard_at = self._clock()
            self.changed.emit()
        if call.state == "disconnected":
            self.notice.emit(tr("The monitored call ended."))
            return True
        return False

    def on_board_entry(self, entry: Any) -> bool:
        """The board's view of the agent; True when their call is over (caller leaves)."""
        if not self.active or entry.agent != self.agent or self.handoff_id is None:
            return False
        if entry.state == "on_call" and entry.handoff_id == self.handoff_id:
            return False
        self.notice.emit(tr("The monitored call ended."))
        return True

    # --- internals ---------------------------------------------------------------------

    async def _grant(self, agent: str, mode: str) -> MonitorGrant | None:
        try:
            reply = await self._request(RequestMonitor(agent=agent, mode=mode))  # type: ignore[arg-type]
        except (HubError, TimeoutError, ConnectionError) as exc:
            self.notice.emit(refusal_text(exc))
            return None
        if not isinstance(reply, MonitorGrant):
            self.notice.emit(tr("The hub sent an unexpected answer."))
            return None
        return reply

    async def _audit_end(self, agent: str, handoff_id: str) -> None:
        try:
            await self._request(EndMonitor(agent=agent, handoff_id=handoff_id))
        except (HubError, TimeoutError, ConnectionError) as exc:
            log.info("end of monitor not audited: %s", type(exc).__name__)

    def _reset(self) -> None:
        self.state, self.agent, self.agent_name = "idle", None, ""
        self.handoff_id = self.mode = None
        self.call_id = self.started_at = self.clicked_at = self.heard_at = None
        self.changed.emit()
