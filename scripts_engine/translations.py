"""Texts that come in several languages: ``"Hola"`` or ``{"es-MX": "Hola", "en-US": "Hello"}``.

A script declares its primary ``locale`` and optionally every ``locales`` it
ships in. Any node text, option label or objection label may be a plain string
(written in the primary locale) or a mapping from locale to string. This module
picks the text for the agent's locale with a predictable fallback and lists
what is missing; it must never render templates or guess a translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from .money import normalize_locale

Text = str | dict[str, str]


def _canonical(locale: str) -> str:
    try:
        return normalize_locale(locale)
    except ValueError:
        return locale


def pick_text(text: Text, locale: str, primary: str) -> str:
    """The text for *locale*: exact match, same language, the primary locale, then any."""
    if isinstance(text, str):
        return text
    if not text:
        return ""
    wanted = _canonical(locale)
    by_locale = {_canonical(key): value for key, value in text.items()}
    if wanted in by_locale:
        return by_locale[wanted]
    language = wanted.split("_")[0]
    for key, value in by_locale.items():
        if key.split("_")[0] == language:
            return value
    fallback = by_locale.get(_canonical(primary))
    return fallback if fallback is not None else next(iter(by_locale.values()))


def variants(text: Text, primary: str) -> Iterator[tuple[str, str]]:
    """(locale, text) for every language a text is written in."""
    if isinstance(text, str):
        yield primary, text
    else:
        yield from text.items()


def missing_locales(text: Text, required: Iterable[str], primary: str) -> list[str]:
    """The required locales a text has no translation for (as the script spells them)."""
    present = {_canonical(loc) for loc, _ in variants(text, primary)}
    return [loc for loc in required if _canonical(loc) not in present]


def is_blank(text: Text) -> bool:
    if isinstance(text, str):
        return not text.strip()
    return not any(map(str.strip, text.values()))


def with_translation(text: Text, locale: str, value: str, primary: str) -> Text:
    """A copy of *text* with *locale* set to *value* (a plain string stays plain if it can)."""
    if isinstance(text, str):
        if _canonical(locale) == _canonical(primary):
            return value
        mapping: dict[str, str] = {primary: text} if text else {}
    else:
        mapping = dict(text)
    match = next((k for k in mapping if _canonical(k) == _canonical(locale)), locale)
    mapping[match] = value
    return mapping


def as_mapping(text: Text, primary: str) -> Mapping[str, str]:
    return {primary: text} if isinstance(text, str) else text
