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


def exact(variants: list[tuple[str, str, str, str | None, int]]) -> list[tuple[int, Found]]:
    found: list[tuple[int, Found]] = []
    for source, what, locale, node_id, anchor in variants:
        check_variant(
            source,
            what,
            locale,
            node_id,
            KNOWN,
            lambda sev, node, msg, pos=None, a=anchor: found.append((a, (sev, node, msg, pos))),
        )
    return found


def batched(variants: list[tuple[str, str, str, str | None, int]]) -> list[tuple[int, Found]]:
    batch = TextBatch(KNOWN)
    for variant in variants:
        batch.add(*variant)
    return batch.problems()


texts = st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join)
variant_lists = st.lists(st.tuples(texts, st.sampled_from(LOCALES)), max_size=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variant_lists)
def test_batch_equals_one_by_one(pairs: list[tuple[str, str]]) -> None:
    variants = [(text, f"text {i}", locale, f"n{i}", i) for i, (text, locale) in enumerate(pairs)]
    assert batched(variants) == exact(variants)


def test_banned_word_inside_a_variable_name_is_not_spoken() -> None:
    clean = [("Hi {{ debtor.first_name }}, thanks.", "text", "en-US", "a", 0)]
    assert batched(clean) == []
    spoken = [("Hi {{ debtor.first_name }}, you are a debtor.", "text", "en-US", "a", 0)]
    assert [p[1][2] for p in batched(spoken)] == ["text: shaming or threatening language 'debtor'"]


def test_each_problem_names_its_own_variant_and_position() -> None:
    variants = [
        ("Todo bien", "text", "es-MX", "a", 0),
        ("Hola {{ debtor.nickname }}", "text", "es-MX", "b", 1),
        ("Sin problema", "text", "es-MX", "c", 2),
        ("Usted es moroso", "text", "es-MX", "d", 3),
    ]
    found = batched(variants)
    assert [(anchor, p[1], p[3]) for anchor, p in found] == [(1, "b", 5), (3, "d", 9)]
