"""The supervisor desk's own translation catalogue and the ``tr`` every supervisor view uses.

English source strings live in the code; Spanish (es-MX) in
``resources/i18n/supervisor_es_MX.ts`` (compiled to ``.qm``), apart from the agent's
catalogue so the floor ships and updates on its own. Also the words for agent states and
attention flags, shared by the floor, the monitor panel and the KPI board. This module must
never build sentences from fragments a translator cannot reorder: placeholders are named.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.common import i18n as common_i18n

CONTEXT = "Supervisor"
CATALOGUE = "supervisor"


def tr(text: str) -> str:
    """Translate a supervisor-desk string (context ``Supervisor``)."""
    return QCoreApplication.translate(CONTEXT, text)


def catalogue_path(locale: str) -> Path:
    return common_i18n.catalogue_path(CATALOGUE, locale)


def install_translator(app: QCoreApplication, locale: str) -> QTranslator | None:
    """Install the floor's catalogue for ``locale``; None for English or when missing.

    Keep the returned translator alive (Qt does not own it).
    """
    return common_i18n.install_catalogue(app, CATALOGUE, locale)


def state_label(state: str) -> str:
    labels = {
        "logged_out": tr("Logged out"),
        "not_ready": tr("Not ready"),
        "ready": tr("Ready"),
        "on_call": tr("On call"),
        "wrap_up": tr("Wrap-up"),
    }
    return labels.get(state, state)


def mode_label(mode: str) -> str:
    labels = {"listen": tr("Listen"), "coach": tr("Coach"), "join": tr("Join")}
    return labels.get(mode, mode)


def flag_label(flag: str) -> str:
    labels = {
        "help": tr("Asked for help"),
        "wrapup_long": tr("Wrap-up too long"),
        "call_long": tr("Call too long"),
        "poor_mos": tr("Poor call quality"),
    }
    return labels.get(flag, flag)


def duration_text(seconds: float | None) -> str:
    """mm:ss under an hour, h:mm:ss beyond; empty for no duration (digits need no catalogue)."""
    if seconds is None:
        return ""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
