"""Supervisor orders to one agent (force not ready, log out, extend wrap-up, message, clear help).

Each order is one ``CommandAgent`` request through the sync client; the hub authorises it by
role, audits it and applies it. The outcome comes back as plain text for the status line:
what was done, or why not (not allowed, unknown agent, hub offline, no answer). This module
must never touch widgets or decide on its own to send an order.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sync.client.model import HubError
from sync.protocol import CommandAgent

from .i18n import tr

log = logging.getLogger("acuerdo.supervisor")

Request = Callable[..., Awaitable[Any]]
ACTIONS = ("force_not_ready", "logout", "extend_wrapup", "message", "clear_help")
MAX_EXTENSION_S = 1800


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    text: str


def refusal_text(exc: BaseException) -> str:
    """Why an order (or any supervisor request) did not happen, in the supervisor's words."""
    if isinstance(exc, HubError):
        known = {
            "forbidden": tr("You are not allowed to do that."),
            "unknown_agent": tr("The hub does not know that agent."),
            "not_on_call": tr("The agent is no longer on a call."),
            "bad_request": tr("The hub refused the request: {reason}"),
        }
        return known.get(exc.code, tr("The hub refused the request: {reason}")).format(
            reason=exc.reason
        )
    if isinstance(exc, TimeoutError):
        return tr("The hub did not answer in time. Try again.")
    return tr("The hub is offline. Try again when the connection is back.")


def done_text(action: str, name: str, seconds: int = 0) -> str:
    texts = {
        "force_not_ready": tr("{name} is now not ready."),
        "logout": tr("{name} was logged out."),
        "extend_wrapup": tr("{name} has {seconds} more seconds of wrap-up."),
        "message": tr("Message sent to {name}."),
        "clear_help": tr("Help flag of {name} cleared."),
    }
    return texts[action].format(name=name, seconds=seconds)


class AgentCommands:
    """Sends orders through ``request`` (the sync client's) and words the outcome."""

    def __init__(self, request: Request) -> None:
        self._request = request

    async def send(
        self, agent: str, name: str, action: str, *, seconds: int = 0, text: str = ""
    ) -> Outcome:
        if action not in ACTIONS:
            raise ValueError(f"unknown supervisor action {action!r}")
        if action == "extend_wrapup" and not 1 <= seconds <= MAX_EXTENSION_S:
            return Outcome(False, tr("An extension is between 1 and 1800 seconds."))
        if action == "message" and not text.strip():
            return Outcome(False, tr("Write a message first."))
        order = CommandAgent(
            agent=agent,
            action=action,  # type: ignore[arg-type]
            seconds=seconds,
            text=text.strip(),
        )
        try:
            await self._request(order)
        except (HubError, TimeoutError, ConnectionError) as exc:
            log.info("order %s to agent %s not done: %s", action, agent, type(exc).__name__)
            return Outcome(False, refusal_text(exc))
        log.info("order %s to agent %s done", action, agent)
        return Outcome(True, done_text(action, name, seconds))
