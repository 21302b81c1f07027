"""Validation finds each kind of problem, with the node and position where it applies."""

from __future__ import annotations

from typing import Any

from scripts_engine import Problem, load_script, validate


def problems(
    nodes: dict[str, Any], objections: list[dict[str, str]] | None = None, locale: str = "es-MX"
) -> list[Problem]:
    script = load_script(
        {
            "format": 1,
            "id": "t",
            "version": 1,
            "locale": locale,
            "title": "t",
            "start": "a",
            "nodes": nodes,
            "objections": objections or [],
        },
        check=False,
    )
    return validate(script)


def messages(found: list[Problem]) -> list[tuple[str, str | None, str]]:
    return [(p.severity, p.node_id, p.message) for p in found]


END = {"kind": "end", "text": "Gracias."}


def test_clean_script_has_no_problems() -> None:
    assert problems({"a": {"kind": "say", "text": "Hola", "next": "z"}, "z": END}) == []


def test_graph_problems() -> None:
    found = messages(
        problems(
            {
                "a": {"kind": "say", "text": "Hola", "next": "ghost"},
                "orphan": {"kind": "say", "text": "x"},
                "z": END,
            }
        )
    )
    assert ("error", "a", "leads to a node that does not exist: 'ghost'") in found
    assert ("error", "orphan", "dead end: no 'next' and not an end node") in found
    assert ("warning", "orphan", "unreachable: no path from the start or any objection") in found
    assert ("warning", "z", "unreachable: no path from the start or any objection") in found


def test_loop_without_exit() -> None:
    found = messages(
        problems(
            {
                "a": {"kind": "say", "text": "x", "next": "b"},
                "b": {"kind": "say", "text": "y", "next": "a"},
            }
        )
    )
    assert ("error", "a", "loop without exit: no end can be reached from here") in found
    assert ("error", "b", "loop without exit: no end can be reached from here") in found


def test_resume_in_main_flow_is_an_error() -> None:
    found = messages(problems({"a": {"kind": "end", "resume": True}}))
    assert ("error", "a", "resumes, but the main flow reaches it outside any objection") in found
    ok = problems(
        {
            "a": {"kind": "say", "text": "x", "next": "z"},
            "z": END,
            "o": {"kind": "end", "resume": True},
        },
        [{"id": "o", "label": "Obj", "start": "o"}],
    )
    assert ok == []


def test_template_condition_and_variable_problems_have_positions() -> None:
    found = problems(
        {
            "a": {"kind": "say", "text": "Hola {{ debtor.nickname }}", "next": "b"},
            "b": {
                "kind": "branch",
                "branches": [{"if": "account.days_past_due >", "next": "z"}],
                "else": "c",
            },
            "c": {
                "kind": "branch",
                "branches": [{"if": "vars.plan == 'x' or foo.bar", "next": "z"}],
                "else": "d",
            },
            "d": {"kind": "say", "text": "{{ debtor.first_name | bold }}", "next": "z"},
            "z": END,
        }
    )
    by_node = {(p.node_id, p.position): p.message for p in found}
    assert "unknown variable 'debtor.nickname'" in by_node[("a", 5)]
    assert "bad condition" in by_node[("b", len("account.days_past_due >"))]
    c_messages = [p.message for p in found if p.node_id == "c"]
    assert c_messages == [
        "unknown variable 'vars.plan' in condition",
        "unknown variable 'foo.bar' in condition",
    ]
    assert any("unknown filter 'bold'" in m for (n, _), m in by_node.items() if n == "d")


def test_script_variables_set_by_answers_are_known() -> None:
    found = problems(
        {
            "a": {
                "kind": "ask",
                "text": "x",
                "options": [{"id": "o", "label": "L", "next": "b", "set": {"plan": "x"}}],
            },
            "b": {
                "kind": "branch",
                "branches": [{"if": "vars.plan == 'x'", "next": "z"}],
                "else": "z",
            },
            "z": {"kind": "end", "text": "{{ vars.plan }}"},
        }
    )
    assert found == []


def test_shaming_and_threatening_language_is_flagged_in_spanish_and_english() -> None:
    es = problems(
        {
            "a": {
                "kind": "say",
                "text": "Usted es un deudor moroso; podría ir a la CARCEL.",
                "next": "z",
            },
            "z": {"kind": "end", "text": "Vamos a avisar a su familia."},
        }
    )
    text_a = "Usted es un deudor moroso; podría ir a la CARCEL."
    flagged = [(p.node_id, p.position) for p in es if "shaming" in p.message]
    assert flagged == [
        ("a", text_a.index("deudor")),
        ("a", text_a.index("moroso")),
        ("a", text_a.index("CARCEL")),
        ("z", "Vamos a avisar a su familia.".index("avisar")),
    ]
    en = problems(
        {"a": {"kind": "say", "text": "We will tell your employer.", "next": "z"}, "z": END},
        locale="en-US",
    )
    assert any("tell your employer" in p.message for p in en)


def test_respectful_words_are_not_flagged() -> None:
    assert (
        problems(
            {
                "a": {"kind": "say", "text": "Queremos apoyarle con su adeudo.", "next": "z"},
                "z": END,
            }
        )
        == []
    )


def test_duplicates_and_bad_set_names() -> None:
    found = messages(
        problems(
            {
                "a": {
                    "kind": "ask",
                    "text": "x",
                    "options": [
                        {"id": "o", "label": "L", "next": "z", "set": {"__class__": 1}},
                        {"id": "o", "label": "M", "next": "z"},
                    ],
                },
                "z": END,
            },
            [
                {"id": "x", "label": "X", "start": "z"},
                {"id": "x", "label": "Y", "start": "nowhere"},
            ],
        )
    )
    assert ("error", "a", "option id 'o' is used twice") in found
    assert ("error", "a", "option 'o' sets a bad name '__class__'") in found
    assert ("error", None, "objection id 'x' is used twice") in found
    assert ("error", None, "objection 'x' starts at missing 'nowhere'") in found
