"""The agent's state machine: ready, not ready (with a pause code), on call, wrap-up, logged out.

It moves the session's `state`, tells the hub (offline, the sync client re-sends the latest
state on reconnect), runs the campaign's wrap-up clock, and holds a supervisor's not-ready or
sign-out order until the wrap-up under way is submitted. It must never import widgets and never
decide what a call wrote (desktop.agent.call_writes does).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop.agent.session_ports import HubSession

if TYPE_CHECKING:
    from desktop.agent.session import AgentSession

log = logging.getLogger("acuerdo.desktop")


class AgentStates(QObject):
    def __init__(self, session: AgentSession, client: HubSession) -> None:
        super().__init__(session)
        self._session = session
        self._client = client
        # A supervisor's force_not_ready / logout that waits for the wrap-up to be submitted.
        self.after_wrapup: str | None = None
        self._wrapup_timer = QTimer(self)
        self._wrapup_timer.setSingleShot(True)
        self._wrapup_timer.timeout.connect(self._wrapup_time_up)

    def set(self, state: str, force: bool = False) -> None:
        # `force`: a new pause code is a new state for the clock even if still not ready.
        session = self._session
        if state != session.state or force:
            if state != "not_ready":
                session.pause_code = None
            session.state = state
            session.state_since = time.monotonic()
            session.agent_state_changed.emit(state)

    async def send(self, state: str) -> None:
        phone = self._session.phone
        uri = phone.contact_uri if phone is not None else None
        try:
            await self._client.set_state(state, sip_uri=uri, pause_code=self._session.pause_code)
        except ConnectionError:
            # Offline: the sync client sends the latest state when the link comes back.
            log.info("state %s not sent: offline", state)

    def move(self, state: str, force: bool = False) -> None:
        """Change state here and tell the hub in the background."""
        self.set(state, force)
        self._session._spawn(self.send(state), "state")

    # --- wrap-up ----------------------------------------------------------------

    def call_ended(self) -> None:
        session = self._session
        if session.state != "on_call":
            return
        self.move("wrap_up")
        suggested = session.script.disposition
        if session.right_party == "refused":
            suggested = "not_verified"
        limit_s = session.rules.policy.wrapup_limit_s
        if limit_s > 0:
            session.wrapup_deadline = time.monotonic() + limit_s
            self._wrapup_timer.start(limit_s * 1000)
        session.wrapup_started.emit(suggested)

    def extend_wrapup(self, seconds: int) -> bool:
        session = self._session
        if session.state != "wrap_up" or session.wrapup_deadline is None or seconds <= 0:
            return False
        session.wrapup_deadline += seconds
        left = max(0.0, session.wrapup_deadline - time.monotonic())
        self._wrapup_timer.start(int(left * 1000))
        session.wrapup_extended.emit(session.wrapup_deadline)
        return True

    def _wrapup_time_up(self) -> None:
        session = self._session
        if session.state == "wrap_up" and session.offer is not None:
            log.info("wrap-up limit reached for handoff %s", session.offer.handoff_id)
            session.wrapup_expired.emit(session.rules.policy.timeout_disposition)

    async def wrapup_submitted(self) -> str | None:
        """Leave wrap-up for the next state; returns the supervisor order it carried out."""
        session = self._session
        next_state = "ready" if session.ready_after_wrapup else "not_ready"
        order, self.after_wrapup = self.after_wrapup, None
        if order == "force_not_ready":
            next_state, session.pause_code = "not_ready", "supervisor"
        elif order == "logout":
            next_state = "logged_out"
        self.set(next_state)
        await self.send(next_state)
        return order

    def stop_clock(self) -> None:
        self._wrapup_timer.stop()
        self._session.wrapup_deadline = None

    # --- supervisor orders --------------------------------------------------------

    def supervisor_not_ready(self) -> None:
        """Not ready at once, or (on a call, in wrap-up) as soon as the wrap-up is submitted."""
        session = self._session
        if session.state in ("on_call", "wrap_up"):
            self.after_wrapup = self.after_wrapup or "force_not_ready"
            return
        session.pause_code = "supervisor"
        self.move("not_ready", force=True)

    def supervisor_logout(self) -> None:
        """Sign out; a wrap-up under way is submitted first (the agent's choice or the
        campaign's time-out code)."""
        session = self._session
        self.after_wrapup = "logout"
        if session.state == "wrap_up":
            session.wrapup_expired.emit(session.rules.policy.timeout_disposition)
        elif session.state != "on_call":
            self.after_wrapup = None
            self.move("logged_out")
            session.logout_ordered.emit()
