"""Bilingual texts: the runner picks the agent's locale, validation lists what is missing;
and the committed JSON Schema is exactly what the model generates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scripts_engine import Runner, RunnerError, load_script, validate
from scripts_engine.schema import script_schema, script_schema_text
from scripts_engine.translations import missing_locales, pick_text, with_translation

from .conftest import NOW, account, debtor

ROOT = Path(__file__).resolve().parents[3]


def bilingual(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": 1,
        "id": "t",
        "version": 1,
        "locale": "es-MX",
        "locales": ["es-MX", "en-US"],
        "title": "t",
        "start": "hello",
        "nodes": {
            "hello": {
                "kind": "ask",
                "text": {
                    "es-MX": "Hola {{ debtor.first_name }}",
                    "en-US": "Hi {{ debtor.first_name }}",
                },
                "options": [
                    {"id": "ok", "label": {"es-MX": "Listo", "en-US": "Done"}, "next": "bye"}
                ],
            },
            "bye": {"kind": "end", "text": {"es-MX": "Adiós", "en-US": "Bye"}},
        },
    }
    document["nodes"].update(changes)
    return document


def variables() -> dict[str, object]:
    from scripts_engine import variables_for_call

    return variables_for_call(debtor(), account(), "Luis", NOW)


@pytest.mark.parametrize(
    ("locale", "greeting", "label"),
    [("es_MX", "Hola Ana", "Listo"), ("en-US", "Hi Ana", "Done"), ("en_GB", "Hi Ana", "Done")],
)
def test_runner_shows_the_agents_language(locale: str, greeting: str, label: str) -> None:
    runner = Runner(load_script(bilingual()), variables(), locale)
    assert runner.current.text == greeting
    assert runner.current.options[0].label == label


def test_a_missing_translation_falls_back_to_the_primary_locale_and_is_reported() -> None:
    script = load_script(bilingual(bye={"kind": "end", "text": "Adiós"}))
    runner = Runner(script, variables(), "en_US")
    runner.choose("ok")
    assert runner.current.text == "Adiós"
    problems = validate(script)
    assert [(p.severity, p.node_id, p.message) for p in problems] == [
        ("warning", "bye", "text: missing en-US translation")
    ]


def test_each_translation_is_checked_for_its_own_language() -> None:
    bad = {"kind": "end", "text": {"es-MX": "Adiós", "en-US": "Pay or go to jail {{ nope }}"}}
    problems = [str(p) for p in validate(load_script(bilingual(bye=bad), check=False))]
    assert any("text (en-US): shaming or threatening language 'jail'" in p for p in problems)
    assert any("text (en-US): unknown variable 'nope'" in p for p in problems)


def test_translation_helpers() -> None:
    assert pick_text({"en-US": "Hi"}, "es_MX", "es-MX") == "Hi"
    assert missing_locales("Hola", ["es-MX", "en-US"], "es-MX") == ["en-US"]
    assert with_translation("Hola", "en-US", "Hi", "es-MX") == {"es-MX": "Hola", "en-US": "Hi"}
    assert with_translation("Hola", "es_MX", "Buenas", "es-MX") == "Buenas"


def test_unknown_locale_in_the_runner_is_a_clear_error() -> None:
    with pytest.raises(RunnerError, match="unknown locale"):
        Runner(load_script(bilingual()), variables(), "xx_YY")


def test_committed_schema_matches_the_model() -> None:
    committed = (ROOT / "docs" / "script-schema.json").read_text(encoding="utf-8")
    assert committed == script_schema_text(), (
        "regenerate: python -m scripts_engine.schema > docs/script-schema.json"
    )


def test_schema_describes_translations_and_every_node_kind() -> None:
    schema = script_schema()
    text = json.dumps(schema)
    for kind in ("SayNode", "AskNode", "OfferNode", "BranchNode", "ActionNode", "EndNode"):
        assert kind in schema["$defs"]
    assert '"additionalProperties": {"type": "string"}' in text
    assert "OfferPolicy" in schema["$defs"]
