"""Money, dates and contact-centre labels formatted for the agent's locale.

Babel does the locale work so nothing is formatted by hand. Amounts arrive as integer cents and
are converted with Decimal so a peso is never off by a float rounding. This module must never
log the values it formats: amounts and names are personal data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import format_time as _babel_time
from babel.numbers import format_currency as _babel_currency
from babel.numbers import get_currency_symbol
from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.common.i18n import translate

PRODUCTS: dict[str, str] = {
    "credit_card": str(QT_TRANSLATE_NOOP("Product", "Credit card")),
    "personal_loan": str(QT_TRANSLATE_NOOP("Product", "Personal loan")),
    "telecom": str(QT_TRANSLATE_NOOP("Product", "Telecom")),
    "retail_credit": str(QT_TRANSLATE_NOOP("Product", "Retail credit")),
}

CHANNELS: dict[str, str] = {
    "call": str(QT_TRANSLATE_NOOP("Channel", "Call")),
    "sms": str(QT_TRANSLATE_NOOP("Channel", "SMS")),
    "whatsapp": str(QT_TRANSLATE_NOOP("Channel", "WhatsApp")),
    "email": str(QT_TRANSLATE_NOOP("Channel", "Email")),
    "messenger": str(QT_TRANSLATE_NOOP("Channel", "Messenger")),
    "blaster": str(QT_TRANSLATE_NOOP("Channel", "Voice blast")),
    "payment": str(QT_TRANSLATE_NOOP("Channel", "Payment")),
    "promise": str(QT_TRANSLATE_NOOP("Channel", "Promise")),
    "note": str(QT_TRANSLATE_NOOP("Channel", "Note")),
}


def cents_to_decimal(cents: int) -> Decimal:
    return Decimal(cents) / 100


def format_money(cents: int, currency: str, locale: str) -> str:
    return str(_babel_currency(cents_to_decimal(cents), currency, locale=locale))


def currency_symbol(currency: str, locale: str) -> str:
    return str(get_currency_symbol(currency, locale=locale))


def format_date(value: dt.date, locale: str) -> str:
    return str(_babel_date(value, format="medium", locale=locale))


def format_datetime(value: dt.datetime, locale: str, tz: dt.tzinfo | None = None) -> str:
    if tz is not None and value.tzinfo is not None:
        value = value.astimezone(tz)
    return str(_babel_datetime(value, format="short", locale=locale))


def debtor_zone(timezone: str) -> dt.tzinfo | None:
    """The debtor's zone, or None when the name is unknown (shown as "unknown", never a guess)."""
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def format_local_time(timezone: str, locale: str, now: dt.datetime | None = None) -> str:
    zone = debtor_zone(timezone)
    if zone is None:
        return translate("Formatting", "unknown time zone")
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    return str(_babel_time(moment, format="short", locale=locale))


def product_label(product: str) -> str:
    source = PRODUCTS.get(product)
    return translate("Product", source) if source else product


def channel_label(channel: str) -> str:
    source = CHANNELS.get(channel)
    return translate("Channel", source) if source else channel


def format_duration(seconds: float) -> str:
    """Timer text for the call and state clocks: m:ss, or h:mm:ss past an hour."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
