"""The whole-script text batch reports exactly what checking each variant alone reports.

The batch exists for speed (a few scans of the joined text instead of one check
per variant); these tests hold it to the exact per-variant check on texts built
to trip it: placeholders that hide banned words, stray braces, separators and
letters whose lower case is longer, and text in several languages.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts_engine import KNOWN_VARIABLES
from scripts_engine.messages import Params, describe
from scripts_engine.text_checks import Found, TextBatch, check_variant

KNOWN = set(KNOWN_VARIABLES) | {"vars.plan"}
FRAGMENTS = [
    "Hola ",
    "Hello ",
    "{{ debtor.first_name }}",
    "{{debtor.full_name|upper}}",
    "{{ account.balance | money }}",
    "{{ debtor.nickname }}",
    "{{ account.balance | bold }}",
    "{{ }}",
    "{{",
    "}}",
    "{",
    "}",
    " deudor ",
    "DEUDOR",
    "cárcel",
    "CARCEL",
    "debtor",
    " tell your employer",
    "shameless ",
    "su jefe",
    "İ",
    "\x00",
    "ñ",
    ", ",
    ".",
    "x",
]
LOCALES = ["es-MX", "en-US", "es_MX", "en", "fr-FR"]
Variant = tuple[str, Params, str, str | None, int]
TEXT = {"field": "text"}


def exact(variants: list[Variant]) -> list[tuple[int, Found]]:
    found: list[tuple[int, Found]] = []
    for source, what, locale, node_id, anchor in variants:
        check_variant(
            source,
            what,
            locale,
            node_id,
            KNOWN,
            lambda sev, node, code, params, pos=None, a=anchor: found.append(
                (a, (sev, node, code, params, pos))
            ),
        )
    return found


def batched(variants: list[Variant]) -> list[tuple[int, Found]]:
    batch = TextBatch(KNOWN)
    for variant in variants:
        batch.add(*variant)
    return batch.problems()


texts = st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join)
variant_lists = st.lists(st.tuples(texts, st.sampled_from(LOCALES)), max_size=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variant_lists)
def test_batch_equals_one_by_one(pairs: list[tuple[str, str]]) -> None:
    variants = [
        (text, {"field": "option_label", "option": f"o{i}"}, locale, f"n{i}", i)
        for i, (text, locale) in enumerate(pairs)
    ]
    assert batched(variants) == exact(variants)


def test_banned_word_inside_a_variable_name_is_not_spoken() -> None:
    clean = [("Hi {{ debtor.first_name }}, thanks.", TEXT, "en-US", "a", 0)]
    assert batched(clean) == []
    spoken = [("Hi {{ debtor.first_name }}, you are a debtor.", TEXT, "en-US", "a", 0)]
    found = [p[1] for p in batched(spoken)]
    assert [(code, describe(code, params)) for _, _, code, params, _ in found] == [
        ("text.banned_language", "text: shaming or threatening language 'debtor'")
    ]


def test_each_problem_names_its_own_variant_and_position() -> None:
    variants = [
        ("Todo bien", TEXT, "es-MX", "a", 0),
        ("Hola {{ debtor.nickname }}", TEXT, "es-MX", "b", 1),
        ("Sin problema", TEXT, "es-MX", "c", 2),
        ("Usted es moroso", TEXT, "es-MX", "d", 3),
    ]
    found = batched(variants)
    assert [(anchor, p[1], p[4]) for anchor, p in found] == [(1, "b", 5), (3, "d", 9)]
