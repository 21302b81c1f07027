"""Bind a call's debtor and account to the flat variable mapping scripts read.

The desktop hands over the wire protocol's debtor and account (as plain dicts)
and gets back ``{"debtor.first_name": ..., "account.balance": Money(...), ...}``.
Scripts can only see what this module exposes, which is also the catalogue the
validator checks names against. It must never expose contact points (phone,
email, address) to script text, and never log any value it binds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_time

from .errors import CallContextError
from .money import Money, normalize_locale
from .offers import DEFAULT_POLICY, OFFER_VARIABLES, OfferError, OfferPolicy, offer_variables

COMPANY_NAME = "Financiera Acuerdo"

KNOWN_VARIABLES: frozenset[str] = frozenset(
    {
        "debtor.first_name",
        "debtor.full_name",
        "debtor.broken_promises",
        "debtor.last_payment_on",
        "debtor.local_time",
        "account.balance",
        "account.minimum_payment",
        "account.days_past_due",
        "account.product",
        "account.segment",
        "agent.first_name",
        "company.name",
        "today",
        *OFFER_VARIABLES,
    }
)
SCRIPT_VARIABLE_PREFIX = "vars."

_PRODUCT_NAMES: Mapping[str, Mapping[str, str]] = {
    "es": {
        "credit_card": "tarjeta de crédito",
        "personal_loan": "préstamo personal",
        "telecom": "servicio de telefonía",
        "retail_credit": "crédito en tienda",
    },
    "en": {
        "credit_card": "credit card",
        "personal_loan": "personal loan",
        "telecom": "phone service",
        "retail_credit": "store credit",
    },
}


def product_name(product: str, locale: str = "es_MX") -> str:
    """The product as a person says it in *locale*; unknown codes read as words."""
    names = _PRODUCT_NAMES.get(locale.replace("-", "_").split("_")[0], _PRODUCT_NAMES["es"])
    return names.get(product, product.replace("_", " "))


def _field(source: Mapping[str, Any], owner: str, key: str, kind: type) -> Any:
    if key not in source:
        raise CallContextError(f"{owner} is missing {key!r}")
    value = source[key]
    if kind is int and isinstance(value, bool):
        raise CallContextError(f"{owner}.{key} must be a whole number")
    if not isinstance(value, kind):
        raise CallContextError(f"{owner}.{key} must be {kind.__name__}, not {type(value).__name__}")
    return value


def _local_now(now: dt.datetime, timezone: object) -> dt.datetime:
    """The time where the debtor is, so 'hoy' means their today, not the agent's."""
    if now.tzinfo is None or not isinstance(timezone, str) or not timezone:
        return now
    try:
        return now.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return now


def variables_for_call(
    debtor: Mapping[str, Any],
    account: Mapping[str, Any] | None,
    agent_name: str,
    now: dt.datetime,
    *,
    locale: str = "es_MX",
    policy: OfferPolicy | None = None,
) -> dict[str, object]:
    """Build the flat mapping a Runner reads; raise CallContextError on a bad field.

    With no account the ``account.*`` names are simply absent, so a script that
    needs them fails loudly at the node that reads them rather than showing 0.
    ``offer.*`` are the best settlement and plan *policy* (default: the
    campaign default) allows for the balance.
    """
    if not isinstance(debtor, Mapping):
        raise CallContextError("debtor must be a mapping")
    if not isinstance(now, dt.datetime):
        raise CallContextError("now must be a datetime")
    first_name = _field(debtor, "debtor", "first_name", str)
    full_name = debtor.get("full_name")
    if not isinstance(full_name, str) or not full_name.strip():
        last = debtor.get("last_name")
        full_name = f"{first_name} {last}" if isinstance(last, str) and last else first_name
    broken = debtor.get("broken_promises", 0)
    if isinstance(broken, bool) or not isinstance(broken, int) or broken < 0:
        raise CallContextError("debtor.broken_promises must be a whole number >= 0")
    variables: dict[str, object] = {
        "debtor.first_name": first_name,
        "debtor.full_name": full_name,
        "debtor.broken_promises": broken,
        "agent.first_name": (agent_name.split() or [""])[0] if isinstance(agent_name, str) else "",
        "company.name": COMPANY_NAME,
    }
    local = _local_now(now, debtor.get("timezone"))
    variables["today"] = local.date()
    try:
        variables["debtor.local_time"] = str(
            format_time(local.time(), "short", locale=normalize_locale(locale))
        )
    except ValueError as exc:
        raise CallContextError(str(exc)) from None
    last_payment = debtor.get("last_payment_on")
    if isinstance(last_payment, str):
        # The wire's plain-dict form carries dates as ISO text.
        try:
            last_payment = dt.date.fromisoformat(last_payment)
        except ValueError:
            raise CallContextError("debtor.last_payment_on must be an ISO date") from None
    if last_payment is not None:
        if not isinstance(last_payment, dt.date):
            raise CallContextError("debtor.last_payment_on must be a date or None")
        variables["debtor.last_payment_on"] = last_payment
    if account is None:
        return variables
    if not isinstance(account, Mapping):
        raise CallContextError("account must be a mapping or None")
    currency = _field(account, "account", "currency", str)
    try:
        balance = Money(_field(account, "account", "balance_cents", int), currency)
        minimum = Money(_field(account, "account", "minimum_payment_cents", int), currency)
    except ValueError as exc:
        raise CallContextError(f"account.currency: {exc}") from None
    variables.update(
        {
            "account.balance": balance,
            "account.minimum_payment": minimum,
            "account.days_past_due": _field(account, "account", "days_past_due", int),
            "account.product": product_name(_field(account, "account", "product", str), locale),
            "account.segment": str(account.get("segment") or ""),
        }
    )
    # No offer fits: offer nodes then fail loudly instead of showing a wrong figure.
    with contextlib.suppress(OfferError):
        variables.update(offer_variables(balance, policy or DEFAULT_POLICY, local.date()))
    return variables
