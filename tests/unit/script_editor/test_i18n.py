"""The editor speaks Spanish: every visible string has an es-MX translation that Qt loads.

The catalogue also serves the team lead's desk and the agent's script notices,
so their ``tr()`` strings are checked here too.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.script_editor import ScriptEditor, install_translator
from desktop.script_editor.i18n import catalogue_path, tr

PACKAGE = Path(__file__).resolve().parents[3] / "desktop" / "script_editor"
TS = PACKAGE.parents[1] / "resources" / "i18n" / "script_editor_es_MX.ts"
USERS = [
    *PACKAGE.glob("*.py"),
    *(PACKAGE.parent / "team_lead").glob("*.py"),
    PACKAGE.parent / "agent" / "script_library.py",
]


def source_strings() -> set[str]:
    """Every literal passed to ``tr`` (the parser joins implicitly concatenated pieces)."""
    found: set[str] = set()
    for path in USERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def test_every_string_has_a_spanish_translation() -> None:
    context = ET.parse(TS).getroot().find("context")
    assert context is not None
    translated = {
        m.findtext("source"): m.findtext("translation") for m in context.findall("message")
    }
    missing = sorted(s for s in source_strings() if not translated.get(s))
    assert missing == []
    assert catalogue_path("es_MX").is_file()  # compiled with pyside6-lrelease


def test_installed_catalogue_translates_the_editor(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_translator(app, "es_MX")
    assert translator is not None
    try:
        assert tr("Publish") == "Publicar"
        editor = ScriptEditor()
        qtbot.addWidget(editor)
        assert editor.actions_by_name["publish"].text() == "Publicar"
        assert editor.windowTitle() == "Editor de guiones"
    finally:
        app.removeTranslator(translator)
    assert install_translator(app, "en_US") is None
