"""The agent's own outgoing calls: dial a callback from the list, or a debtor's number by hand.

A callback opens the debtor first (`debtor.fetch`; when the hub cannot be reached, the local
cache, saying how old it is), pops the screen as a call of the agent's own, and dials the first
phone that `phone_numbers.check_dial` allows through the desk's trunk. A manual dial checks the
typed or picked number the same way for the debtor on screen. Refusals become messages through
the bridge. It must never import widgets and never log a number or a name (ids only).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from desktop.agent.dial_settings import DialSettings
from desktop.agent.phone_numbers import DialCheck, check_dial, dialable_phones
from desktop.agent.session import AgentSession
from desktop.agent.session_ports import OWN_CALL_PREFIX
from desktop.common import messages
from desktop.common.formatting import format_datetime
from desktop.common.i18n import translate
from softphone.model import CallInfo, SoftphoneError
from sync.protocol import (
    CallbackItem,
    DebtorData,
    DebtorProfile,
    FetchDebtor,
    HandoffOffer,
    HistoryPage,
    ListScripts,
    ScriptCatalog,
)

log = logging.getLogger("acuerdo.desktop")


class DialingPhone(Protocol):
    def make_call(self, target_uri: str, *, handoff_id: str | None = None) -> int: ...

    def call(self, call_id: int) -> CallInfo | None: ...


Requester = Callable[..., Coroutine[Any, Any, Any]]
# The debtor as the desk's cache saved it, with when it saved it (SyncClient.saved_debtor).
CachedDebtor = Callable[[int], Coroutine[Any, Any, tuple[DebtorData, dt.datetime] | None]]


def refusal_text(check: DialCheck) -> str:
    texts = {
        "invalid": translate("Dial", "That is not a valid phone number."),
        "not_on_record": translate(
            "Dial", "That number is not on this debtor's record; add it as a new number first."
        ),
        "wrong_number": translate("Dial", "That number is marked as a wrong number."),
        "do_not_call": translate("Dial", "Do not call: the debtor asked not to be called there."),
        "outside_window": translate(
            "Dial", "It is outside the calling window in the debtor's local time."
        ),
    }
    return texts.get(check.refusal or "", "")


class OwnCalls(QObject):
    offline_notice = Signal(str)  # "" when the screen shows live data
    dialled = Signal(int)  # call id

    def __init__(
        self,
        session: AgentSession,
        request: Requester,
        cached_debtor: CachedDebtor,
        phone: DialingPhone | None,
        settings: DialSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._request = request
        self._cached_debtor = cached_debtor
        self._phone = phone
        self.settings = settings
        self._script: tuple[str, int] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        # The calling window is checked against this clock; tests set a time inside it so
        # they never depend on when they run.
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
        session.screen_popped.connect(self._remember_script)

    # --- actions -------------------------------------------------------------

    def may_start(self) -> bool:
        """Free for a call of their own: not on a call, not wrapping up."""
        session = self._session
        return session.state in ("ready", "not_ready") and session.offer is None

    def dial_callback(self, item: CallbackItem) -> None:
        if not self.may_start():
            messages.info(translate("Agent", "Finish the current call and its wrap-up first."))
            return
        self._spawn(self._dial_callback(item))

    async def _dial_callback(self, item: CallbackItem) -> None:
        data, saved_at = await self.open_debtor(item.debtor_id)
        if data is None:
            messages.error(
                translate("Dial", "The debtor's record cannot be opened now; try again later.")
            )
            return
        if not self.may_start():
            return  # a call came in while the record loaded
        offer = await self._own_offer(data.debtor, data.history, item.campaign)
        self._session.pop_own_call(offer, item.id)
        self.offline_notice.emit(_offline_text(saved_at, self._session.locale))
        log.info("callback %d: debtor %d on screen", item.id, item.debtor_id)
        rules, now = self._session.rules, self.clock()
        checks = [
            check_dial(c.value, data.debtor, rules, now) for c in dialable_phones(data.debtor)
        ]
        allowed = next((c for c in checks if c.allowed), None)
        if allowed is None:
            reason = refusal_text(checks[0]) if checks else ""
            messages.warning(
                translate("Dial", "No number of this debtor can be dialled now. {reason}").format(
                    reason=reason
                )
            )
            return
        self._place(allowed)

    def manual_dial(self, text: str) -> bool:
        """Dial `text` for the debtor on screen; False (and a message) when refused."""
        session = self._session
        offer = session.offer
        if offer is None:
            messages.info(
                translate("Dial", "Open a debtor first: you can only dial their numbers.")
            )
            return False
        if session.call is not None and session.call.state != "disconnected":
            messages.info(translate("Dial", "Hang up the current call first."))
            return False
        if session.state != "on_call":
            messages.info(translate("Agent", "Finish the current call and its wrap-up first."))
            return False
        check = check_dial(text, offer.debtor, session.rules, self.clock())
        if not check.allowed:
            log.info("manual dial refused for debtor %d: %s", offer.debtor.id, check.refusal)
            messages.warning(refusal_text(check))
            return False
        return self._place(check)

    async def open_debtor(self, debtor_id: int) -> tuple[DebtorData | None, dt.datetime | None]:
        """The debtor from the hub, else from the cache: (data, when it was saved if cached)."""
        try:
            reply = await self._request(FetchDebtor(debtor_id=debtor_id))
        except (ConnectionError, TimeoutError) as exc:
            log.info("debtor %d not fetched (%s); trying the cache", debtor_id, type(exc).__name__)
        except Exception as exc:  # the hub refused (HubError): the cache would not be right
            log.info("debtor %d refused by the hub: %s", debtor_id, type(exc).__name__)
            return None, None
        else:
            if isinstance(reply, DebtorData):
                return reply, None
        cached = await self._cached_debtor(debtor_id)
        if cached is None:
            return None, None
        return cached

    def stop(self) -> None:
        """The window closes: a callback still opening its debtor is abandoned."""
        for task in list(self._tasks):
            task.cancel()

    # --- internals -----------------------------------------------------------

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        try:
            task = asyncio.get_running_loop().create_task(coro)
        except RuntimeError:
            coro.close()  # no loop runs (the app is closing): nothing could dial now
            return
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            # A bug: logged in full, the agent told briefly; the shift goes on.
            log.error("own call task failed", exc_info=exc)
            messages.error(translate("Agent", "Something went wrong; the support log has details."))

    def _place(self, check: DialCheck) -> bool:
        assert check.e164 is not None
        uri = self.settings.trunk_uri(check.e164)
        if uri is None:
            messages.error(translate("Dial", "No outgoing trunk is set up on this desk."))
            return False
        if self._phone is None:
            messages.error(translate("Call", "The softphone is not running."))
            return False
        try:
            call_id = self._phone.make_call(uri)
        except (SoftphoneError, ValueError) as exc:
            log.warning("own call failed: %s", type(exc).__name__)
            messages.error(
                translate("Call", "The phone could not do that: {reason}").format(reason=str(exc))
            )
            return False
        info = self._phone.call(call_id)
        if info is not None:
            self._session.adopt_own_call(info)
        log.info(
            "own call %d placed (contact point %s)", call_id, check.contact and check.contact.id
        )
        self.dialled.emit(call_id)
        return True

    async def _own_offer(
        self, debtor: DebtorProfile, history: HistoryPage, campaign: str | None
    ) -> HandoffOffer:
        script_id, version = self._script or await self._any_script()
        return HandoffOffer(
            seq=0,
            handoff_id=f"{OWN_CALL_PREFIX}{uuid.uuid4().hex}",
            campaign=campaign or self._session.rules.policy.campaign,
            mode="progressive",
            script_id=script_id,
            script_version=version,
            debtor=debtor,
            history=history,
            offered_at=dt.datetime.now(dt.UTC),
        )

    async def _any_script(self) -> tuple[str, int]:
        try:
            reply = await self._request(ListScripts())
        except Exception as exc:
            log.info("script catalogue not fetched: %s", type(exc).__name__)
            return ("", 0)
        if isinstance(reply, ScriptCatalog) and reply.scripts:
            first = reply.scripts[0]
            return (first.script_id, first.version)
        return ("", 0)

    def _remember_script(self, offer: HandoffOffer) -> None:
        if not offer.handoff_id.startswith(OWN_CALL_PREFIX):
            self._script = (offer.script_id, offer.script_version)


def _offline_text(saved_at: dt.datetime | None, locale: str) -> str:
    if saved_at is None:
        return ""
    return translate("Dial", "Offline — showing saved data from {time}.").format(
        time=format_datetime(saved_at, locale)
    )
