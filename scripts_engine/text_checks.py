"""Checks of every text variant in a script: templates, variable names and banned language.

``check_variant`` is the exact check of one text (template grammar, unknown
variables, shaming or threatening words, each with its position).
``TextBatch`` gives the same answers for a whole script at once: it joins
every variant and runs a few regular-expression passes over the joined text
(one for templates, one per language for banned words), then re-runs the
exact check only on the variants those passes flag. A 5,000-node script has
tens of thousands of variants, and one C-speed scan beats that many Python
calls. This module must never render a template or change a script; a batch
must never report anything the exact check would not.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Set
from itertools import accumulate
from typing import Literal

from .errors import TemplateError
from .language import ascii_fold, every_phrase, find_banned, language_of, prefilter
from .messages import Params
from .templating import FILTERS, MAX_TEMPLATE_LENGTH, parse_template

Severity = Literal["error", "warning"]
# (severity, node id, code, params, position): see ``messages`` for the codes.
Found = tuple[Severity, str | None, str, Params, int | None]
Add = Callable[[Severity, str | None, str, Params, int | None], None]

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.DOTALL)
# The same within one variant of a joined batch (never across the separator).
_UNSPOKEN = re.compile(r"\{\{[^\x00]*?\}\}")
# A well-formed placeholder with known filters, exactly as ``parse_template`` accepts it.
_WELL_FORMED = re.compile(
    r"\{\{\s*([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)\s*"
    rf"(?:\|\s*(?:{'|'.join(sorted(FILTERS))})\s*)*\}}\}}"
)
_WELL_FORMED_OR_BRACE = re.compile(rf"{_WELL_FORMED.pattern}|[{{}}]")
# Joins variants; a variant that contains it makes the batch fall back to exact checks.
_SEPARATOR = "\x00"


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def check_variant(
    source: str, what: Params, locale: str, node_id: str | None, known: Set[str], add: Add
) -> None:
    """Every problem of one text variant, in a stable order: template first, then words.

    *what* says which text this is as ``messages`` field params (``{"field": "text"}``).
    """
    try:
        template = parse_template(source)
    except TemplateError as exc:
        params = {**what, "reason": exc.code, **exc.params}
        add("error", node_id, "text.bad_template", params, exc.position)
    else:
        for placeholder in template.placeholders:
            if placeholder.name not in known:
                params = {**what, "name": placeholder.name}
                add("error", node_id, "text.unknown_variable", params, placeholder.position)
    # Variable names such as {{ debtor.first_name }} are not words said to anyone.
    spoken = _PLACEHOLDER.sub(_blank, source) if "{{" in source else source
    for phrase, position in find_banned(spoken, locale):
        params = {**what, "phrase": phrase}
        add("error", node_id, "text.banned_language", params, position)


class TextBatch:
    """Variants collected while walking a script, checked together by ``problems``."""

    def __init__(self, known: Set[str]) -> None:
        self.known = known
        # (source, what, locale, node id, anchor): the anchor is how many problems the
        # report held when the variant was met, so its problems slot in at that place.
        self.variants: list[tuple[str, Params, str, str | None, int, bool]] = []

    def add(
        self,
        source: str,
        what: Params,
        locale: str,
        node_id: str | None,
        anchor: int,
        variant: bool = False,
    ) -> None:
        """Queue a text; with *variant* its problems name *locale* beside *what*."""
        self.variants.append((source, what, locale, node_id, anchor, variant))

    def problems(self) -> list[tuple[int, Found]]:
        """(anchor, problem fields) for every problem, in the order the exact check gives."""
        found: list[tuple[int, Found]] = []
        for index in sorted(self._flagged()):
            source, what, locale, node_id, anchor, variant = self.variants[index]
            if variant:  # built only for the few flagged variants: a big script has thousands
                what = {**what, "variant": locale}

            def add(
                severity: Severity,
                node_id: str | None,
                code: str,
                params: Params,
                position: int | None = None,
                anchor: int = anchor,
            ) -> None:
                found.append((anchor, (severity, node_id, code, params, position)))

            check_variant(source, what, locale, node_id, self.known, add)
        return found

    def _flagged(self) -> set[int]:
        """Indexes of variants that may have a problem (a superset; the exact check decides)."""
        sources = [v[0] for v in self.variants]
        if not sources:
            return set()
        joined = _SEPARATOR.join(sources)
        if joined.count(_SEPARATOR) != len(sources) - 1:
            return set(range(len(sources)))
        names = _WELL_FORMED.findall(joined)
        # Each well-formed placeholder holds two of each brace: equal counts mean no stray one.
        braces, distinct = 2 * len(names), set(names)
        if joined.count("{") == braces == joined.count("}") and distinct <= self.known:
            flagged: set[int] = set()  # the usual case: every placeholder well formed and known
            if not _may_hold_banned(joined, distinct):
                return flagged
        else:
            flagged = self._template_suspects(joined, sources)
        if max(map(len, sources)) > MAX_TEMPLATE_LENGTH:
            flagged.update(i for i, s in enumerate(sources) if len(s) > MAX_TEMPLATE_LENGTH)
        locales = [v[2] for v in self.variants]
        languages: dict[str, set[str]] = {}
        for locale in set(locales):
            languages.setdefault(language_of(locale), set()).add(locale)
        for language, spellings in languages.items():
            indexes = [i for i, locale in enumerate(locales) if locale in spellings]
            flagged |= _banned_suspects(language, [sources[i] for i in indexes], indexes)
        return flagged

    def _template_suspects(self, joined: str, sources: list[str]) -> set[int]:
        starts = _starts(sources)
        suspects: set[int] = set()
        for match in _WELL_FORMED_OR_BRACE.finditer(joined):
            name = match.group(1)
            if name is None or name not in self.known:
                suspects.add(bisect_right(starts, match.start()) - 1)
        return suspects


def _starts(sources: list[str]) -> list[int]:
    """Offset of each source in the text they make joined by the separator."""
    return list(accumulate((len(s) + len(_SEPARATOR) for s in sources), initial=0))


def _may_hold_banned(joined: str, names: set[str]) -> bool:
    """Whether any list's phrase may be spoken anywhere (True when unsure).

    Only called when every brace belongs to a well-formed placeholder, so a
    variable name right after ``{{`` is never spoken and can be cut out first:
    "debtor" in ``{{ debtor.first_name }}`` is not a word said to anyone.
    """
    phrases = every_phrase()
    for name in names:
        if any(phrase in ascii_fold(name) for phrase in phrases):
            joined = joined.replace("{{ " + name, "{{ ").replace("{{" + name, "{{")
    spoken = ascii_fold(joined)
    return any(phrase in spoken for phrase in phrases)


def _banned_suspects(language: str, sources: list[str], indexes: list[int]) -> set[int]:
    pattern = prefilter(language)
    if pattern is None:
        return set()
    # Variable names are not spoken ({{ debtor.first_name }} says no "debtor"): drop them.
    spoken = ascii_fold(_UNSPOKEN.sub(" ", _SEPARATOR.join(sources)))
    if not pattern.search(spoken):
        return set()
    starts = list(accumulate((len(p) + 1 for p in spoken.split(b"\x00")), initial=0))
    return {indexes[bisect_right(starts, m.start()) - 1] for m in pattern.finditer(spoken)}
