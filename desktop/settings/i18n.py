"""The setup screens' own translation catalogue (settings dialog, diagnostics, first-run wizard).

English source text lives in the code; Spanish in `resources/i18n/setup_es_MX.ts`, compiled to
`.qm`, kept apart from the agent workspace's catalogue so IT-facing screens ship on their own.
This module must never build sentences from fragments a translator cannot reorder.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.common import i18n as common_i18n

CATALOGUE = "setup"


def translate(context: str, text: str) -> str:
    return str(QCoreApplication.translate(context, text))


def catalogue_path(locale: str) -> Path:
    return common_i18n.catalogue_path(CATALOGUE, locale)


def install_setup_translator(app: QCoreApplication, locale: str) -> QTranslator | None:
    """Install the catalogue for `locale`; None for English or when the file is missing."""
    return common_i18n.install_catalogue(app, CATALOGUE, locale)


@contextmanager
def setup_session(locale: str) -> Iterator[QApplication]:
    """The QApplication for a setup screen run on its own (wizard, settings, diagnostics),
    with the setup catalogue installed for as long as the screen runs."""
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "acuerdo"])
    assert isinstance(app, QApplication)
    translator = install_setup_translator(app, locale)
    try:
        yield app
    finally:
        if translator is not None:
            app.removeTranslator(translator)
