"""The business rules a promise or wrap-up must pass, with look-ups cached for one batch.

A group commit checks hundreds of writes that mostly concern the same few
debtors, accounts and handoffs; ``BatchLookups`` reads each of those once per
batch instead of once per write. A failed rule raises ``Rejection`` with the
code the agent sees. Synchronous, read-only, inside the batch's transaction.
It must never write, and never outlive the batch it was made for (its cache
would go stale).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import Account as AccountRecord
from sync.protocol import CallQuality, CreatePromise, SubmitWrapUp

from . import callback_list, records
from .db import as_utc
from .models import AgentPresenceRow, CallbackRow, Debtor, HandoffRow
from .records import UserRecord


class Rejection(Exception):
    """A write the hub refuses for a business reason; recorded as its answer."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason


class BatchLookups:
    def __init__(self, session: Session) -> None:
        self._session = session
        self._timezones: dict[int, str | None] = {}
        self._handoffs: dict[str, tuple[int, int, dt.datetime, str] | None] = {}
        self._handed: dict[tuple[int, int], bool] = {}
        self._accounts: dict[int, tuple[int, AccountRecord] | None] = {}

    def timezone(self, debtor_id: int) -> str | None:
        """The debtor's timezone; raises ``unknown_debtor`` when there is no such debtor."""
        if debtor_id not in self._timezones:
            row = self._session.execute(
                select(Debtor.id, Debtor.timezone).where(Debtor.id == debtor_id)
            ).first()
            if row is None:
                raise Rejection("unknown_debtor", "no such debtor")
            self._timezones[debtor_id] = row[1]
        return self._timezones[debtor_id]

    def _handoff(self, handoff_id: str) -> tuple[int, int] | None:
        found = self.handoff(handoff_id)
        return None if found is None else (found[0], found[1])

    def handoff(self, handoff_id: str) -> tuple[int, int, dt.datetime, str] | None:
        """(agent id, debtor id, created at, campaign) of a handoff, or None."""
        if handoff_id not in self._handoffs:
            row = self._session.execute(
                select(
                    HandoffRow.agent_id,
                    HandoffRow.debtor_id,
                    HandoffRow.created_at,
                    HandoffRow.campaign,
                ).where(HandoffRow.id == handoff_id)
            ).first()
            self._handoffs[handoff_id] = (
                None if row is None else (row[0], row[1], as_utc(row[2]), row[3])
            )
        return self._handoffs[handoff_id]

    def latest_campaign(self, agent_id: int, debtor_id: int) -> str | None:
        """The campaign of the agent's latest handoff of the debtor."""
        return self._session.scalar(
            select(HandoffRow.campaign)
            .where(HandoffRow.agent_id == agent_id, HandoffRow.debtor_id == debtor_id)
            .order_by(HandoffRow.created_at.desc())
            .limit(1)
        )

    def wrapup_started(self, agent_id: int, handoff_id: str | None) -> dt.datetime | None:
        """When the agent went into wrap-up for ``handoff_id`` (None when not in it)."""
        if handoff_id is None:
            return None
        row = self._session.execute(
            select(
                AgentPresenceRow.state, AgentPresenceRow.handoff_id, AgentPresenceRow.updated_at
            ).where(AgentPresenceRow.user_id == agent_id)
        ).first()
        if row is None or row[0] != "wrap_up" or row[1] != handoff_id:
            return None
        return as_utc(row[2])

    def _account(self, account_id: int) -> tuple[int, AccountRecord] | None:
        if account_id not in self._accounts:
            owner = records.debtor_account_owner(self._session, account_id)
            account = records.account_of(self._session, account_id)
            self._accounts[account_id] = (
                None if owner is None or account is None else (owner, account)
            )
        return self._accounts[account_id]

    def check_assignment(self, user: UserRecord, debtor_id: int, handoff_id: str | None) -> None:
        self.timezone(debtor_id)
        if handoff_id is not None:
            if self._handoff(handoff_id) != (user.id, debtor_id):
                raise Rejection("unknown_handoff", "no such handoff for this agent and debtor")
            return
        pair = (user.id, debtor_id)
        if pair not in self._handed:
            # A callback the agent is to make counts as the debtor being handed to them.
            self._handed[pair] = records.was_handed_to(
                self._session, user.id, debtor_id
            ) or callback_list.awaits(self._session, user.id, debtor_id)
        if not self._handed[pair]:
            raise Rejection("not_assigned", "this debtor was never handed to this agent")

    def check_promise(self, user: UserRecord, msg: CreatePromise, now: dt.datetime) -> None:
        self.check_assignment(user, msg.debtor_id, msg.handoff_id)
        found = self._account(msg.account_id)
        if found is None or found[0] != msg.debtor_id:
            raise Rejection("unknown_account", "no such account for this debtor")
        account = found[1]
        if account.status != "open":
            raise Rejection("account_not_open", f"the account is {account.status}")
        if msg.amount_cents <= 0:
            raise Rejection("invalid_amount", "the promised amount must be greater than zero")
        if msg.currency != account.currency:
            raise Rejection("currency_mismatch", f"the account is in {account.currency}")
        today = records.local_today(self.timezone(msg.debtor_id), now)
        if msg.due_date < today:
            raise Rejection("due_date_past", "the due date is in the past")
        for instalment in msg.instalments:
            if instalment.amount_cents <= 0 or instalment.due_date < today:
                raise Rejection(
                    "invalid_instalment",
                    "every instalment needs a positive amount and a future date",
                )

    def check_wrapup(
        self, user: UserRecord, msg: SubmitWrapUp, max_disposition: int, max_steps: int
    ) -> None:
        self.check_assignment(user, msg.debtor_id, msg.handoff_id)
        if not msg.disposition.strip() or len(msg.disposition) > max_disposition:
            raise Rejection(
                "invalid_disposition",
                f"a disposition of 1-{max_disposition} characters is required",
            )
        if len(msg.script_path) > max_steps:
            raise Rejection("invalid_script_path", f"at most {max_steps} script steps")
        if msg.callback_id is not None:
            owner = self._session.scalar(
                select(CallbackRow.debtor_id).where(CallbackRow.id == msg.callback_id)
            )
            if owner != msg.debtor_id:
                raise Rejection("unknown_callback", "no such callback for this debtor")
        if msg.quality is not None and not _plausible(msg.quality):
            raise Rejection(
                "invalid_quality",
                "quality needs mos 1-5, loss 0-100 %, non-negative jitter and rtt",
            )


def _plausible(q: CallQuality) -> bool:
    # A softphone bug must not put nonsense into the centre's call-quality figures.
    checks = (
        (q.mos, 1.0, 5.0),
        (q.loss_pct, 0.0, 100.0),
        (q.jitter_ms, 0.0, 60_000.0),
        (q.rtt_ms, 0.0, 60_000.0),
    )
    in_range = all(v is None or lo <= v <= hi for v, lo, hi in checks)
    return in_range and len(q.codec) <= 32
