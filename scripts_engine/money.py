"""Money and locale-aware formatting of amounts and dates for script text.

Amounts travel as integer minor units (cents) with an ISO currency code, the
same way the wire protocol carries them, so nothing here rounds binary floats.
Formatting always goes through Babel for the call's locale; this module must
never format money or dates by hand and never logs amounts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_currency, get_currency_precision

DEFAULT_LOCALE = "es_MX"


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in minor units (cents for MXN) of one currency."""

    cents: int
    currency: str = "MXN"

    def __post_init__(self) -> None:
        if isinstance(self.cents, bool) or not isinstance(self.cents, int):
            raise TypeError("Money.cents must be an int of minor units")
        if not (isinstance(self.currency, str) and len(self.currency) == 3):
            raise ValueError("Money.currency must be a 3-letter ISO code")

    @property
    def amount(self) -> Decimal:
        """The amount in major units (pesos), exact."""
        return Decimal(self.cents).scaleb(-get_currency_precision(self.currency))


@lru_cache(maxsize=64)
def normalize_locale(locale: str) -> str:
    """Return Babel's canonical name for ``es-MX``/``es_MX``; raise ValueError if unknown."""
    try:
        return str(Locale.parse(locale.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown locale {locale!r}") from exc


def format_money(value: Money, locale: str = DEFAULT_LOCALE) -> str:
    """Format an amount the way the locale writes it, e.g. ``$1,234.56`` in es-MX."""
    return str(format_currency(value.amount, value.currency, locale=normalize_locale(locale)))


def format_day(value: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    """Format a date in the locale's medium style, e.g. ``5 mar 2024`` in es-MX."""
    return str(_babel_format_date(value, "medium", locale=normalize_locale(locale)))
