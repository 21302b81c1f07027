"""Per-locale lists of words that shame or threaten the person on the call.

Contact-centre rules (and Mexico's collection regulations) forbid calling the
customer names, threatening jail or seizure, or saying we will tell family or
employer. The validator flags these in any script text. Matching ignores case
and accents so "carcel" is caught like "cárcel". This module must never decide
what is allowed on its own: it only finds the listed phrases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache

BANNED_PHRASES: Mapping[str, tuple[str, ...]] = {
    "es": (
        "deudor",
        "deudora",
        "deudores",
        "moroso",
        "morosa",
        "morosos",
        "cárcel",
        "prisión",
        "demanda penal",
        "denuncia penal",
        "embargo inmediato",
        "embargarle",
        "embargaremos",
        "avisar a su familia",
        "avisaremos a su familia",
        "llamar a su familia",
        "avisar a su trabajo",
        "avisaremos a su trabajo",
        "llamar a su trabajo",
        "su jefe",
        "irresponsable",
        "tramposo",
        "tramposa",
        "vergüenza",
    ),
    "en": (
        "deadbeat",
        "debtor",
        "delinquent",
        "jail",
        "prison",
        "arrest",
        "criminal charges",
        "tell your employer",
        "call your employer",
        "tell your family",
        "call your family",
        "seize",
        "irresponsible",
        "shame",
    ),
}


class _FoldTable(dict[int, int | None]):
    """str.translate table that strips accents, filled lazily one character at a time."""

    def __missing__(self, code: int) -> int:
        base = unicodedata.normalize("NFD", chr(code))[:1]
        folded = ord(base) if base else code
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping one character per input character."""
    lowered = text.lower()
    # Most script text is plain ASCII: nothing to strip, and translate() is C speed anyway.
    return lowered if lowered.isascii() else lowered.translate(_FOLD)


def language_of(locale: str) -> str:
    """The language part of a locale ("es-MX" -> "es"), which picks the word list."""
    return locale.replace("-", "_").split("_")[0].lower()


@lru_cache(maxsize=8)
def banned_pattern(language: str) -> re.Pattern[str] | None:
    """One compiled expression for a language's whole list (matched against folded text)."""
    phrases = BANNED_PHRASES.get(language)
    if not phrases:
        return None
    alternatives = "|".join(re.escape(fold(p)) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def ascii_fold(text: str) -> bytes:
    """Lower-case, accents stripped, every other non-ASCII character dropped.

    Unlike ``fold`` it may shorten the text, so positions do not map back; it is
    for a quick first scan of a whole script, which ``prefilter`` then searches.
    """
    lowered = text.lower()
    if not lowered.isascii():
        lowered = unicodedata.normalize("NFD", lowered)
    return lowered.encode("ascii", "ignore")


@lru_cache(maxsize=8)
def prefilter(language: str) -> re.Pattern[bytes] | None:
    """The word list without word-boundary checks, over ``ascii_fold`` bytes.

    It finds every phrase ``banned_pattern`` finds (and a few more, such as a
    phrase inside a longer word), and being a plain alternation of literals it
    lets the regular-expression engine skip ahead instead of trying every position.
    """
    phrases = BANNED_PHRASES.get(language)
    if not phrases:
        return None
    folded = sorted({ascii_fold(p) for p in phrases}, key=len, reverse=True)
    return re.compile(b"|".join(re.escape(p) for p in folded))


@lru_cache(maxsize=1)
def every_phrase() -> tuple[bytes, ...]:
    """Every list's phrases as ``ascii_fold`` bytes, for a quick "anything at all?" scan."""
    return tuple(sorted({ascii_fold(p) for ps in BANNED_PHRASES.values() for p in ps}))


def find_banned(text: str, locale: str) -> Iterator[tuple[str, int]]:
    """Yield (phrase as written, 0-based position) for each banned phrase in *text*."""
    pattern = banned_pattern(language_of(locale))
    if pattern is None:
        return
    # fold() keeps one character per character, so positions map back to *text*.
    for match in pattern.finditer(fold(text)):
        yield text[match.start() : match.end()], match.start()
