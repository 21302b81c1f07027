"""The engine's findings reach the team lead in Spanish: every code, the problems list, the preview.

The engine words its problems in English only (no Qt); the editor rewords each one
by its code through the ``ScriptProblems`` context of the editor's catalogue.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.script_editor import ScriptEditor, install_translator
from desktop.script_editor.i18n import error_text, finding_text
from desktop.script_editor.problems import ProblemsList
from scripts_engine import Runner, load_script, validate
from scripts_engine.errors import ConditionError, RunnerError
from scripts_engine.messages import FIELDS, MESSAGES, Param, describe

UNFILLED = re.compile(r"\{[A-Za-z_]*\}")


@pytest.fixture
def spanish(qtbot: QtBot) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_translator(app, "es_MX")
    assert translator is not None
    yield
    app.removeTranslator(translator)


def sample_params(code: str) -> dict[str, Param]:
    """Params for every placeholder of *code*'s English template, nested ones included."""
    params: dict[str, Param] = {}
    for _, name, _, _ in string.Formatter().parse(MESSAGES[code]):
        if name == "field":
            params.update(field="option_label", option="si_paga", variant="en-US")
        elif name == "reason":
            params.update(reason="condition.cannot_order", op="<", other_kind="text")
            params["kind"] = "number"
        elif name in ("kind", "other_kind"):
            params[name] = "date"
        elif name == "position":
            params[name] = 7
        elif name:
            params.setdefault(name, f"x_{name}")
    return params


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_reads_in_spanish(spanish: None, code: str) -> None:
    params = sample_params(code)
    english = describe(code, params)
    spanish_text = finding_text(code, params, english)
    assert spanish_text != english
    assert not UNFILLED.search(spanish_text), spanish_text
    for value in params.values():  # nothing the finding names is lost in translation
        if isinstance(value, str) and value.startswith("x_"):
            assert value in spanish_text


def test_every_field_reads_in_spanish(spanish: None) -> None:
    for field in FIELDS:
        if field == "variant":
            continue
        params: dict[str, Param] = {"field": field, "option": "a", "objection": "b"}
        english = describe("text.banned_language", {**params, "phrase": "moroso"})
        spanish_text = finding_text("text.banned_language", {**params, "phrase": "moroso"}, english)
        assert spanish_text != english and "moroso" in spanish_text


def test_without_a_catalogue_the_editor_shows_the_engine_english(qtbot: QtBot) -> None:
    script = load_script(BROKEN, check=False)
    for problem in validate(script):
        assert problem.code
        assert finding_text(problem.code, problem.params, problem.message) == problem.message


BROKEN = {
    "format": 1,
    "id": "roto",
    "version": 1,
    "title": "Roto",
    "locale": "es-MX",
    "locales": ["es-MX"],
    "start": "hola",
    "nodes": {
        "hola": {"kind": "say", "text": "Usted es moroso, {{ debtor.apodo }}", "next": "b"},
        "b": {
            "kind": "branch",
            "branches": [{"if": "account.balance >", "next": "fin"}],
            "else": "fin",
        },
        "fin": {"kind": "end", "text": "Gracias"},
        "sobra": {"kind": "end", "text": "Nunca"},
    },
}


def test_problems_list_speaks_spanish(qtbot: QtBot, spanish: None) -> None:
    script = load_script(BROKEN, check=False)
    problems = validate(script)
    assert {p.code for p in problems} >= {
        "text.unknown_variable",
        "text.banned_language",
        "branch.bad_condition",
        "graph.unreachable",
    }
    listed = ProblemsList()
    qtbot.addWidget(listed)
    listed.show_problems(problems)
    rows = [listed.item(i).text() for i in range(listed.count())]
    assert "Error · hola: texto: variable desconocida 'debtor.apodo' (en el carácter 17)" in rows
    assert (
        "Error · hola: texto: lenguaje que avergüenza o amenaza 'moroso' (en el carácter 9)" in rows
    )
    assert (
        "Error · b: condición no válida 'account.balance >': la condición termina antes de "
        "tiempo, se esperaba un valor (en el carácter 17)"
    ) in rows
    assert (
        "Aviso · sobra: inalcanzable: ningún camino desde el inicio ni desde una objeción" in rows
    )
    assert not any("unknown" in row or "unreachable" in row for row in rows)


def test_editor_window_lists_problems_in_spanish(qtbot: QtBot, spanish: None) -> None:
    editor = ScriptEditor()
    qtbot.addWidget(editor)
    editor.open_script(load_script(BROKEN, check=False))
    editor.validate_now()
    rows = [editor.problems.item(i).text() for i in range(editor.problems.count())]
    assert any("variable desconocida 'debtor.apodo'" in row for row in rows), rows


def test_preview_errors_speak_spanish(qtbot: QtBot, spanish: None) -> None:
    script = load_script(BROKEN, check=False)
    with pytest.raises(RunnerError) as raised:
        Runner(script, {}, "es_MX")
    assert raised.value.code == "runner.cannot_show_text"
    assert error_text(raised.value) == (
        "nodo 'hola': no se puede mostrar el texto: variable desconocida 'debtor.apodo' "
        "(en el carácter 17)"
    )
    condition = ConditionError.coded("condition.unexpected_character", 3, char="@")
    assert error_text(condition) == "carácter inesperado '@' (en el carácter 3)"
