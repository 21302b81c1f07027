"""The offer calculator: settlements and instalment plans inside a campaign's policy.

A campaign's ``OfferPolicy`` caps the discount on a lump-sum settlement, the
number of instalments, the smallest instalment and how far away the first
payment may be. This module proposes the best offer the policy allows for a
balance, checks any offer an agent wants to make (``check_offer`` lists every
reason it is out of policy) and turns proposals into the ``offer.*`` variables
that ``offer`` nodes read. All amounts are integer cents; it must never round
through floats, never log amounts, and never let an out-of-policy offer pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import msgspec

from .errors import EngineError
from .money import Money

MAX_INSTALMENTS_CAP = 120  # ten years of monthly payments: beyond this a policy is a typo
INSTALMENT_INTERVAL_DAYS = 30


class OfferError(EngineError, ValueError):
    """An offer cannot be proposed or is outside the campaign's policy."""

    def __init__(self, reasons: tuple[str, ...]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class OfferPolicy(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """What a campaign lets an agent offer; declared per campaign or in a script."""

    max_discount_percent: int = 0
    min_instalment_cents: int = 10_000
    max_instalments: int = 6
    max_days_to_first_payment: int = 7

    def __post_init__(self) -> None:
        # Raised as ValueError so msgspec reports it as a validation error on decode.
        if not 0 <= self.max_discount_percent <= 90:
            raise ValueError("max_discount_percent must be between 0 and 90")
        if self.min_instalment_cents < 1:
            raise ValueError("min_instalment_cents must be at least 1")
        if not 1 <= self.max_instalments <= MAX_INSTALMENTS_CAP:
            raise ValueError(f"max_instalments must be between 1 and {MAX_INSTALMENTS_CAP}")
        if not 0 <= self.max_days_to_first_payment <= 365:
            raise ValueError("max_days_to_first_payment must be between 0 and 365")


DEFAULT_POLICY = OfferPolicy(
    max_discount_percent=20,
    min_instalment_cents=20_000,
    max_instalments=6,
    max_days_to_first_payment=7,
)


@dataclass(frozen=True, slots=True)
class Settlement:
    """Pay ``amount`` once by ``due`` and the balance is settled."""

    balance: Money
    discount_percent: int
    amount: Money
    due: dt.date


@dataclass(frozen=True, slots=True)
class InstalmentPlan:
    """``count`` payments every 30 days from ``first_due``; the last absorbs rounding."""

    balance: Money
    count: int
    instalment: Money
    last_instalment: Money
    first_due: dt.date

    @property
    def due_dates(self) -> tuple[dt.date, ...]:
        step = dt.timedelta(days=INSTALMENT_INTERVAL_DAYS)
        return tuple(self.first_due + step * i for i in range(self.count))

    @property
    def total(self) -> Money:
        cents = self.instalment.cents * (self.count - 1) + self.last_instalment.cents
        return Money(cents, self.balance.currency)


Offer = Settlement | InstalmentPlan


def _require_balance(balance: Money) -> None:
    if not isinstance(balance, Money):
        raise OfferError(("the balance must be an amount of money",))
    if balance.cents <= 0:
        raise OfferError(("there is no balance to offer on",))


def _discounted(balance: Money, percent: int) -> Money:
    kept = Decimal(balance.cents) * (100 - percent) / 100
    return Money(int(kept.quantize(Decimal(1), rounding=ROUND_HALF_UP)), balance.currency)


def settlement(
    balance: Money,
    policy: OfferPolicy,
    today: dt.date,
    *,
    discount_percent: int | None = None,
    days_to_pay: int | None = None,
) -> Settlement:
    """A lump-sum settlement; by default the largest discount and latest date allowed."""
    _require_balance(balance)
    percent = policy.max_discount_percent if discount_percent is None else discount_percent
    days = policy.max_days_to_first_payment if days_to_pay is None else days_to_pay
    # Never a zero settlement: a cent is still a payment the customer makes.
    amount = Money(max(1, _discounted(balance, percent).cents), balance.currency)
    offer = Settlement(balance, percent, amount, today + dt.timedelta(days=days))
    _raise_if_refused(offer, policy, today)
    return offer


def instalment_plan(
    balance: Money,
    policy: OfferPolicy,
    today: dt.date,
    *,
    count: int | None = None,
    days_to_first: int | None = None,
) -> InstalmentPlan:
    """Equal instalments; by default as many as the policy and minimum instalment allow."""
    _require_balance(balance)
    if count is None:
        # The most instalments whose regular payment still meets the minimum.
        count = max(1, min(policy.max_instalments, balance.cents // policy.min_instalment_cents))
    if count < 1:
        raise OfferError(("a plan needs at least one instalment",))
    days = policy.max_days_to_first_payment if days_to_first is None else days_to_first
    regular = balance.cents // count
    last = balance.cents - regular * (count - 1)
    offer = InstalmentPlan(
        balance,
        count,
        Money(regular, balance.currency),
        Money(last, balance.currency),
        today + dt.timedelta(days=days),
    )
    _raise_if_refused(offer, policy, today)
    return offer


def check_offer(offer: Offer, policy: OfferPolicy, today: dt.date) -> tuple[str, ...]:
    """Every reason *offer* is outside *policy*; an empty tuple means it may be made."""
    reasons: list[str] = []
    first_due = offer.due if isinstance(offer, Settlement) else offer.first_due
    if first_due < today:
        reasons.append("the first payment date is in the past")
    elif (first_due - today).days > policy.max_days_to_first_payment:
        reasons.append(
            f"the first payment is {(first_due - today).days} days away; "
            f"the policy allows at most {policy.max_days_to_first_payment}"
        )
    if isinstance(offer, Settlement):
        _check_settlement(offer, policy, reasons)
    else:
        _check_plan(offer, policy, reasons)
    return tuple(reasons)


def _check_settlement(offer: Settlement, policy: OfferPolicy, reasons: list[str]) -> None:
    if offer.discount_percent < 0:
        reasons.append("a discount cannot be negative")
    elif offer.discount_percent > policy.max_discount_percent:
        reasons.append(
            f"a {offer.discount_percent}% discount is more than the "
            f"{policy.max_discount_percent}% the policy allows"
        )
    elif offer.amount.cents < _discounted(offer.balance, policy.max_discount_percent).cents:
        reasons.append("the settlement amount is below what the maximum discount allows")
    if offer.amount.cents <= 0:
        reasons.append("the settlement amount must be more than zero")
    if offer.amount.cents > offer.balance.cents:
        reasons.append("the settlement amount is more than the balance")
    if offer.amount.currency != offer.balance.currency:
        reasons.append("the settlement is in a different currency from the balance")


def _check_plan(offer: InstalmentPlan, policy: OfferPolicy, reasons: list[str]) -> None:
    if offer.count < 1:
        reasons.append("a plan needs at least one instalment")
        return
    if offer.count > policy.max_instalments:
        reasons.append(
            f"{offer.count} instalments is more than the {policy.max_instalments} the policy allows"
        )
    smallest = min(offer.instalment.cents, offer.last_instalment.cents)
    # A balance smaller than the minimum instalment can still be paid in one go.
    if smallest < policy.min_instalment_cents and not (
        offer.count == 1 and offer.balance.cents < policy.min_instalment_cents
    ):
        reasons.append("an instalment is smaller than the policy's minimum instalment")
    if offer.total.cents != offer.balance.cents:
        reasons.append("the instalments do not add up to the balance")


def _raise_if_refused(offer: Offer, policy: OfferPolicy, today: dt.date) -> None:
    reasons = check_offer(offer, policy, today)
    if reasons:
        raise OfferError(reasons)


OFFER_VARIABLES: frozenset[str] = frozenset(
    {
        "offer.settlement_amount",
        "offer.discount_percent",
        "offer.settlement_date",
        "offer.instalments",
        "offer.instalment_amount",
        "offer.first_payment_date",
    }
)


def offer_variables(balance: Money, policy: OfferPolicy, today: dt.date) -> dict[str, object]:
    """The ``offer.*`` variables for offer nodes: the best settlement and plan allowed."""
    if not isinstance(balance, Money) or balance.cents <= 0:
        return {}  # nothing to offer: a script reading offer.* fails loudly at that node
    lump = settlement(balance, policy, today)
    plan = instalment_plan(balance, policy, today)
    return {
        "offer.settlement_amount": lump.amount,
        "offer.discount_percent": lump.discount_percent,
        "offer.settlement_date": lump.due,
        "offer.instalments": plan.count,
        "offer.instalment_amount": plan.instalment,
        "offer.first_payment_date": plan.first_due,
    }
