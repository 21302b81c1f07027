"""Every text the desktop shows has a finished es-MX translation in the catalogue it loads from.

Each package's `tr()`/`translate()` reads one catalogue (resources/i18n/<catalogue>_es_MX.ts,
compiled to .qm): the agent desk and the common widgets `acuerdo`, the setup screens `setup`, the
supervisor desk `supervisor`, the script editor (and the team lead's window and the agent's
script notices, which use its `tr`) `script_editor`. This walks desktop/ for literal strings
passed to those helpers or marked with QT_TRANSLATE_NOOP, and checks each one is translated,
keeps its placeholders, and is in the compiled .qm Qt actually loads.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[3]
DESKTOP = ROOT / "desktop"
I18N = ROOT / "resources" / "i18n"

# Where each helper module's strings go: (catalogue, context for one-argument tr()).
HELPERS: dict[str, tuple[str, str | None]] = {
    "desktop.common.i18n": ("acuerdo", None),
    "desktop.settings.i18n": ("setup", None),
    "desktop.supervisor.i18n": ("supervisor", "Supervisor"),
    "desktop.script_editor.i18n": ("script_editor", "ScriptEditor"),
}
HELPER_FILES = {DESKTOP / Path(*name.split(".")[1:]).with_suffix(".py"): name for name in HELPERS}
PLACEHOLDER = re.compile(r"\{\w*\}")


@dataclass(frozen=True)
class Text:
    catalogue: str
    context: str
    source: str
    where: str


def _helper_of(path: Path, tree: ast.Module) -> str:
    """The i18n module whose translate/tr this file uses (its package's by default)."""
    if path in HELPER_FILES:
        return HELPER_FILES[path]
    for node in tree.body:
        if (
            isinstance(node, ast.ImportFrom)
            and node.module in HELPERS
            and any(alias.name in ("translate", "tr") for alias in node.names)
        ):
            return node.module
    package = path.relative_to(DESKTOP).parts[0]
    return (
        f"desktop.{package}.i18n"
        if f"desktop.{package}.i18n" in HELPERS
        else ("desktop.common.i18n")
    )


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def desktop_texts() -> list[Text]:
    found: list[Text] = []
    for path in sorted(DESKTOP.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        catalogue, tr_context = HELPERS[_helper_of(path, tree)]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = [_literal(a) for a in node.args]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            name = node.func.id
            if name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                context, source = args[0], args[1]
            elif name == "tr" and len(args) == 1 and tr_context is not None:
                context, source = tr_context, args[0]
            else:
                continue
            if context is not None and source is not None:
                found.append(Text(catalogue, context, source, where))
    return found


@cache
def ts_entries(catalogue: str) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) -> (translation, its type attribute) from the .ts file."""
    entries: dict[tuple[str, str], tuple[str, str | None]] = {}
    root = ET.parse(I18N / f"{catalogue}_es_MX.ts").getroot()
    for context in root.findall("context"):
        name = str(context.findtext("name"))
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation is not None
            entries[(name, str(message.findtext("source")))] = (
                translation.text or "",
                translation.get("type"),
            )
    return entries


@cache
def compiled(catalogue: str) -> QTranslator:
    translator = QTranslator()
    assert translator.load(str(I18N / f"{catalogue}_es_MX.qm")), catalogue
    return translator


def test_the_walk_finds_the_desktop_texts() -> None:
    texts = desktop_texts()
    # A walk that silently found nothing would pass every check below.
    assert len(texts) > 700
    assert {t.catalogue for t in texts} == set(c for c, _ in HELPERS.values())
    assert Text("acuerdo", "Dial", "Hang up the current call first.", "") in {
        Text(t.catalogue, t.context, t.source, "") for t in texts
    }


def test_every_desktop_text_has_a_finished_spanish_translation() -> None:
    missing = sorted(
        f"{t.where} [{t.catalogue}] {t.context}: {t.source!r}"
        for t in desktop_texts()
        if not ts_entries(t.catalogue).get((t.context, t.source), ("", None))[0]
        or ts_entries(t.catalogue)[(t.context, t.source)][1]
        in ("unfinished", "obsolete", "vanished")
    )
    assert missing == []


def test_translations_keep_their_placeholders() -> None:
    wrong = []
    for t in desktop_texts():
        translation, _ = ts_entries(t.catalogue).get((t.context, t.source), ("", None))
        if translation and sorted(PLACEHOLDER.findall(translation)) != sorted(
            PLACEHOLDER.findall(t.source)
        ):
            wrong.append(f"{t.where} {t.context}: {t.source!r} -> {translation!r}")
    assert wrong == []


@pytest.mark.parametrize("catalogue", sorted({c for c, _ in HELPERS.values()}))
def test_the_compiled_catalogue_matches_its_source(catalogue: str, qapp: object) -> None:
    """The .qm Qt loads was compiled from the current .ts (run pyside6-lrelease after edits)."""
    translator = compiled(catalogue)
    stale = sorted(
        f"{context}: {source!r}"
        for (context, source), (translation, kind) in ts_entries(catalogue).items()
        if translation
        and kind not in ("unfinished", "obsolete", "vanished")
        and translator.translate(context, source) != translation
    )
    assert stale == []
