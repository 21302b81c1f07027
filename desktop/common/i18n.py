"""Translation of user-visible text: the `translate` helper and the QTranslator loader.

English source strings live in the code (`translate("Context", "Text")`, which
`pyside6-lupdate` extracts); Spanish (es-MX) lives in resources/i18n/acuerdo_es_MX.ts and its
compiled .qm. This module must never build user-visible text by concatenating fragments that a
translator cannot reorder: placeholders are named (`{amount}`) and filled after translation.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

log = logging.getLogger("acuerdo.desktop")

SUPPORTED_LOCALES: tuple[str, ...] = ("es_MX", "en_US")
DEFAULT_LOCALE = "es_MX"
# English is the source language, so it needs no catalogue.
_SOURCE_LOCALE = "en_US"


def translations_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "resources" / "i18n"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Qt's translate under a short name that lupdate recognises."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def check_locale(locale: str) -> str:
    """Return the locale if supported, else raise ValueError naming the supported ones."""
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(
            f"unsupported locale {locale!r}; choose one of {', '.join(SUPPORTED_LOCALES)}"
        )
    return locale


def install_translator(app: QCoreApplication, locale: str) -> QTranslator | None:
    """Load and install the agent catalogue for `locale`; None for the source language.

    Also makes `locale` Qt's default (money and dates). The returned translator must be kept
    alive by the caller (Qt does not own it).
    """
    check_locale(locale)
    QLocale.setDefault(QLocale(locale))
    return install_catalogue(app, "acuerdo", locale)


def catalogue_path(catalogue: str, locale: str) -> Path:
    return translations_dir() / f"{catalogue}_{locale.replace('-', '_')}.qm"


def install_catalogue(app: QCoreApplication, catalogue: str, locale: str) -> QTranslator | None:
    """Install one area's catalogue (``acuerdo``, ``setup``, ``supervisor``, ``script_editor``)
    for `locale`; None for English (the source) or when the file is missing or unreadable.

    Keep the returned translator alive (Qt does not own it).
    """
    if locale.replace("-", "_").startswith("en"):
        return None
    translator = QTranslator(app)
    path = catalogue_path(catalogue, locale)
    if not translator.load(str(path)):
        # Environment problem, not a bug: the app still works in English.
        log.warning("translation catalogue missing or unreadable: %s", path.name)
        return None
    app.installTranslator(translator)
    return translator
