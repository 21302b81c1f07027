"""All bundled stage scripts, in both languages: clean, polite, private until verified."""

from __future__ import annotations

import pytest

from scripts_engine import (
    Runner,
    RunnerError,
    Script,
    bundled_scripts,
    select_script,
    validate,
    variables_for_call,
)
from scripts_engine.language import find_banned
from scripts_engine.translations import variants

from .conftest import NOW, account, debtor

OBJECTIONS = {"no_money", "not_my_debt", "already_paid", "wrong_number", "third_party"}
LOCALES = ("es_MX", "en_US")
SCRIPTS = {s.id: s for s in bundled_scripts()}
STAGES = {"early-stage-mx": 12, "middle-stage-mx": 45, "late-stage-mx": 150}


@pytest.mark.parametrize("script_id", sorted(SCRIPTS))
def test_validates_clean_in_both_languages(script_id: str) -> None:
    script = SCRIPTS[script_id]
    assert validate(script) == []
    assert set(script.all_locales) == {"es-MX", "en-US"}
    assert {o.id for o in script.objections} == OBJECTIONS


@pytest.mark.parametrize(("script_id", "days"), sorted(STAGES.items()))
def test_the_stage_is_selected_by_days_past_due(script_id: str, days: int) -> None:
    assert select_script(SCRIPTS.values(), account(days_past_due=days)) == script_id


def _runner(script: Script, locale: str, days: int) -> Runner:
    variables = variables_for_call(
        debtor(), account(days_past_due=days, balance_cents=2_500_000), "Luis", NOW, locale=locale
    )
    return Runner(script, variables, locale)


def _no_debt_detail(text: str) -> None:
    assert "$" not in text and "25,000" not in text
    for word in ("saldo", "balance", "pago", "payment", "tarjeta", "credit card", "deuda", "debt"):
        assert word not in text.lower(), text


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(("script_id", "days"), sorted(STAGES.items()))
def test_no_debt_detail_before_right_party_verification(
    script_id: str, days: int, locale: str
) -> None:
    runner = _runner(SCRIPTS[script_id], locale, days)
    _no_debt_detail(runner.current.text)
    # Only the privacy-safe objections exist before verification.
    assert {c.id for c in runner.objections} == {"wrong_number", "third_party"}
    with pytest.raises(RunnerError, match="only available after"):
        runner.objection("no_money")
    runner.objection("third_party")
    while not runner.current.is_end:
        _no_debt_detail(runner.current.text)
        runner.advance()
    assert runner.current.disposition == "third_party"

    runner = _runner(SCRIPTS[script_id], locale, days)
    runner.choose("right_party")
    _no_debt_detail(runner.current.text)
    runner.choose("verified")
    assert "25,000.00" in runner.current.text  # the purpose speaks of the balance now
    assert {c.id for c in runner.objections} == OBJECTIONS


@pytest.mark.parametrize("locale", LOCALES)
def test_middle_stage_offers_an_instalment_plan_within_its_policy(locale: str) -> None:
    runner = _runner(SCRIPTS["middle-stage-mx"], locale, 45)
    runner.choose("right_party")
    runner.choose("verified")
    runner.advance()
    runner.choose("instalments")
    assert runner.current.kind == "offer"
    assert "6" in runner.current.text and "4,166.66" in runner.current.text
    runner.choose("accept")
    assert runner.current.action == "open_promise_form"
    assert runner.answers == {"plan": "instalments"}


@pytest.mark.parametrize("locale", LOCALES)
def test_late_stage_offers_the_policy_discount(locale: str) -> None:
    runner = _runner(SCRIPTS["late-stage-mx"], locale, 150)
    runner.choose("right_party")
    runner.choose("verified")
    runner.advance()
    step = runner.current
    assert step.kind == "offer" and "15,000.00" in step.text and "40" in step.text


@pytest.mark.parametrize("script_id", sorted(SCRIPTS))
def test_dispute_objection_records_and_closes_without_pressing(script_id: str) -> None:
    runner = _runner(SCRIPTS[script_id], "es_MX", STAGES[script_id])
    runner.choose("right_party")
    runner.choose("verified")
    runner.objection("not_my_debt")
    runner.choose("recognises")
    assert runner.current.node_id == "purpose"  # back where the agent was
    runner.objection("not_my_debt")
    runner.choose("disputes")
    assert runner.current.disposition == "disputed"
    runner.advance()
    assert runner.current.is_end


@pytest.mark.parametrize("script_id", sorted(SCRIPTS))
def test_every_text_is_respectful(script_id: str) -> None:
    script = SCRIPTS[script_id]
    for node_id, node in script.nodes.items():
        for locale, text in variants(getattr(node, "text", ""), script.locale):
            spoken = text.replace("debtor.", "")  # variable names are not spoken words
            assert list(find_banned(spoken, locale)) == [], (node_id, locale)
