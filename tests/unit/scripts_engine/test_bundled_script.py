"""Walk the bundled es-MX early-stage script the way an agent would on real calls."""

from __future__ import annotations

import re

import pytest

from scripts_engine import (
    Runner,
    RunnerError,
    Script,
    bundled_scripts,
    validate,
    variables_for_call,
)
from scripts_engine.language import find_banned
from scripts_engine.translations import pick_text

from .conftest import NOW, account, debtor


def test_bundled_script_has_no_problems(early_stage: Script) -> None:
    assert validate(early_stage) == []
    ids = [s.id for s in bundled_scripts()]
    assert ids == ["early-stage-mx", "late-stage-mx", "middle-stage-mx"]


def test_happy_path_right_party_to_promise(
    early_stage: Script, call_variables: dict[str, object]
) -> None:
    runner = Runner(early_stage, call_variables)
    step = runner.current
    assert step.node_id == "greet"
    assert "Luis" in step.text and "Financiera Acuerdo" in step.text
    assert "$" not in step.text  # no debt detail before the right party is confirmed

    runner.choose("right_party")
    assert runner.current.node_id == "verify"
    assert "$" not in runner.current.text
    runner.choose("verified")
    purpose = runner.current
    assert purpose.kind == "say"
    assert "$1,234.56" in purpose.text and "$450.00" in purpose.text
    assert "tarjeta de crédito" in purpose.text

    runner.advance()  # the history branch is evaluated, never shown
    assert runner.current.node_id == "ask_payment"
    runner.choose("today")
    assert runner.current.action == "open_promise_form"
    assert runner.answers == {"plan": "minimum", "when": "today"}
    runner.advance()
    runner.advance()
    end = runner.current
    assert end.is_end and end.disposition == "promise_to_pay"
    assert runner.path == (
        "greet",
        "verify",
        "purpose",
        "check_history",
        "ask_payment",
        "promise_form",
        "confirm",
        "close",
    )
    with pytest.raises(RunnerError, match="ended"):
        runner.advance()


def test_repeat_broken_promises_take_the_empathetic_detour(early_stage: Script) -> None:
    variables = {**_vars(broken_promises=3)}
    runner = Runner(early_stage, variables)
    runner.choose("right_party")
    runner.choose("verified")
    runner.advance()
    assert runner.current.node_id == "history_note"


def _vars(**debtor_fields: object) -> dict[str, object]:
    return variables_for_call(debtor(**debtor_fields), account(), "Luis Pérez", NOW)


def test_wrong_party_ends_politely_without_debt_detail(
    early_stage: Script, call_variables: dict[str, object]
) -> None:
    runner = Runner(early_stage, call_variables)
    runner.choose("not_available")
    assert runner.current.action == "schedule_callback"
    texts = [runner.current.text]
    runner.advance()
    texts.append(runner.current.text)
    assert runner.current.is_end and runner.current.disposition == "third_party"
    for text in texts:
        assert "$" not in text and "saldo" not in text and "pago" not in text
        assert "tarjeta" not in text


def test_unverified_person_hears_no_debt_detail(
    early_stage: Script, call_variables: dict[str, object]
) -> None:
    runner = Runner(early_stage, call_variables)
    runner.choose("right_party")
    runner.choose("not_verified")
    assert runner.current.is_end
    assert "$" not in runner.current.text and "saldo" not in runner.current.text


def test_wrong_number_marks_contact_and_ends(
    early_stage: Script, call_variables: dict[str, object]
) -> None:
    runner = Runner(early_stage, call_variables)
    runner.choose("wrong_number")
    assert runner.current.action == "mark_contact_wrong"
    runner.advance()
    assert runner.current.disposition == "wrong_number"


def test_no_money_objection_resumes_where_the_agent_was(
    early_stage: Script, call_variables: dict[str, object]
) -> None:
    runner = Runner(early_stage, call_variables)
    runner.choose("right_party")
    runner.choose("verified")
    runner.advance()
    assert runner.current.node_id == "ask_payment"

    runner.objection("no_money")
    step = runner.current
    assert step.node_id == "obj_no_money" and step.in_objection
    assert "$450.00" in step.text
    runner.choose("continue")
    assert runner.current.node_id == "ask_payment"
    assert not runner.current.in_objection
    assert runner.path[-3:] == ("ask_payment", "obj_no_money", "ask_payment")


def test_no_money_objection_can_lead_to_a_smaller_promise(
    early_stage: Script, call_variables: dict[str, object]
) -> None:
    runner = Runner(early_stage, call_variables)
    runner.choose("right_party")
    runner.choose("verified")
    runner.objection("no_money")
    runner.choose("smaller")
    assert runner.current.action == "open_promise_form"
    assert not runner.current.in_objection  # the objection is settled by the promise
    assert runner.answers["plan"] == "partial"


def test_already_paid_without_details_resumes(
    early_stage: Script, call_variables: dict[str, object]
) -> None:
    runner = Runner(early_stage, call_variables)
    runner.choose("right_party")
    runner.choose("verified")
    runner.objection("already_paid")
    runner.choose("no_details")
    assert runner.current.resumes and not runner.current.is_end
    runner.advance()
    assert runner.current.node_id == "purpose"


def test_script_text_is_respectful_spanish(early_stage: Script) -> None:
    for node_id, node in early_stage.nodes.items():
        text = pick_text(getattr(node, "text", ""), "es_MX", early_stage.locale)
        assert list(find_banned(text, "es-MX")) == [], node_id
        assert not re.search(r"\b(deudor|moroso)\b", text, re.IGNORECASE)
    greet = early_stage.nodes["greet"]
    # Accents are kept, not stripped.
    assert "días" in pick_text(getattr(greet, "text", ""), "es_MX", early_stage.locale)
