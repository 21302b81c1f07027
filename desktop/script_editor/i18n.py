"""The editor's own translation catalogue and the ``tr`` it uses for every visible text.

Source strings are English in the code; Spanish lives in
``resources/i18n/script_editor_es_MX.ts`` (compiled to ``.qm``), separate from
the app's catalogue so the editor ships and updates on its own. This module
must never build sentences from fragments a translator cannot reorder.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.common import i18n as common_i18n
from scripts_engine import EngineError
from scripts_engine.errors import PositionedError
from scripts_engine.messages import Params, describe

log = logging.getLogger("acuerdo.script_editor")

CONTEXT = "ScriptEditor"
# The engine's findings (``scripts_engine.messages``) have their own context in the catalogue.
PROBLEMS_CONTEXT = "ScriptProblems"
CATALOGUE = "script_editor"


def tr(text: str) -> str:
    """Translate an editor string (context ``ScriptEditor``)."""
    return QCoreApplication.translate(CONTEXT, text)


def _problem_tr(text: str) -> str:
    return QCoreApplication.translate(PROBLEMS_CONTEXT, text)


def finding_text(code: str, params: Params, english: str) -> str:
    """An engine finding in the user's language; its English text when it has no code.

    A translation that names a placeholder the finding lacks falls back to English
    rather than showing a half-filled sentence.
    """
    if not code:
        return english
    try:
        return describe(code, params, _problem_tr)
    except (KeyError, IndexError, ValueError):
        log.warning("cannot word script finding %s", code)
        return english


def error_text(error: EngineError) -> str:
    """An engine error as the team lead reads it, with its position when it has one."""
    if not error.code:
        return str(error)
    if isinstance(error, PositionedError):
        reason = finding_text(error.code, error.params, error.reason)
        return tr("{reason} (at character {position})").format(
            reason=reason, position=error.position
        )
    return finding_text(error.code, error.params, str(error))


def catalogue_path(locale: str) -> Path:
    return common_i18n.catalogue_path(CATALOGUE, locale)


def install_translator(app: QCoreApplication, locale: str) -> QTranslator | None:
    """Install the editor's catalogue for *locale* ("es_MX"); None for English or if missing.

    Keep the returned translator alive (Qt does not own it).
    """
    return common_i18n.install_catalogue(app, CATALOGUE, locale)


def kind_label(kind: str) -> str:
    """A node kind as the team lead reads it."""
    labels = {
        "say": tr("Say"),
        "ask": tr("Ask"),
        "offer": tr("Offer"),
        "branch": tr("Branch"),
        "action": tr("Action"),
        "end": tr("End"),
    }
    return labels.get(kind, kind)


def action_label(action: str) -> str:
    labels = {
        "open_promise_form": tr("Open the promise form"),
        "schedule_callback": tr("Schedule a callback"),
        "transfer": tr("Transfer the call"),
        "set_disposition": tr("Set a disposition"),
        "mark_contact_wrong": tr("Mark the number as wrong"),
    }
    return labels.get(action, action)
