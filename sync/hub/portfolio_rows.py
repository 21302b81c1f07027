"""Reading and checking a portfolio import's CSV rows: one clear reason per rejected row.

Each file (debtors, accounts, contact points, history) has documented
columns (see docs/operations.md); a row is turned into the values for its
table or rejected with the file's line number and the reason, so the company
can fix its export and send the rejected rows again. Pure: reads CSV text,
never opens the database, and never logs row contents (names, phones and
amounts are personal data).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sync.protocol import Channel, ContactKind, Direction, Product

from .portfolio import segment_for

MAX_TEXT = 200
MAX_SUMMARY = 2000
ACCOUNT_STATUSES = ("open", "paid", "reassigned", "closed")
# Required columns per file; optional ones are listed in OPTIONAL.
REQUIRED: dict[str, tuple[str, ...]] = {
    "debtors": ("debtor_ref", "first_name", "last_name", "region", "timezone"),
    "accounts": (
        "debtor_ref", "product", "number_masked", "balance_cents", "currency",
        "days_past_due", "minimum_payment_cents",
    ),
    "contact_points": ("debtor_ref", "kind", "value"),
    "history": ("debtor_ref", "channel", "occurred_at", "summary"),
}  # fmt: skip
OPTIONAL: dict[str, tuple[str, ...]] = {
    "debtors": ("broken_promises", "last_payment_on", "do_not_call", "do_not_call_reason"),
    "accounts": ("status", "segment"),
    "contact_points": ("label", "valid", "do_not_call"),
    "history": ("direction", "account_number"),
}


class RowError(Exception):
    """Why one row cannot be imported (goes into the report beside its line number)."""


class FileError(Exception):
    """The file itself cannot be read: missing columns, not CSV, wrong encoding."""


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class Rejected:
    file: str
    line: int
    reason: str
    values: Mapping[str, str]


def read_rows(kind: str, handle: IO[str]) -> Iterator[Row]:
    """The rows of one file with their line numbers; FileError when the header is wrong."""
    reader = csv.DictReader(handle)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED[kind] if c not in header]
    if missing:
        raise FileError(f"{kind}: missing column(s) {', '.join(missing)}")
    unknown = [c for c in header if c not in REQUIRED[kind] and c not in OPTIONAL[kind]]
    if unknown:
        raise FileError(f"{kind}: unknown column(s) {', '.join(unknown)}")
    reader.fieldnames = header
    try:
        for record in reader:
            extra = record.pop(None, None)
            values = {k: (v or "").strip() for k, v in record.items()}
            if extra:
                values["__extra__"] = "1"
            # reader.line_num is the physical line just read (quoted newlines count).
            yield Row(reader.line_num, values)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise FileError(f"{kind}: unreadable near line {reader.line_num}: {exc}") from exc


def _text(values: Mapping[str, str], column: str, limit: int = MAX_TEXT) -> str:
    value = values.get(column, "")
    if not value:
        raise RowError(f"{column} is empty")
    if len(value) > limit:
        raise RowError(f"{column} is longer than {limit} characters")
    return value


def _int(values: Mapping[str, str], column: str, default: int | None = None) -> int:
    raw = values.get(column, "")
    if not raw and default is not None:
        return default
    try:
        number = int(raw)
    except ValueError:
        raise RowError(f"{column} must be a whole number (got {raw[:20]!r})") from None
    if number < 0:
        raise RowError(f"{column} must not be negative")
    return number


def _choice(values: Mapping[str, str], column: str, allowed: tuple[str, ...]) -> str:
    value = values.get(column, "")
    if value not in allowed:
        raise RowError(f"{column} must be one of {', '.join(allowed)} (got {value[:20]!r})")
    return value


def _date(raw: str, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise RowError(f"{column} must be a date like 2026-01-31 (got {raw[:20]!r})") from None


def debtor(values: Mapping[str, str]) -> dict[str, Any]:
    zone = _text(values, "timezone", 64)
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise RowError(f"timezone {zone[:64]!r} is not a known IANA zone") from None
    last_payment = values.get("last_payment_on", "")
    return {
        "external_ref": _text(values, "debtor_ref", 64),
        "first_name": _text(values, "first_name", 100),
        "last_name": _text(values, "last_name", 100),
        "region": _text(values, "region", 64),
        "timezone": zone,
        "broken_promises": _int(values, "broken_promises", 0),
        "last_payment_on": _date(last_payment, "last_payment_on") if last_payment else None,
        "do_not_call": _flag(values, "do_not_call", False),
        "do_not_call_reason": values.get("do_not_call_reason", "")[:200],
    }


def account(values: Mapping[str, str]) -> dict[str, Any]:
    currency = _text(values, "currency", 3)
    if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
        raise RowError("currency must be a 3-letter ISO code like MXN")
    days = _int(values, "days_past_due")
    segment = values.get("segment", "") or segment_for(days)
    if len(segment) > 32:
        raise RowError("segment is longer than 32 characters")
    return {
        "product": _choice(values, "product", get_args(Product)),
        "number_masked": _text(values, "number_masked", 32),
        "balance_cents": _int(values, "balance_cents"),
        "currency": currency,
        "days_past_due": days,
        "minimum_payment_cents": _int(values, "minimum_payment_cents"),
        "segment": segment,
        "status": _choice(values, "status", ACCOUNT_STATUSES) if values.get("status") else "open",
    }


def contact_point(values: Mapping[str, str]) -> dict[str, Any]:
    kind = _choice(values, "kind", get_args(ContactKind))
    value = _text(values, "value")
    if kind == "email" and "@" not in value:
        raise RowError("value must be an email address for kind email")
    if kind in ("phone", "whatsapp") and not value.lstrip("+").replace(" ", "").isdigit():
        raise RowError(f"value must be a phone number (digits, optional +) for kind {kind}")
    return {
        "kind": kind,
        "value": value,
        "label": values.get("label", "")[:64],
        "valid": _flag(values, "valid", True),
        "do_not_call": _flag(values, "do_not_call", False),
    }


def _flag(values: Mapping[str, str], column: str, default: bool) -> bool:
    raw = values.get(column, "").strip().lower()
    if not raw:
        return default
    if raw not in ("true", "false"):
        raise RowError(f"{column} must be true or false")
    return raw == "true"


def history_event(values: Mapping[str, str]) -> dict[str, Any]:
    raw = values.get("occurred_at", "")
    try:
        occurred = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise RowError(
            f"occurred_at must be ISO 8601 like 2026-01-31T10:00:00-06:00 (got {raw[:30]!r})"
        ) from None
    if occurred.tzinfo is None:
        raise RowError("occurred_at needs a UTC offset (e.g. -06:00 or Z)")
    direction = values.get("direction", "")
    return {
        "channel": _choice(values, "channel", get_args(Channel)),
        "occurred_at": occurred.astimezone(dt.UTC),
        "direction": _choice(values, "direction", get_args(Direction)) if direction else None,
        "summary": _text(values, "summary", MAX_SUMMARY),
        "detail": {},
    }


PARSERS: dict[str, Callable[[Mapping[str, str]], dict[str, Any]]] = {
    "debtors": debtor,
    "accounts": account,
    "contact_points": contact_point,
    "history": history_event,
}


def parse(kind: str, row: Row) -> dict[str, Any]:
    """The table values of one row; RowError with the reason when it is not importable."""
    if "__extra__" in row.values:
        raise RowError("the row has more fields than the header")
    return PARSERS[kind](row.values)
