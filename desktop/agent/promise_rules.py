"""The rules a payment promise must meet before it is saved, as pure functions.

The hub enforces the same business rules (and rejects what slips through); checking here gives
the agent an immediate, specific message beside the field instead of a round trip. A promise is
one payment, a settlement (one discounted payment that closes the balance) or an instalment plan,
each checked against the campaign's policy: the smallest payment, how far ahead, the largest
discount, how many instalments. This module must never save, send or log anything: it turns
form input into a `PromiseDraft` or a list of problems keyed by the field they belong to.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Literal

import msgspec
from babel.numbers import NumberFormatError, parse_decimal

from desktop.common.formatting import currency_symbol, format_date, format_money
from desktop.common.i18n import translate
from sync.protocol import Account, CampaignPolicy, Instalment

MAX_DAYS_AHEAD = 30
LATEST_INSTALMENT_DAYS = 5 * 366
PromiseKind = Literal["single", "settlement", "plan"]
Field = Literal["account", "amount", "due", "plan"]


@dataclass(frozen=True)
class Confirmation:
    """The message that confirms the promise to the debtor, queued through the hub."""

    channel: Literal["sms", "email"]
    contact_point_id: int
    text: str


@dataclass(frozen=True)
class PromiseDraft:
    account_id: int
    amount_cents: int  # the payment, the settlement, or the plan's total
    currency: str
    due_date: dt.date  # the (first) payment's date
    instalments: tuple[Instalment, ...] = ()
    payment_channel: str | None = None
    kind: PromiseKind = "single"
    discount_pct: int = 0
    confirmation: Confirmation | None = None


@dataclass(frozen=True)
class PromiseCheck:
    draft: PromiseDraft | None
    problems: tuple[str, ...]
    # The same problems by the field they are about, so the form shows each beside its field.
    by_field: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.draft is not None


def parse_amount(text: str, currency: str, locale: str) -> int | None:
    """Amount typed by the agent -> cents; None when it is not a plain money amount."""
    cleaned = text.replace(currency_symbol(currency, locale), "").replace(currency, "")
    cleaned = cleaned.replace("$", "").replace("\u00a0", "").replace(" ", "").strip()
    if not cleaned:
        return None
    try:
        value = parse_decimal(cleaned, locale=locale)
    except (NumberFormatError, InvalidOperation, ValueError):
        return None
    if not value.is_finite():
        return None
    cents = value * 100
    if cents != cents.to_integral_value():
        return None  # more than two decimals is a typo, not a promise
    return int(cents)


class _Problems:
    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, where: str, text: str) -> None:
        self.items.append((where, text))

    def check(self, draft: PromiseDraft | None) -> PromiseCheck:
        if self.items or draft is None:
            by_field: dict[str, tuple[str, ...]] = {}
            for where, text in self.items:
                by_field[where] = (*by_field.get(where, ()), text)
            return PromiseCheck(None, tuple(t for _w, t in self.items), by_field)
        return PromiseCheck(draft, ())


def _amount(
    found: _Problems, account: Account, text: str, locale: str, policy: CampaignPolicy | None
) -> int | None:
    cents = parse_amount(text, account.currency, locale)
    if cents is None:
        found.add(
            "amount",
            translate("Promise", "Enter the amount as a number, for example {example}.").format(
                example=format_money(150050, account.currency, locale)
            ),
        )
    elif cents <= 0:
        found.add("amount", translate("Promise", "The amount must be greater than zero."))
    elif cents > account.balance_cents:
        found.add(
            "amount",
            translate("Promise", "The amount cannot be more than the balance of {balance}.").format(
                balance=format_money(account.balance_cents, account.currency, locale)
            ),
        )
    elif _below_minimum(cents, account, policy):
        assert policy is not None
        found.add(
            "amount",
            translate("Promise", "The campaign asks for at least {minimum} per payment.").format(
                minimum=format_money(policy.min_promise_cents, account.currency, locale)
            ),
        )
    return cents


def _below_minimum(cents: int, account: Account, policy: CampaignPolicy | None) -> bool:
    # A balance smaller than the minimum can still be paid off in full.
    return policy is not None and cents < min(policy.min_promise_cents, account.balance_cents)


def _due(
    found: _Problems, due: dt.date, today: dt.date, locale: str, policy: CampaignPolicy | None
) -> None:
    latest = today + dt.timedelta(days=policy.max_days_ahead if policy else MAX_DAYS_AHEAD)
    if due < today:
        found.add("due", translate("Promise", "The due date cannot be in the past."))
    elif due > latest:
        found.add(
            "due",
            translate("Promise", "The due date must be on or before {date}.").format(
                date=format_date(latest, locale)
            ),
        )


def _account(found: _Problems, account: Account | None) -> Account | None:
    if account is None:
        found.add("account", translate("Promise", "Choose the account the promise is for."))
    elif account.status != "open":
        found.add("account", translate("Promise", "This account is not open; choose another one."))
    return account


def check_promise(
    account: Account | None,
    amount_text: str,
    due_date: dt.date,
    today: dt.date,
    locale: str,
    policy: CampaignPolicy | None = None,
) -> PromiseCheck:
    """One payment of part (or all) of the balance."""
    found = _Problems()
    if _account(found, account) is None or account is None:
        return found.check(None)
    cents = _amount(found, account, amount_text, locale, policy)
    _due(found, due_date, today, locale, policy)
    if cents is None:
        return found.check(None)
    return found.check(PromiseDraft(account.id, cents, account.currency, due_date))


def check_settlement(
    account: Account | None,
    amount_text: str,
    due_date: dt.date,
    today: dt.date,
    locale: str,
    policy: CampaignPolicy,
) -> PromiseCheck:
    """One discounted payment that settles the whole balance, within the campaign's discount."""
    found = _Problems()
    if _account(found, account) is None or account is None:
        return found.check(None)
    cents = _amount(found, account, amount_text, locale, None)
    _due(found, due_date, today, locale, policy)
    discount = 0
    if cents is not None and 0 < cents <= account.balance_cents:
        discount = discount_pct(cents, account.balance_cents)
        if discount > policy.max_discount_pct:
            lowest = account.balance_cents * (100 - policy.max_discount_pct) // 100
            found.add(
                "amount",
                translate(
                    "Promise",
                    "That is a {discount}% discount; the campaign allows {limit}% "
                    "(at least {lowest}).",
                ).format(
                    discount=discount,
                    limit=policy.max_discount_pct,
                    lowest=format_money(lowest, account.currency, locale),
                ),
            )
    if cents is None:
        return found.check(None)
    draft = PromiseDraft(
        account.id, cents, account.currency, due_date, kind="settlement", discount_pct=discount
    )
    return found.check(draft)


def discount_pct(amount_cents: int, balance_cents: int) -> int:
    """The discount a settlement amount gives, rounded up so 10.01 % counts as 11 %."""
    off = Decimal(balance_cents - amount_cents) * 100 / Decimal(balance_cents)
    return int(off.to_integral_value(rounding="ROUND_CEILING"))


def check_plan(
    account: Account | None,
    rows: Sequence[tuple[str, dt.date]],
    today: dt.date,
    locale: str,
    policy: CampaignPolicy,
) -> PromiseCheck:
    """2..max instalments, each within policy, in date order, adding up to at most the balance."""
    found = _Problems()
    if _account(found, account) is None or account is None:
        return found.check(None)
    if not 2 <= len(rows) <= max(2, policy.max_instalments):
        found.add(
            "plan",
            translate("Promise", "A plan has 2 to {limit} instalments.").format(
                limit=max(2, policy.max_instalments)
            ),
        )
    instalments: list[Instalment] = []
    for number, (text, due) in enumerate(rows, start=1):
        row = _Problems()
        cents = _amount(row, account, text, locale, policy)
        # The policy's horizon is for the first payment; later ones only need to be sane.
        latest_days = policy.max_days_ahead if number == 1 else LATEST_INSTALMENT_DAYS
        _due(row, due, today, locale, _with_horizon(policy, latest_days))
        for _where, problem in row.items:
            found.add(
                "plan",
                translate("Promise", "Instalment {number}: {problem}").format(
                    number=number, problem=problem
                ),
            )
        if cents is not None and not row.items:
            instalments.append(Instalment(amount_cents=cents, due_date=due))
    dates = [due for _text, due in rows]
    if any(later <= earlier for earlier, later in itertools.pairwise(dates)):
        found.add("plan", translate("Promise", "Each instalment must fall after the one before."))
    total = sum(i.amount_cents for i in instalments)
    if total > account.balance_cents:
        found.add(
            "plan",
            translate(
                "Promise", "The instalments add up to {total}, more than the balance."
            ).format(total=format_money(total, account.currency, locale)),
        )
    if len(instalments) != len(rows) or not instalments:
        return found.check(None)
    draft = PromiseDraft(
        account.id,
        total,
        account.currency,
        instalments[0].due_date,
        instalments=tuple(instalments),
        kind="plan",
    )
    return found.check(draft)


def _with_horizon(policy: CampaignPolicy, days: int) -> CampaignPolicy:
    """The policy with another horizon (later instalments may fall past the first's limit)."""
    return msgspec.structs.replace(policy, max_days_ahead=days)


def suggested_amount(account: Account, policy: CampaignPolicy | None) -> int:
    """The amount the form offers first: the minimum payment, raised to the campaign's
    smallest payment, never above the balance."""
    floor = policy.min_promise_cents if policy is not None else 0
    return min(account.balance_cents, max(account.minimum_payment_cents, floor))


def amount_text(cents: int) -> str:
    """Plain editable text for a prefilled amount (no symbol, no grouping)."""
    return f"{Decimal(cents) / 100:.2f}"
