"""Signing out at the end of a shift: close the wrap-up, tell the hub, forget the session.

A live call must end first (the agent is told so). A wrap-up still open is submitted with the
campaign's timeout disposition (what the countdown would have done), the outbox gets a few
seconds to deliver it, then the agent goes logged out on the hub and the sync client logs out
(token and cached debtors forgotten; unsent work stays in the outbox for the next sign-in). It
must never close windows or stop the phone: the desk does that once this says the agent is
signed out.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

from desktop.agent.session import AgentSession
from desktop.common import messages
from desktop.common.i18n import translate

log = logging.getLogger("acuerdo.desktop")

# How long sign-out waits for the outbox to deliver before it logs out anyway.
DELIVERY_WAIT_S = 5.0
DELIVERY_POLL_S = 0.05


class LoggingOutClient(Protocol):
    async def set_state(
        self, state: Any, sip_uri: str | None = None, pause_code: str | None = None
    ) -> None: ...

    async def logout(self) -> None: ...

    def pending_count(self) -> int: ...


async def sign_out(session: AgentSession, client: LoggingOutClient) -> bool:
    """True once the agent is signed out; False (with a message) when a call is live."""
    call = session.call
    if call is not None and call.state != "disconnected":
        messages.info(translate("Agent", "Hang up the call before signing out."))
        return False
    if session.state == "on_call" and session.offer is not None:
        session.hang_up()  # a previewed debtor with no call: straight to wrap-up
    session.ready_after_wrapup = False
    if session.state == "wrap_up":
        await session.submit_wrapup(session.rules.policy.timeout_disposition, "")
    # The shift's last wrap-up should reach the hub now, not at the next sign-in: give the
    # outbox a bounded moment (offline it keeps the work either way).
    await _let_outbox_deliver(client, session.connection == "online")
    try:
        await client.set_state("logged_out")
    except ConnectionError:
        log.info("logged_out not sent: offline")
    unsent = client.pending_count()
    await client.logout()
    session.state = "logged_out"
    session.agent_state_changed.emit("logged_out")
    log.info("agent signed out (%d writes still to send)", unsent)
    return True


async def _let_outbox_deliver(client: LoggingOutClient, online: bool) -> None:
    if not online:
        return
    loop = asyncio.get_running_loop()
    deadline = loop.time() + DELIVERY_WAIT_S
    while client.pending_count() and loop.time() < deadline:
        await asyncio.sleep(DELIVERY_POLL_S)
