"""The writes a call produces: the promise, its confirmation message, the wrap-up, the callback.

Each is saved to the durable outbox through the sync client first (the hub gets it when it can)
and shown in the session's outbox model; a local save that fails is an environment problem and
becomes a message to the agent. It must never import widgets, never decide the agent's next
state (the session does) and never log a debtor's name, contact or amount (ids only).
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

from desktop.agent.callback_picker import CallbackChoice
from desktop.agent.confirmation import queue_message
from desktop.agent.promise_rules import PromiseDraft
from desktop.agent.session_ports import HubSession, hub_handoff_id
from desktop.common import messages
from desktop.common.formatting import format_date, format_money
from desktop.common.i18n import translate
from sync.protocol import CreatePromise, HandoffOffer, ScheduleCallback, SubmitWrapUp

if TYPE_CHECKING:
    from desktop.agent.session import AgentSession

log = logging.getLogger("acuerdo.desktop")


def rejection_text(kind: str) -> str:
    """The warning for an outbox item the hub refused; `{reason}` is filled by the caller."""
    return {
        "promise": translate("Outbox", "The hub rejected a promise: {reason}"),
        "wrapup": translate("Outbox", "The hub rejected a wrap-up: {reason}"),
        "message": translate("Outbox", "The hub rejected a confirmation: {reason}"),
        "contact": translate("Outbox", "The hub rejected a contact change: {reason}"),
        "callback": translate("Outbox", "The hub rejected a callback: {reason}"),
    }.get(kind, translate("Outbox", "The hub rejected a change: {reason}"))


class CallWrites:
    def __init__(self, session: AgentSession, client: HubSession) -> None:
        self._session = session
        self._client = client

    async def save_promise(self, draft: PromiseDraft) -> Any:
        session = self._session
        if session.offer is None:
            messages.warning(translate("Promise", "There is no debtor on screen."))
            return None
        msg = CreatePromise(
            key=uuid.uuid4().hex,
            handoff_id=hub_handoff_id(session.offer.handoff_id),
            debtor_id=session.offer.debtor.id,
            account_id=draft.account_id,
            amount_cents=draft.amount_cents,
            currency=draft.currency,
            due_date=draft.due_date,
            instalments=list(draft.instalments),
            payment_channel=draft.payment_channel,
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
        session.outbox.describe(item.key, self._describe_promise(draft))
        session.on_item(item)
        session.promise_saved.emit(item)
        messages.info(translate("Promise", "Promise saved; it will sync automatically."))
        if draft.confirmation is not None:
            await self._queue_confirmation(msg, draft)
        return item

    async def _queue_confirmation(self, promise: CreatePromise, draft: PromiseDraft) -> None:
        assert draft.confirmation is not None
        msg = queue_message(promise.debtor_id, draft.confirmation, promise.handoff_id, promise.key)
        try:
            item = await self._client.save_write(msg)
        except Exception as exc:
            log.error("confirmation could not be saved locally: %s", type(exc).__name__)
            messages.error(translate("Promise", "The confirmation message could not be queued."))
            return
        label = (
            translate("Promise", "Confirmation by SMS")
            if draft.confirmation.channel == "sms"
            else translate("Promise", "Confirmation by e-mail")
        )
        self._session.outbox.describe(item.key, label)
        self._session.on_item(item)

    def _describe_promise(self, draft: PromiseDraft) -> str:
        session = self._session
        account = next((a for a in session.accounts.accounts if a.id == draft.account_id), None)
        return translate("Promise", "{amount} · account {account} · due {date}").format(
            amount=format_money(draft.amount_cents, draft.currency, session.locale),
            account=account.number_masked if account else str(draft.account_id),
            date=format_date(draft.due_date, session.locale),
        )

    async def save_wrapup(
        self,
        offer: HandoffOffer,
        disposition: str,
        notes: str,
        callback: CallbackChoice | None,
    ) -> Any:
        """The wrap-up (and its callback) in the outbox; None when it could not be saved."""
        session = self._session
        script = session.script.script
        msg = SubmitWrapUp(
            key=uuid.uuid4().hex,
            handoff_id=hub_handoff_id(offer.handoff_id),
            callback_id=session.current_callback_id,
            debtor_id=offer.debtor.id,
            disposition=disposition,
            notes=notes,
            script_id=script.id if script else offer.script_id,
            script_version=script.version if script else offer.script_version,
            script_path=list(session.script.path),
            right_party=session.right_party,  # type: ignore[arg-type]
            callback_at=callback.due_at if callback is not None else None,
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
        session.on_item(item)
        if callback is not None:
            await self._schedule_callback(offer, msg.handoff_id, callback)
        return item

    async def _schedule_callback(
        self, offer: HandoffOffer, handoff_id: str | None, callback: CallbackChoice
    ) -> None:
        msg = ScheduleCallback(
            key=uuid.uuid4().hex,
            debtor_id=offer.debtor.id,
            due_at=callback.due_at,
            handoff_id=handoff_id,
            for_agent=self._session.username if callback.for_me else None,
        )
        try:
            self._session.on_item(await self._client.save_write(msg))
        except Exception as exc:
            log.error("callback could not be saved locally: %s", type(exc).__name__)
            messages.error(translate("WrapUp", "The callback could not be saved on this computer."))
