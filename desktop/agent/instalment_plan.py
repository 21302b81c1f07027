"""Instalment plans and settlement offers the promise form proposes, as pure functions.

An even split of an amount into 2..N payments at a weekly, fortnightly or monthly cadence (the
last payment absorbs the rounding cent), and the campaign's best settlement and plan from the
scripts engine's offer calculator, so the form and a script's offer node always agree. This
module must never import widgets, do I/O, or log an amount.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.common.i18n import translate
from scripts_engine import Money, OfferError, OfferPolicy, instalment_plan, settlement
from sync.protocol import Account, CampaignPolicy, Instalment

Cadence = Literal["weekly", "fortnightly", "monthly"]
CADENCES: dict[str, str] = {
    "weekly": str(QT_TRANSLATE_NOOP("Plan", "Weekly")),
    "fortnightly": str(QT_TRANSLATE_NOOP("Plan", "Every two weeks")),
    "monthly": str(QT_TRANSLATE_NOOP("Plan", "Monthly")),
}
# The engine's policy caps the first payment at a year away; the hub's campaigns never near it.
_ENGINE_MAX_DAYS = 365


def cadence_label(cadence: str) -> str:
    source = CADENCES.get(cadence)
    return translate("Plan", source) if source else cadence


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of the month `months` later, clamped to the month's last day (31 Jan -> 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_dates(first: dt.date, count: int, cadence: str) -> list[dt.date]:
    if cadence == "monthly":
        return [add_months(first, i) for i in range(count)]
    step = dt.timedelta(days=7 if cadence == "weekly" else 14)
    return [first + step * i for i in range(count)]


def even_plan(total_cents: int, count: int, first: dt.date, cadence: str) -> list[Instalment]:
    """`count` equal payments adding up to `total_cents` exactly; the last takes the remainder."""
    if count < 1 or total_cents < count:
        raise ValueError("a plan needs at least one cent per instalment")
    regular = total_cents // count
    amounts = [regular] * (count - 1) + [total_cents - regular * (count - 1)]
    return [
        Instalment(amount_cents=a, due_date=d)
        for a, d in zip(amounts, due_dates(first, count, cadence), strict=True)
    ]


@dataclass(frozen=True)
class Offer:
    """One proposal the agent may pick: a settlement (one payment) or an even plan."""

    kind: Literal["settlement", "plan"]
    amount_cents: int  # the settlement amount, or the plan's total
    discount_pct: int
    instalments: tuple[Instalment, ...]


def offer_policy(policy: CampaignPolicy) -> OfferPolicy:
    return OfferPolicy(
        max_discount_percent=max(0, min(90, policy.max_discount_pct)),
        min_instalment_cents=max(1, policy.min_promise_cents),
        max_instalments=max(1, policy.max_instalments),
        max_days_to_first_payment=max(0, min(_ENGINE_MAX_DAYS, policy.max_days_ahead)),
    )


def offers_for(account: Account, policy: CampaignPolicy, today: dt.date) -> list[Offer]:
    """The best settlement and the longest even monthly plan the campaign allows."""
    rules = offer_policy(policy)
    balance = Money(account.balance_cents, account.currency)
    found: list[Offer] = []
    try:
        lump = settlement(balance, rules, today)
        found.append(
            Offer(
                "settlement",
                lump.amount.cents,
                lump.discount_percent,
                (Instalment(amount_cents=lump.amount.cents, due_date=lump.due),),
            )
        )
    except OfferError:
        pass  # nothing to settle (no balance): no settlement offer
    try:
        plan = instalment_plan(balance, rules, today)
    except OfferError:
        return found
    if plan.count >= 2:
        # The engine spaces payments 30 days apart; agents promise on a calendar date.
        first = today + dt.timedelta(days=rules.max_days_to_first_payment)
        instalments = even_plan(account.balance_cents, plan.count, first, "monthly")
        found.append(Offer("plan", account.balance_cents, 0, tuple(instalments)))
    return found
