"""A supervisor's orders to this desk (`AgentOrder` stream events), carried out in the session.

extend_wrapup gives the wrap-up more time (the countdown follows); force_not_ready leaves the
agent not ready with the pause "supervisor" (after the wrap-up is submitted, when one is under
way); logout signs out, saving a pending wrap-up first; message shows a notice; clear_help
lowers a raised hand. The hub already applied force_not_ready and logout to the agent's presence
so the dialer stops at once. It must never import widgets: notices leave as a signal.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from desktop.agent.help_request import HelpRequest
from desktop.common.i18n import translate
from sync.protocol import AgentOrder

log = logging.getLogger("acuerdo.desktop")


class OrderedSession(Protocol):
    def extend_wrapup(self, seconds: int) -> bool: ...

    def supervisor_not_ready(self) -> None: ...

    def supervisor_logout(self) -> None: ...


class SupervisorOrders(QObject):
    notice = Signal(str, str)  # title, text (already translated)

    def __init__(
        self, session: OrderedSession, help_request: HelpRequest, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._help = help_request
        self.handled: list[str] = []  # actions carried out, in order (support log, tests)

    def on_event(self, event: object) -> bool:
        """Carry out `event` if it is an order; False for any other stream event."""
        if not isinstance(event, AgentOrder):
            return False
        log.info("supervisor order %s (seq %d)", event.action, event.seq)
        handler = {
            "extend_wrapup": self._extend,
            "force_not_ready": self._not_ready,
            "logout": self._logout,
            "message": self._message,
            "clear_help": self._clear_help,
        }.get(event.action)
        if handler is None:
            log.warning("unknown supervisor order %s ignored", event.action)
            return True
        handler(event)
        self.handled.append(event.action)
        return True

    def _extend(self, order: AgentOrder) -> None:
        if self._session.extend_wrapup(order.seconds):
            self.notice.emit(
                translate("Orders", "More time for the wrap-up"),
                translate("Orders", "{by} gave you {seconds} more seconds.").format(
                    by=order.by, seconds=order.seconds
                ),
            )

    def _not_ready(self, order: AgentOrder) -> None:
        self._session.supervisor_not_ready()
        self.notice.emit(
            translate("Orders", "Set to not ready"),
            translate("Orders", "{by} set you to not ready.").format(by=order.by),
        )

    def _logout(self, order: AgentOrder) -> None:
        self.notice.emit(
            translate("Orders", "Signed out"),
            translate("Orders", "{by} signed you out.").format(by=order.by),
        )
        self._session.supervisor_logout()

    def _message(self, order: AgentOrder) -> None:
        self.notice.emit(
            translate("Orders", "Message from {by}").format(by=order.by),
            order.text,
        )

    def _clear_help(self, order: AgentOrder) -> None:
        self._help.cleared_by_supervisor()
        self.notice.emit(
            translate("Orders", "Help request closed"),
            translate("Orders", "{by} closed your help request.").format(by=order.by),
        )
