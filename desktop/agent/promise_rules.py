"""The rules a payment promise must meet before it is saved, as pure functions.

The hub enforces the same business rules (and rejects what slips through); checking here gives
the agent an immediate, specific message instead of a round trip. This module must never save,
send or log anything: it turns form input into a `PromiseDraft` or a list of problems.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

from desktop.common.formatting import currency_symbol, format_date, format_money
from desktop.common.i18n import translate
from sync.protocol import Account

MAX_DAYS_AHEAD = 30


@dataclass(frozen=True)
class PromiseDraft:
    account_id: int
    amount_cents: int
    currency: str
    due_date: dt.date


@dataclass(frozen=True)
class PromiseCheck:
    draft: PromiseDraft | None
    problems: tuple[str, ...]

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


def check_promise(
    account: Account | None,
    amount_text: str,
    due_date: dt.date,
    today: dt.date,
    locale: str,
) -> PromiseCheck:
    problems: list[str] = []
    if account is None:
        problems.append(translate("Promise", "Choose the account the promise is for."))
        return PromiseCheck(None, tuple(problems))
    cents = parse_amount(amount_text, account.currency, locale)
    if cents is None:
        problems.append(
            translate("Promise", "Enter the amount as a number, for example {example}.").format(
                example=format_money(150050, account.currency, locale)
            )
        )
    elif cents <= 0:
        problems.append(translate("Promise", "The amount must be greater than zero."))
    elif cents > account.balance_cents:
        problems.append(
            translate("Promise", "The amount cannot be more than the balance of {balance}.").format(
                balance=format_money(account.balance_cents, account.currency, locale)
            )
        )
    latest = today + dt.timedelta(days=MAX_DAYS_AHEAD)
    if due_date < today:
        problems.append(translate("Promise", "The due date cannot be in the past."))
    elif due_date > latest:
        problems.append(
            translate("Promise", "The due date must be on or before {date}.").format(
                date=format_date(latest, locale)
            )
        )
    if account.status != "open":
        problems.append(translate("Promise", "This account is not open; choose another one."))
    if problems or cents is None:
        return PromiseCheck(None, tuple(problems))
    return PromiseCheck(PromiseDraft(account.id, cents, account.currency, due_date), ())


def amount_text(cents: int) -> str:
    """Plain editable text for a prefilled amount (no symbol, no grouping)."""
    return f"{Decimal(cents) / 100:.2f}"
