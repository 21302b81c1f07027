"""Safe text templates for script nodes: ``{{ account.balance | money }}``.

The grammar is our own and tiny: literal text, and placeholders ``{{ name }}``
where *name* is a dotted variable name looked up whole in a flat mapping,
optionally followed by ``| filter`` from a fixed set. Only ``{{`` opens a
placeholder, so single braces such as ``{0.__globals__}`` are plain text. This
module must never call ``eval``, ``str.format``, ``getattr`` or anything that
walks attributes of a value: a template can only read the mapping it is given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_decimal

from .errors import TemplateError
from .money import Money, format_day, format_money, normalize_locale

MAX_TEMPLATE_LENGTH = 20_000

# Segments start with a letter: a leading underscore would only ever be an
# attempt to reach dunder names, and names are looked up whole anyway.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*")
_FILTER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _money(value: object, locale: str) -> str:
    if not isinstance(value, Money):
        raise TypeError("the money filter needs an amount")
    return format_money(value, locale)


def _date(value: object, locale: str) -> str:
    if isinstance(value, dt.datetime):
        return format_day(value.date(), locale)
    if not isinstance(value, dt.date):
        raise TypeError("the date filter needs a date")
    return format_day(value, locale)


def _plain(value: object, locale: str) -> str:
    """Default rendering when no filter is given: locale-aware for money, dates, numbers."""
    if value is None:
        return ""
    if isinstance(value, Money):
        return format_money(value, locale)
    if isinstance(value, dt.date):
        return _date(value, locale)
    if isinstance(value, bool):
        return "sí" if value and locale.startswith("es") else str(value).lower()
    if isinstance(value, int | float | Decimal):
        return str(format_decimal(value, locale=locale))
    return str(value)


# A filter given the wrong kind of value raises TypeError; these have their own wording.
_FILTER_TYPE_ERRORS = {"money": "template.money_needs_amount", "date": "template.date_needs_date"}

FILTERS: Mapping[str, Callable[[object, str], str]] = {
    "money": _money,
    "date": _date,
    "upper": lambda value, locale: _plain(value, locale).upper(),
    "lower": lambda value, locale: _plain(value, locale).lower(),
}


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One ``{{ ... }}`` in a template: the variable, its filters and where it starts."""

    name: str
    filters: tuple[str, ...]
    position: int


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed template: alternating literal text and placeholders."""

    source: str
    parts: tuple[str | Placeholder, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Variable names the template reads, in order of appearance."""
        return tuple(p.name for p in self.parts if isinstance(p, Placeholder))

    @property
    def placeholders(self) -> tuple[Placeholder, ...]:
        return tuple(p for p in self.parts if isinstance(p, Placeholder))

    def render(self, variables: Mapping[str, object], locale: str = "es_MX") -> str:
        """Fill the placeholders; unknown names or a filter/value mismatch raise TemplateError."""
        try:
            loc = normalize_locale(locale)
        except ValueError:
            raise TemplateError.coded("locale.unknown", 0, locale=locale) from None
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            if part.name not in variables:
                raise TemplateError.coded(
                    "template.unknown_variable", part.position, name=part.name
                )
            value = variables[part.name]
            if not part.filters:
                out.append(_plain(value, loc))
                continue
            text: object = value
            for name in part.filters:
                try:
                    text = FILTERS[name](text, loc)
                except (TypeError, ValueError) as exc:
                    code = _FILTER_TYPE_ERRORS.get(name, "") if isinstance(exc, TypeError) else ""
                    raise TemplateError.coded(
                        code or "template.filter_failed",
                        part.position,
                        name=part.name,
                        filter=name,
                        detail=str(exc),
                    ) from None
            out.append(str(text))
        return "".join(out)


def parse_template(source: str) -> Template:
    """Parse *source* once (results are cached); raise TemplateError with the position."""
    if not isinstance(source, str):
        raise TemplateError.coded("template.not_text", 0)
    if len(source) > MAX_TEMPLATE_LENGTH:
        raise TemplateError.coded("template.too_long", 0, limit=MAX_TEMPLATE_LENGTH)
    return _parse_cached(source)


def render_template(source: str, variables: Mapping[str, object], locale: str = "es_MX") -> str:
    """Parse (cached) and render in one call."""
    return parse_template(source).render(variables, locale)


@lru_cache(maxsize=4096)
def _parse_cached(source: str) -> Template:
    parts: list[str | Placeholder] = []
    pos = 0
    while True:
        start = source.find("{{", pos)
        if start < 0:
            closing = source.find("}}", pos)
            if closing >= 0:
                raise TemplateError.coded("template.stray_close", closing)
            if pos < len(source):
                parts.append(source[pos:])
            break
        closing = source.find("}}", pos, start)
        if closing >= 0:
            raise TemplateError.coded("template.stray_close", closing)
        if start > pos:
            parts.append(source[pos:start])
        end = source.find("}}", start + 2)
        if end < 0:
            raise TemplateError.coded("template.unclosed", start)
        parts.append(_parse_placeholder(source, start, end))
        pos = end + 2
    return Template(source, tuple(parts))


def _parse_placeholder(source: str, start: int, end: int) -> Placeholder:
    inner_start = start + 2
    pieces = source[inner_start:end].split("|")
    offset = inner_start
    name = ""
    filters: list[str] = []
    for index, piece in enumerate(pieces):
        stripped = piece.strip()
        at = offset + (len(piece) - len(piece.lstrip())) if stripped else offset
        if index == 0:
            if not stripped:
                raise TemplateError.coded("template.empty_placeholder", at)
            if not _NAME.fullmatch(stripped):
                raise TemplateError.coded("template.bad_name", at, name=stripped)
            name = stripped
        else:
            if not stripped:
                raise TemplateError.coded("template.missing_filter", at)
            if not _FILTER.fullmatch(stripped) or stripped not in FILTERS:
                known = ", ".join(sorted(FILTERS))
                raise TemplateError.coded(
                    "template.unknown_filter", at, filter=stripped, known=known
                )
            filters.append(stripped)
        offset += len(piece) + 1
    return Placeholder(name, tuple(filters), start)
