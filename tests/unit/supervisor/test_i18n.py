"""The supervisor desk speaks Spanish: every tr() string has an es-MX translation Qt loads."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.supervisor.floor_model import FloorModel
from desktop.supervisor.i18n import catalogue_path, install_translator, state_label, tr
from desktop.supervisor.monitor import MonitorSession
from desktop.supervisor.window import SupervisorWindow

PACKAGE = Path(__file__).resolve().parents[3] / "desktop" / "supervisor"
TS = PACKAGE.parents[1] / "resources" / "i18n" / "supervisor_es_MX.ts"


def source_strings() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.glob("*.py"):
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


def test_every_string_has_a_spanish_translation_with_its_placeholders() -> None:
    context = ET.parse(TS).getroot().find("context")
    assert context is not None
    translated = {
        str(m.findtext("source")): str(m.findtext("translation") or "")
        for m in context.findall("message")
    }
    strings = source_strings()
    assert len(strings) > 80
    assert sorted(s for s in strings if not translated.get(s)) == []
    for source in strings:
        wanted = set(re.findall(r"\{\w+\}", source))
        assert set(re.findall(r"\{\w+\}", translated[source])) == wanted, source
    assert catalogue_path("es_MX").is_file()  # compiled with pyside6-lrelease


async def _no_request(*_: object) -> object:
    raise ConnectionError


def test_the_window_is_spanish_with_the_catalogue(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_translator(app, "es_MX")
    assert translator is not None
    try:
        assert state_label("on_call") == "En llamada"
        window = SupervisorWindow(FloorModel(), MonitorSession(_no_request, None), "Carmen Díaz")
        qtbot.addWidget(window)
        assert window.windowTitle() == "Piso — Carmen Díaz"
        assert window.actions_by_name["listen"].text() == "Escuchar"
        assert window.floor.proxy.headerData(0, Qt.Orientation.Horizontal) == "Agente"
    finally:
        app.removeTranslator(translator)
    assert tr("Listen") == "Listen"
    assert install_translator(app, "en_US") is None
