"""Screens the agent decides on: a preview debtor to call or skip, and the agent's own calls.

A preview decision goes to the hub (which tells the dialer); a skip clears the screen. An own
call (callback, manual dial; desktop.agent.own_calls) pops its screen here without the
offer/INVITE pairing, since no dialer INVITE will ever come for it, and adopts the outgoing
call the agent placed. It must never import widgets or dial (own_calls does).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop.agent.session_ports import HubSession
from desktop.common import messages
from desktop.common.i18n import translate
from softphone.model import CallInfo
from sync.protocol import DecidePreview, HandoffOffer

if TYPE_CHECKING:
    from desktop.agent.session import AgentSession

log = logging.getLogger("acuerdo.desktop")


class OwnScreens:
    def __init__(self, session: AgentSession, client: HubSession) -> None:
        self._session = session
        self._client = client

    def decide_preview(self, action: str) -> None:
        """Preview: "call" asks the dialer to dial the debtor on screen, "skip" drops them."""
        session = self._session
        offer = session.offer
        if offer is None or offer.mode != "preview" or session.call is not None:
            return
        session._spawn(self._decide_preview(offer, action), "preview")

    async def _decide_preview(self, offer: HandoffOffer, action: str) -> None:
        session = self._session
        try:
            await self._client.request(
                DecidePreview(handoff_id=offer.handoff_id, action=action)  # type: ignore[arg-type]
            )
        except Exception as exc:
            log.info("preview %s not sent for handoff %s: %s", action, offer.handoff_id, exc)
            messages.warning(translate("Call", "The dialer could not be told; try again."))
            return
        log.info("preview %s for handoff %s", action, offer.handoff_id)
        if action == "skip" and session.offer is offer and session.call is None:
            # The hub made us ready again itself (so the dialer paces the next debtor); sending
            # ready from here could land after the next offer and undo its on_call.
            session.clear_screen()
            session.states.set("ready")

    def pop_own_call(self, offer: HandoffOffer, callback_id: int | None) -> None:
        """Show a debtor the agent is about to call themselves (callback, manual dial)."""
        session = self._session
        # No pairing: the call is the agent's own outgoing one, never a dialer INVITE.
        session.pop_screen(offer)
        session.current_callback_id = callback_id
        # On a call as far as the dialer is concerned, so it sends nobody meanwhile.
        session._spawn(session.states.send("on_call"), "state")

    def adopt_own_call(self, call: CallInfo) -> None:
        """The agent dialled out: this call is now the customer's call on screen."""
        session = self._session
        session.call = call
        session.calls.customer_changed(call)
        session.call_updated.emit(call)
