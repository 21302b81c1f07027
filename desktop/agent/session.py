"""The agent's shift as one view-model: state, the current handoff, its call, promise, wrap-up.

It listens to the sync and phone adapters, keeps the item models the workspace shows (accounts,
history, outbox, script), and turns the agent's clicks into sync-client and softphone calls.
Network and disk work is awaited on the asyncio loop; failures become user messages through
the bridge. It must never import widgets and never log a debtor's name, contact or amount.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import uuid
from collections.abc import Coroutine
from typing import Any, Protocol

import msgspec
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.agent.accounts_model import AccountsModel
from desktop.agent.call_control import CallControl
from desktop.agent.campaign_rules import CampaignRules
from desktop.agent.handoff_router import HandoffRouter
from desktop.agent.history_model import HistoryModel
from desktop.agent.outbox_model import OutboxModel
from desktop.agent.promise_rules import PromiseDraft
from desktop.agent.script_library import ScriptLibrary, ScriptUnavailable
from desktop.agent.script_view_model import ScriptViewModel
from desktop.common import messages
from desktop.common.formatting import debtor_zone, format_date, format_money
from desktop.common.i18n import translate
from scripts_engine import EngineError, variables_for_call
from softphone.model import CallInfo, SoftphoneError
from sync.protocol import (
    CampaignData,
    CreatePromise,
    FetchCampaign,
    FetchHistory,
    HandoffCancel,
    HandoffOffer,
    HistoryData,
    Message,
    SubmitWrapUp,
)

log = logging.getLogger("acuerdo.desktop")


class HubSession(Protocol):
    """The part of sync.client.SyncClient the agent session uses."""

    async def set_state(
        self, state: Any, sip_uri: str | None = None, pause_code: str | None = None
    ) -> None: ...

    async def save_promise(self, msg: CreatePromise) -> Any: ...

    async def save_wrapup(self, msg: SubmitWrapUp) -> Any: ...

    async def request(self, msg: Message, timeout: float = 10.0) -> Any: ...

    def pending_count(self) -> int: ...


class CallPhone(Protocol):
    @property
    def contact_uri(self) -> str: ...

    def answer(self, call_id: int) -> None: ...

    def hangup(self, call_id: int) -> None: ...

    def set_hold(self, call_id: int, on: bool) -> None: ...

    def set_mute(self, call_id: int, on: bool) -> None: ...

    def call(self, call_id: int) -> CallInfo | None: ...


class AgentSession(QObject):
    agent_state_changed = Signal(str)
    connection_changed = Signal(str, str)  # state, detail
    screen_popped = Signal(object)  # HandoffOffer
    screen_cleared = Signal()
    call_updated = Signal(object)  # CallInfo | None
    call_ringing = Signal(int)
    wrapup_started = Signal(object)  # suggested disposition: str | None
    wrapup_done = Signal(str)  # outbox key
    promise_saved = Signal(object)  # OutboxItem
    item_changed = Signal(object)  # OutboxItem (promise or wrap-up)
    unsynced_changed = Signal(int)
    rules_changed = Signal(object)  # CampaignRules
    right_party_changed = Signal(object)  # "verified" | "refused" | None
    wrapup_expired = Signal(str)  # the campaign's disposition for a wrap-up left unchosen

    def __init__(
        self,
        client: HubSession,
        phone: CallPhone | None,
        agent_name: str,
        locale: str = "es_MX",
        pairing_wait_s: float = 3.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._phone = phone
        self.agent_name = agent_name
        self.locale = locale
        self.accounts = AccountsModel(locale, self)
        self.history = HistoryModel(locale, self)
        self.outbox = OutboxModel(frozenset({"promise"}), self)
        self.script = ScriptViewModel(self)
        self.scripts = ScriptLibrary(client.request, locale)
        self.router = HandoffRouter(phone, pairing_wait_s, parent=self)
        self.calls = CallControl(phone, self)  # type: ignore[arg-type]
        self.rules = CampaignRules()
        self._rules_for: str | None = None
        self.pause_code: str | None = None
        # Right-party verification of the debtor on screen; debt details wait for it.
        self.right_party: str | None = None
        # Wrap-up has a campaign time limit; at the end the desk submits it and goes ready.
        self.wrapup_deadline: float | None = None
        self._wrapup_timer = QTimer(self)
        self._wrapup_timer.setSingleShot(True)
        self._wrapup_timer.timeout.connect(self._wrapup_time_up)
        self.router.ringing.connect(self.call_ringing)
        self.history.more_requested.connect(self._fetch_history)
        self.state = "not_ready"
        self.state_since = time.monotonic()
        self.connection = "offline"
        self.offer: HandoffOffer | None = None
        self.call: CallInfo | None = None
        self.offer_received_at: dict[str, float] = {}
        # After a wrap-up the agent goes ready again unless told otherwise (end of shift).
        self.ready_after_wrapup = True
        self._tasks: set[asyncio.Task[Any]] = set()

    # --- inputs from the adapters -------------------------------------------

    def on_connection(self, state: str, detail: str) -> None:
        # The sync client re-sends the last agent state itself after every reconnect.
        self.connection = state
        self.connection_changed.emit(state, detail)
        if state == "online" and self._rules_for is None:
            self._spawn(self._load_rules(None), "campaign")

    def on_offer(self, offer: HandoffOffer) -> None:
        self.offer_received_at[offer.handoff_id] = time.perf_counter()
        if self.offer is not None and self.offer.handoff_id == offer.handoff_id:
            return  # a replay after reconnect: the screen is already up
        log.info("handoff %s offered (mode %s)", offer.handoff_id, offer.mode)
        self.offer = offer
        self.right_party = None
        self.right_party_changed.emit(None)
        self._set_state("on_call")
        if offer.campaign != self.rules.policy.campaign:
            self._spawn(self._load_rules(offer.campaign), "campaign")
        self.accounts.reset(list(offer.debtor.accounts))
        self.history.reset(offer.history, debtor_zone(offer.debtor.timezone))
        self.script.clear()
        cached = self.scripts.cached(offer.script_id, offer.script_version)
        if cached is not None:
            self._start_script(offer, cached)
        self.screen_popped.emit(offer)
        self.router.offer_arrived(offer)
        if cached is None:
            self._spawn(self._load_script(offer), "script")

    def on_cancel(self, cancel: HandoffCancel) -> None:
        self.router.offer_withdrawn(cancel.handoff_id)
        if self.offer is None or self.offer.handoff_id != cancel.handoff_id:
            return
        if self.call is not None and self.call.state == "confirmed":
            return  # the conversation is under way; hang-up will end it
        log.info("handoff %s cancelled before the call connected", cancel.handoff_id)
        messages.info(translate("Call", "The customer hung up before the call connected."))
        self._clear_screen()
        self._set_state("ready")
        self._spawn(self._send_state("ready"), "state")

    def on_item(self, item: Any) -> None:
        self.outbox.upsert(item)
        self.item_changed.emit(item)
        if str(item.state) == "rejected":
            text = (
                translate("Outbox", "The hub rejected a promise: {reason}")
                if item.kind == "promise"
                else translate("Outbox", "The hub rejected a wrap-up: {reason}")
            )
            messages.warning(text.format(reason=item.reason))
        self.unsynced_changed.emit(self._client.pending_count())

    def on_incoming(self, call: CallInfo) -> None:
        if self.call is not None and self.call.state != "disconnected":
            self._safe_phone(lambda p: p.hangup(call.call_id), "reject second call")
            return
        self.call = call
        self.calls.customer_changed(call)
        self.call_updated.emit(call)
        self.router.invite_arrived(call)

    def on_call_changed(self, call: CallInfo) -> None:
        if self.calls.any_call_changed(call):
            return  # the consult leg: the call bar follows it, the customer call goes on
        if self.call is None or call.call_id != self.call.call_id:
            return
        self.call = call
        self.calls.customer_changed(call)
        self.call_updated.emit(call)
        if call.state == "disconnected":
            self.router.call_ended(call.call_id)
            self._call_ended()

    # --- agent actions -------------------------------------------------------

    def toggle_ready(self) -> None:
        if self.state == "ready":
            self.go("not_ready")
        elif self.state == "not_ready":
            self.go("ready")
        else:
            messages.info(translate("Agent", "Finish the current call and its wrap-up first."))

    def go(self, state: str, pause_code: str | None = None) -> None:
        """Change the agent's own state; not ready may carry one of the campaign's pause codes."""
        if pause_code is not None and self.rules.pause_code(pause_code) is None:
            messages.warning(translate("Agent", "That pause reason is not offered here."))
            return
        if self.state not in ("ready", "not_ready") or state not in ("ready", "not_ready"):
            messages.info(translate("Agent", "Finish the current call and its wrap-up first."))
            return
        self.pause_code = pause_code if state == "not_ready" else None
        self._set_state(state, force=True)
        self._spawn(self._send_state(state), "state")

    def verify_identity(self, verified: bool) -> None:
        """The agent confirmed (or could not confirm) they talk to the debtor."""
        if self.offer is None:
            return
        self.right_party = "verified" if verified else "refused"
        log.info("right party %s for handoff %s", self.right_party, self.offer.handoff_id)
        self.right_party_changed.emit(self.right_party)

    def answer(self) -> None:
        if self.call is not None and self.call.state == "ringing":
            self._safe_phone(lambda p: p.answer(self.call.call_id), "answer")

    def hang_up(self) -> None:
        if self.call is not None and self.call.state != "disconnected":
            self._safe_phone(lambda p: p.hangup(self.call.call_id), "hang up")
        elif self.offer is not None and self.state == "on_call":
            self._call_ended()  # preview with no call, or a call that never came

    def toggle_hold(self) -> None:
        if self.call is not None and self.call.state == "confirmed":
            on = not self.call.on_hold
            self._safe_phone(lambda p: p.set_hold(self.call.call_id, on), "hold")

    def toggle_mute(self) -> None:
        if self.call is not None and self.call.state == "confirmed":
            on = not self.call.muted
            self._safe_phone(lambda p: p.set_mute(self.call.call_id, on), "mute")

    def record_promise(self, draft: PromiseDraft) -> None:
        self._spawn(self.save_promise(draft), "promise")

    def finish_wrapup(self, disposition: str, notes: str) -> None:
        self._spawn(self.submit_wrapup(disposition, notes), "wrap-up")

    async def save_promise(self, draft: PromiseDraft) -> Any:
        if self.offer is None:
            messages.warning(translate("Promise", "There is no debtor on screen."))
            return None
        msg = CreatePromise(
            key=uuid.uuid4().hex,
            handoff_id=self.offer.handoff_id,
            debtor_id=self.offer.debtor.id,
            account_id=draft.account_id,
            amount_cents=draft.amount_cents,
            currency=draft.currency,
            due_date=draft.due_date,
        )
        try:
            item = await self._client.save_promise(msg)
        except Exception as exc:
            log.error("promise could not be saved locally: %s", type(exc).__name__)
            messages.error(
                translate(
                    "Promise", "The promise could not be saved on this computer: {reason}"
                ).format(reason=str(exc))
            )
            return None
        self.outbox.describe(item.key, self._describe_promise(draft))
        self.on_item(item)
        self.promise_saved.emit(item)
        messages.info(translate("Promise", "Promise saved; it will sync automatically."))
        return item

    def _describe_promise(self, draft: PromiseDraft) -> str:
        account = next((a for a in self.accounts.accounts if a.id == draft.account_id), None)
        return translate("Promise", "{amount} · account {account} · due {date}").format(
            amount=format_money(draft.amount_cents, draft.currency, self.locale),
            account=account.number_masked if account else str(draft.account_id),
            date=format_date(draft.due_date, self.locale),
        )

    async def submit_wrapup(self, disposition: str, notes: str) -> Any:
        offer = self.offer
        if offer is None:
            return None
        script = self.script.script
        msg = SubmitWrapUp(
            key=uuid.uuid4().hex,
            handoff_id=offer.handoff_id,
            debtor_id=offer.debtor.id,
            disposition=disposition,
            notes=notes,
            script_id=script.id if script else offer.script_id,
            script_version=script.version if script else offer.script_version,
            script_path=list(self.script.path),
            right_party=self.right_party,  # type: ignore[arg-type]
        )
        try:
            item = await self._client.save_wrapup(msg)
        except Exception as exc:
            log.error("wrap-up could not be saved locally: %s", type(exc).__name__)
            messages.error(
                translate(
                    "WrapUp", "The wrap-up could not be saved on this computer: {reason}"
                ).format(reason=str(exc))
            )
            return None
        self.on_item(item)
        self._wrapup_timer.stop()
        self.wrapup_deadline = None
        self._clear_screen()
        next_state = "ready" if self.ready_after_wrapup else "not_ready"
        self._set_state(next_state)
        await self._send_state(next_state)
        self.wrapup_done.emit(item.key)
        return item

    # --- internals -----------------------------------------------------------

    def _call_ended(self) -> None:
        if self.state != "on_call":
            return
        self._set_state("wrap_up")
        self._spawn(self._send_state("wrap_up"), "state")
        suggested = self.script.disposition
        if self.right_party == "refused":
            suggested = "not_verified"
        limit_s = self.rules.policy.wrapup_limit_s
        if limit_s > 0:
            self.wrapup_deadline = time.monotonic() + limit_s
            self._wrapup_timer.start(limit_s * 1000)
        self.wrapup_started.emit(suggested)

    def _wrapup_time_up(self) -> None:
        if self.state == "wrap_up" and self.offer is not None:
            log.info("wrap-up limit reached for handoff %s", self.offer.handoff_id)
            self.wrapup_expired.emit(self.rules.policy.timeout_disposition)

    def _clear_screen(self) -> None:
        self.offer = None
        self.call = None
        self.right_party = None
        self.calls.customer_changed(None)
        self.accounts.reset([])
        self.history.reset(None)
        self.script.clear()
        self.call_updated.emit(None)
        self.screen_cleared.emit()

    def _set_state(self, state: str, force: bool = False) -> None:
        # `force`: a new pause code is a new state for the clock even if still not ready.
        if state != self.state or force:
            if state != "not_ready":
                self.pause_code = None
            self.state = state
            self.state_since = time.monotonic()
            self.agent_state_changed.emit(state)

    async def _send_state(self, state: str) -> None:
        uri = self._phone.contact_uri if self._phone is not None else None
        try:
            await self._client.set_state(state, sip_uri=uri, pause_code=self.pause_code)
        except ConnectionError:
            # Offline: the sync client sends the latest state when the link comes back.
            log.info("state %s not sent: offline", state)

    async def _load_script(self, offer: HandoffOffer) -> None:
        try:
            script = await self.scripts.get(offer.script_id, offer.script_version)
        except ScriptUnavailable as exc:
            log.warning("no script for handoff %s: %s", offer.handoff_id, exc)
            messages.error(translate("Script", "The script for this call is not available."))
            return
        if self.offer is offer:
            self._start_script(offer, script)

    def _start_script(self, offer: HandoffOffer, script: Any) -> None:
        debtor = msgspec.to_builtins(offer.debtor)
        open_accounts = [a for a in offer.debtor.accounts if a.status == "open"]
        account = msgspec.to_builtins(open_accounts[0]) if open_accounts else None
        try:
            variables = variables_for_call(
                debtor, account, self.agent_name, dt.datetime.now(dt.UTC), locale=self.locale
            )
        except EngineError as exc:
            log.warning("script variables for handoff %s: %s", offer.handoff_id, exc)
            variables = {}
        self.script.load(script, variables, self.locale)

    async def _load_rules(self, campaign: str | None) -> None:
        self._rules_for = campaign or ""
        try:
            reply = await self._client.request(FetchCampaign(campaign=campaign))
        except Exception as exc:
            # The fallback rules stay; they are the default campaign's published ones.
            log.info("campaign rules not fetched: %s", type(exc).__name__)
            self._rules_for = None
            return
        if isinstance(reply, CampaignData):
            self.rules = CampaignRules(reply.policy)
            self.rules_changed.emit(self.rules)

    def _fetch_history(self, debtor_id: int, before_id: int) -> None:
        self._spawn(self._fetch_history_page(debtor_id, before_id), "history")

    async def _fetch_history_page(self, debtor_id: int, before_id: int) -> None:
        query = self.history.query  # a page answered under an older filter is dropped
        try:
            reply = await self._client.request(
                FetchHistory(debtor_id=debtor_id, before_id=before_id or None, **query.wire())
            )
        except Exception as exc:
            log.info("older history not fetched: %s", type(exc).__name__)
            self.history.page_failed()
            messages.warning(translate("History", "Older history could not be loaded now."))
            return
        if isinstance(reply, HistoryData):
            self.history.append_page(reply.page, query)
            log.info("history page loaded (%d events)", len(reply.page.events))
        else:
            self.history.page_failed()

    def _safe_phone(self, action: Any, what: str) -> None:
        if self._phone is None:
            messages.error(translate("Call", "The softphone is not running."))
            return
        try:
            action(self._phone)
        except SoftphoneError as exc:
            log.warning("softphone %s failed: %s", what, exc)
            messages.error(
                translate("Call", "The phone could not do that: {reason}").format(reason=str(exc))
            )

    def _spawn(self, coro: Coroutine[Any, Any, Any], what: str) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(lambda t: self._finished(t, what))

    def _finished(self, task: asyncio.Task[Any], what: str) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            # A bug: log it fully, tell the agent briefly; the shift goes on.
            log.error("%s task failed", what, exc_info=exc)
            messages.error(translate("Agent", "Something went wrong; the support log has details."))

    async def drain(self) -> None:
        """Wait for background work (state sends, fetches) before shutting down."""
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=5)
