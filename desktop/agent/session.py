"""The agent's shift as one view-model: the coordinator the workspace binds to.

It listens to the sync and phone adapters, keeps the item models the workspace shows (accounts,
history, outbox, script), and hands the work to its parts: the state machine and wrap-up clock
(`agent_states`), the writes of a call (`call_writes`), what a screen loads (`call_content`),
preview decisions and own calls (`own_screens`), supervisor orders, help and call status.
Failures become user messages through the bridge. It must never import widgets and never log a
debtor's name, contact or amount.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.agent.accounts_model import AccountsModel
from desktop.agent.agent_states import AgentStates
from desktop.agent.background_tasks import BackgroundTasks
from desktop.agent.call_content import CallContent
from desktop.agent.call_control import CallControl
from desktop.agent.call_status_reporter import CallStatusReporter
from desktop.agent.call_writes import CallWrites, rejection_text
from desktop.agent.callback_picker import CallbackChoice
from desktop.agent.campaign_rules import CampaignRules
from desktop.agent.contact_actions import ContactBook
from desktop.agent.dashboard_model import KpiModel
from desktop.agent.dial_settings import DialSettings
from desktop.agent.handoff_router import HandoffRouter
from desktop.agent.help_request import HelpRequest
from desktop.agent.history_model import HistoryModel
from desktop.agent.network_watch import NetworkWatch
from desktop.agent.outbox_model import OutboxModel
from desktop.agent.own_screens import OwnScreens
from desktop.agent.promise_rules import PromiseDraft
from desktop.agent.script_library import ScriptLibrary
from desktop.agent.script_view_model import ScriptViewModel
from desktop.agent.session_ports import (
    OWN_CALL_PREFIX,
    CallPhone,
    HubSession,
    hub_handoff_id,
)
from desktop.agent.supervisor_orders import SupervisorOrders
from desktop.common import messages
from desktop.common.formatting import debtor_zone
from desktop.common.i18n import translate
from softphone.model import CallInfo, SoftphoneError
from sync.protocol import HandoffCancel, HandoffOffer, ScriptUpdated

__all__ = ["OWN_CALL_PREFIX", "AgentSession", "CallPhone", "HubSession", "hub_handoff_id"]

log = logging.getLogger("acuerdo.desktop")


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
    wrapup_extended = Signal(float)  # the new deadline (time.monotonic()) a supervisor gave
    logout_ordered = Signal()  # a supervisor signed the agent out; the app should quit

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
        self._tasks = BackgroundTasks()
        self.state = "not_ready"
        self.state_since = time.monotonic()
        self.pause_code: str | None = None
        self.connection = "offline"
        self.offer: HandoffOffer | None = None
        self.call: CallInfo | None = None
        self.offer_received_at: dict[str, float] = {}
        # Right-party verification of the debtor on screen; debt details wait for it.
        self.right_party: str | None = None
        # Wrap-up has a campaign time limit; at the end the desk submits it and goes ready.
        self.wrapup_deadline: float | None = None
        # After a wrap-up the agent goes ready again unless told otherwise (end of shift).
        self.ready_after_wrapup = True
        # The pending callback the call on screen makes good on; its wrap-up carries it.
        self.current_callback_id: int | None = None
        # The hub's username (for "callback for me"); the desk sets it after sign-in.
        self.username: str | None = None
        self.rules = CampaignRules()

        self.accounts = AccountsModel(locale, self)
        self.history = HistoryModel(locale, self)
        # Promises with their confirmation messages: what the agent promised the debtor.
        self.outbox = OutboxModel(frozenset({"promise", "message"}), self)
        self.script = ScriptViewModel(self)
        self.scripts = ScriptLibrary(client.request, locale)
        self.states = AgentStates(self, client)
        self.writes = CallWrites(self, client)
        self.content = CallContent(self, client)
        self.own = OwnScreens(self, client)
        self.contacts = ContactBook(client.save_write, self._spawn)
        self.help = HelpRequest(client.request, self._spawn, self)
        self.orders = SupervisorOrders(self, self.help, self)
        self.reporter = CallStatusReporter(client.request, self._spawn, self._call_status, self)
        # The personal dashboard's figures: on sign-in, after each synced write, every minute.
        self.kpis = KpiModel(client.request, self)
        self.connection_changed.connect(self.kpis.on_connection)
        self.item_changed.connect(self.kpis.on_item)
        self.router = HandoffRouter(phone, pairing_wait_s, parent=self)
        self.calls = CallControl(phone, self)  # type: ignore[arg-type]
        # Resume from sleep or a new network: re-register and carry the call over.
        self.network_watch: NetworkWatch | None = None
        if phone is not None:
            self.network_watch = NetworkWatch(self.calls.network_changed, self)
            self.network_watch.start()
        self.router.ringing.connect(self.call_ringing)
        self.history.more_requested.connect(self._fetch_history)
        self.script.step_changed.connect(lambda _step: self._report_status())
        # What desktop.agent.own_calls needs for callbacks and manual dial (the desk sets
        # dial_settings from its deployment settings; the demo and tests from the environment).
        self.request = client.request
        # The cache's copy of a debtor and when it was saved (SyncClient.saved_debtor).
        self.cached_debtor = getattr(client, "saved_debtor", None)
        self.phone = phone
        self.dial_settings = DialSettings.load(None)
        self.router.auto_answer_progressive = self.dial_settings.progressive_auto_answer

    # --- inputs from the adapters -------------------------------------------

    def on_connection(self, state: str, detail: str) -> None:
        # The sync client re-sends the last agent state itself after every reconnect.
        self.connection = state
        self.connection_changed.emit(state, detail)
        if state == "online" and self.content.rules_for is None:
            self._spawn(self.content.load_rules(None), "campaign")

    def on_offer(self, offer: HandoffOffer) -> None:
        if self.pop_screen(offer):
            self.router.offer_arrived(offer)

    def pop_screen(self, offer: HandoffOffer) -> bool:
        """Put `offer`'s debtor on screen; False for a replay of the offer already shown."""
        self.offer_received_at[offer.handoff_id] = time.perf_counter()
        if self.offer is not None and self.offer.handoff_id == offer.handoff_id:
            return False  # a replay after reconnect: the screen is already up
        log.info("handoff %s offered (mode %s)", offer.handoff_id, offer.mode)
        self.offer = offer
        self.right_party = None
        self.right_party_changed.emit(None)
        self.states.set("on_call")
        if offer.campaign != self.rules.policy.campaign:
            self._spawn(self.content.load_rules(offer.campaign), "campaign")
        self.accounts.reset(list(offer.debtor.accounts))
        self.contacts.reset(offer, hub_handoff_id(offer.handoff_id))
        self.history.reset(offer.history, debtor_zone(offer.debtor.timezone))
        self.script.clear()
        cached = self.scripts.cached(offer.script_id, offer.script_version)
        if cached is not None:
            self.content.start_script(offer, cached)
        self.screen_popped.emit(offer)
        if cached is None:
            self._spawn(self.content.load_script(offer), "script")
        return True

    def on_cancel(self, cancel: HandoffCancel) -> None:
        self.router.offer_withdrawn(cancel.handoff_id)
        if self.offer is None or self.offer.handoff_id != cancel.handoff_id:
            return
        if self.call is not None and self.call.state == "confirmed":
            return  # the conversation is under way; hang-up will end it
        log.info("handoff %s cancelled before the call connected", cancel.handoff_id)
        messages.info(translate("Call", "The customer hung up before the call connected."))
        self.clear_screen()
        self.states.move("ready")

    def on_item(self, item: Any) -> None:
        self.outbox.upsert(item)
        self.contacts.on_item(item)
        self.item_changed.emit(item)
        if str(item.state) == "rejected":
            messages.warning(rejection_text(item.kind).format(reason=item.reason))
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
        if call.state == "confirmed":
            self.reporter.call_started()
        if call.state == "disconnected":
            self.reporter.call_ended()
            self.router.call_ended(call.call_id)
            self.states.call_ended()

    def on_event(self, event: Any) -> None:
        """A stream event for the agent's desk: a newer script version, supervisor orders."""
        if isinstance(event, ScriptUpdated):
            # The hub puts the newest version on the next offer; the library gets it ready.
            self.scripts.script_updated(event.script_id, event.version)
            return
        self.orders.on_event(event)

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
        self.states.move(state, force=True)

    def verify_identity(self, verified: bool) -> None:
        """The agent confirmed (or could not confirm) they talk to the debtor."""
        if self.offer is None:
            return
        self.right_party = "verified" if verified else "refused"
        log.info("right party %s for handoff %s", self.right_party, self.offer.handoff_id)
        self.right_party_changed.emit(self.right_party)

    def decide_preview(self, action: str) -> None:
        self.own.decide_preview(action)

    def pop_own_call(self, offer: HandoffOffer, callback_id: int | None) -> None:
        self.own.pop_own_call(offer, callback_id)

    def adopt_own_call(self, call: CallInfo) -> None:
        self.own.adopt_own_call(call)

    def answer(self) -> None:
        if self.call is not None and self.call.state == "ringing":
            self._safe_phone(lambda p: p.answer(self.call.call_id), "answer")

    def hang_up(self) -> None:
        if self.call is not None and self.call.state != "disconnected":
            self._safe_phone(lambda p: p.hangup(self.call.call_id), "hang up")
        elif self.offer is not None and self.state == "on_call":
            self.states.call_ended()  # preview with no call, or a call that never came

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

    def finish_wrapup(
        self, disposition: str, notes: str, callback: CallbackChoice | None = None
    ) -> None:
        self._spawn(self.submit_wrapup(disposition, notes, callback), "wrap-up")

    async def save_promise(self, draft: PromiseDraft) -> Any:
        return await self.writes.save_promise(draft)

    async def submit_wrapup(
        self, disposition: str, notes: str, callback: CallbackChoice | None = None
    ) -> Any:
        offer = self.offer
        if offer is None:
            return None
        item = await self.writes.save_wrapup(offer, disposition, notes, callback)
        if item is None:
            return None
        self.states.stop_clock()
        self.clear_screen()
        order = await self.states.wrapup_submitted()
        self.wrapup_done.emit(item.key)
        if order == "logout":
            self.logout_ordered.emit()
        return item

    # --- supervisor orders (desktop.agent.supervisor_orders calls these) ------

    def extend_wrapup(self, seconds: int) -> bool:
        return self.states.extend_wrapup(seconds)

    def supervisor_not_ready(self) -> None:
        self.states.supervisor_not_ready()

    def supervisor_logout(self) -> None:
        self.states.supervisor_logout()

    # --- internals -----------------------------------------------------------

    def _call_status(self) -> tuple[str | None, float | None, str | None]:
        offer, call = self.offer, self.call
        if offer is None or call is None or call.state != "confirmed":
            return None, None, None
        live = self._phone.call(call.call_id) if self._phone is not None else None
        quality = (live or call).quality
        step = self.script.current
        return (
            hub_handoff_id(offer.handoff_id),
            quality.mos if quality else None,
            (step.node_id if step is not None else None),
        )

    def _report_status(self) -> None:
        if self.reporter.active:
            self.reporter.report()

    def clear_screen(self) -> None:
        self.offer = None
        self.current_callback_id = None
        self.reporter.call_ended()
        self.contacts.reset(None)
        self.call = None
        self.right_party = None
        self.calls.customer_changed(None)
        self.accounts.reset([])
        self.history.reset(None)
        self.script.clear()
        self.call_updated.emit(None)
        self.screen_cleared.emit()

    def _fetch_history(self, debtor_id: int, before_id: int) -> None:
        self._spawn(self.content.fetch_history_page(debtor_id, before_id), "history")

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
        self._tasks.spawn(coro, what)

    async def drain(self) -> None:
        """Wait for background work (state sends, fetches) before shutting down."""
        # A wrap-up clock left running would submit into a client that is gone.
        self.states.stop_clock()
        await self.kpis.drain()
        await self._tasks.drain()
