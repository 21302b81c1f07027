"""What the screen of a call needs from the hub besides the offer: script, campaign rules, history.

The script comes from the library's cache or the hub and is started with the debtor's variables;
the campaign's rules replace the fallback ones when fetched; older history pages load on demand.
An answer that arrives after the screen moved on is dropped. Failures are environment problems
and become messages. It must never import widgets or log a debtor's name, contact or amount.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

import msgspec

from desktop.agent.campaign_rules import CampaignRules
from desktop.agent.script_library import ScriptUnavailable
from desktop.agent.session_ports import HubSession
from desktop.common import messages
from desktop.common.i18n import translate
from scripts_engine import EngineError, variables_for_call
from sync.protocol import CampaignData, FetchCampaign, FetchHistory, HandoffOffer, HistoryData

if TYPE_CHECKING:
    from desktop.agent.session import AgentSession

log = logging.getLogger("acuerdo.desktop")


class CallContent:
    def __init__(self, session: AgentSession, client: HubSession) -> None:
        self._session = session
        self._client = client
        # The campaign whose rules are loaded or loading ("" the default one); None: none yet.
        self.rules_for: str | None = None

    async def load_script(self, offer: HandoffOffer) -> None:
        session = self._session
        try:
            script = await session.scripts.get(offer.script_id, offer.script_version)
        except ScriptUnavailable as exc:
            log.warning("no script for handoff %s: %s", offer.handoff_id, exc)
            messages.error(translate("Script", "The script for this call is not available."))
            return
        if session.offer is offer:
            self.start_script(offer, script)

    def start_script(self, offer: HandoffOffer, script: Any) -> None:
        session = self._session
        debtor = msgspec.to_builtins(offer.debtor)
        open_accounts = [a for a in offer.debtor.accounts if a.status == "open"]
        account = msgspec.to_builtins(open_accounts[0]) if open_accounts else None
        try:
            variables = variables_for_call(
                debtor, account, session.agent_name, dt.datetime.now(dt.UTC), locale=session.locale
            )
        except EngineError as exc:
            log.warning("script variables for handoff %s: %s", offer.handoff_id, exc)
            variables = {}
        session.script.load(script, variables, session.locale)

    async def load_rules(self, campaign: str | None) -> None:
        self.rules_for = campaign or ""
        try:
            reply = await self._client.request(FetchCampaign(campaign=campaign))
        except Exception as exc:
            # The fallback rules stay; they are the default campaign's published ones.
            log.info("campaign rules not fetched: %s", type(exc).__name__)
            self.rules_for = None
            return
        if isinstance(reply, CampaignData):
            self._session.rules = CampaignRules(reply.policy)
            self._session.rules_changed.emit(self._session.rules)

    async def fetch_history_page(self, debtor_id: int, before_id: int) -> None:
        history = self._session.history
        query = history.query  # a page answered under an older filter is dropped
        try:
            reply = await self._client.request(
                FetchHistory(debtor_id=debtor_id, before_id=before_id or None, **query.wire())
            )
        except Exception as exc:
            log.info("older history not fetched: %s", type(exc).__name__)
            history.page_failed()
            messages.warning(translate("History", "Older history could not be loaded now."))
            return
        if isinstance(reply, HistoryData):
            history.append_page(reply.page, query)
            log.info("history page loaded (%d events)", len(reply.page.events))
        else:
            history.page_failed()
