"""Runner moves on small purpose-built scripts: branches, answers, back, objections, errors."""

from __future__ import annotations

from typing import Any

import pytest

from scripts_engine import Runner, RunnerError, Script, load_script


def script(nodes: dict[str, Any], objections: list[dict[str, str]] | None = None) -> Script:
    return load_script(
        {
            "format": 1,
            "id": "t",
            "version": 1,
            "locale": "es-MX",
            "title": "t",
            "start": "q",
            "nodes": nodes,
            "objections": objections or [],
        },
        check=False,
    )


FLOW: dict[str, Any] = {
    "q": {
        "kind": "ask",
        "text": "¿Plan?",
        "options": [
            {"id": "a", "label": "A", "next": "route", "set": {"plan": "a"}},
            {"id": "b", "label": "B", "next": "route", "set": {"plan": "b"}},
        ],
    },
    "route": {
        "kind": "branch",
        "branches": [{"if": "vars.plan == 'a'", "next": "say_a"}],
        "else": "say_b",
    },
    "say_a": {"kind": "say", "text": "A {{ vars.plan }}", "next": "done"},
    "say_b": {"kind": "say", "text": "B", "next": "done"},
    "done": {"kind": "end", "text": "Fin", "disposition": "ok"},
    "obj": {
        "kind": "ask",
        "text": "Objeción",
        "options": [
            {"id": "back", "label": "Seguir", "next": "$resume"},
            {"id": "deeper", "label": "Otra", "next": "obj2"},
        ],
    },
    "obj2": {"kind": "end", "resume": True, "text": "ok"},
}
OBJ = [{"id": "o", "label": "Objeción", "start": "obj"}]


def test_answers_drive_branches_and_templates() -> None:
    runner = Runner(script(FLOW), {})
    runner.choose("a")
    assert runner.current.node_id == "say_a"
    assert runner.current.text == "A a"
    runner.restart()
    runner.choose("b")
    assert runner.current.node_id == "say_b"
    assert runner.path == ("q", "route", "say_b")


def test_back_undoes_answers_and_position() -> None:
    runner = Runner(script(FLOW), {})
    assert not runner.can_go_back
    runner.choose("a")
    runner.back()
    assert runner.current.node_id == "q"
    assert runner.answers == {}
    runner.choose("b")
    assert runner.current.node_id == "say_b"
    with pytest.raises(RunnerError, match="first step"):
        runner.back()
        runner.back()


def test_invalid_moves_are_refused_and_change_nothing() -> None:
    runner = Runner(script(FLOW, OBJ), {})
    with pytest.raises(RunnerError, match="needs an answer"):
        runner.advance()
    with pytest.raises(RunnerError, match=r"no option 'zz' here \(options: a, b\)"):
        runner.choose("zz")
    with pytest.raises(RunnerError, match="no objection 'nope'"):
        runner.objection("nope")
    runner.choose("a")
    with pytest.raises(RunnerError, match="no options"):
        runner.choose("a")
    assert runner.current.node_id == "say_a"
    assert runner.path == ("q", "route", "say_a")


def test_nested_objections_resume_in_order() -> None:
    runner = Runner(script(FLOW, OBJ), {})
    runner.objection("o")
    assert runner.current.in_objection
    runner.objection("o")  # a second objection while handling the first
    runner.choose("deeper")
    assert runner.current.resumes
    runner.advance()
    assert runner.current.node_id == "obj" and runner.current.in_objection
    runner.choose("back")
    assert runner.current.node_id == "q" and not runner.current.in_objection
    runner.back()
    assert runner.current.node_id == "obj" and runner.current.in_objection


def test_resume_outside_an_objection_is_refused() -> None:
    nodes = {
        "q": {"kind": "ask", "text": "x", "options": [{"id": "r", "label": "r", "next": "$resume"}]}
    }
    runner = Runner(script(nodes), {})
    with pytest.raises(RunnerError, match="no objection to return from"):
        runner.choose("r")
    assert runner.current.node_id == "q"


def test_branch_without_match_or_bad_condition_is_a_runner_error() -> None:
    nodes = {
        "q": {"kind": "say", "text": "x", "next": "b"},
        "b": {"kind": "branch", "branches": [{"if": "account.days_past_due > 3", "next": "q"}]},
    }
    runner = Runner(script(nodes), {"account.days_past_due": 1})
    with pytest.raises(RunnerError, match="no condition matched"):
        runner.advance()
    runner = Runner(script(nodes), {})
    with pytest.raises(RunnerError, match=r"unknown variable 'account\.days_past_due'"):
        runner.advance()
    assert runner.current.node_id == "q"


def test_branch_loop_is_detected() -> None:
    nodes = {
        "q": {"kind": "branch", "branches": [], "else": "r"},
        "r": {"kind": "branch", "branches": [], "else": "q"},
    }
    with pytest.raises(RunnerError, match="loop"):
        Runner(script(nodes), {})


def test_missing_variable_in_text_is_a_runner_error() -> None:
    nodes = {"q": {"kind": "end", "text": "Hola {{ debtor.first_name }}"}}
    with pytest.raises(RunnerError, match="node 'q': cannot show text"):
        Runner(script(nodes), {})


def test_unknown_locale_is_refused() -> None:
    with pytest.raises(RunnerError, match="unknown locale"):
        Runner(script(FLOW), {}, locale="xx-YY")


def test_action_step_reports_action_and_disposition() -> None:
    nodes = {
        "q": {"kind": "action", "action": "set_disposition", "disposition": "refused", "next": "e"},
        "e": {"kind": "end"},
    }
    runner = Runner(script(nodes), {})
    assert runner.current.action == "set_disposition"
    assert runner.current.disposition == "refused"
    runner.advance()
    assert runner.current.is_end
