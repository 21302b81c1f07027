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

log = logging.getLogger("acuerdo.script_editor")

CONTEXT = "ScriptEditor"
CATALOGUE = "script_editor"


def tr(text: str) -> str:
    """Translate an editor string (context ``ScriptEditor``)."""
    return QCoreApplication.translate(CONTEXT, text)


def catalogue_path(locale: str) -> Path:
    return Path(__file__).resolve().parents[2] / "resources" / "i18n" / f"{CATALOGUE}_{locale}.qm"


def install_translator(app: QCoreApplication, locale: str) -> QTranslator | None:
    """Install the editor's catalogue for *locale* ("es_MX"); None for English or if missing.

    Keep the returned translator alive (Qt does not own it).
    """
    locale = locale.replace("-", "_")
    if locale.startswith("en"):
        return None
    translator = QTranslator(app)
    path = catalogue_path(locale)
    if not translator.load(str(path)):
        log.warning("script editor catalogue missing: %s", path.name)
        return None
    app.installTranslator(translator)
    return translator


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
