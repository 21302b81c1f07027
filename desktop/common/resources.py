"""Where the desktop finds its bundled files (icons, themes, translations).

Paths are resolved relative to the installed `resources` package so they work from a checkout
and a frozen build alike. This module must never write into those folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def icon_path(name: str) -> Path:
    return RESOURCES / "icons" / f"{name}.svg"


@cache
def icon(name: str) -> QIcon:
    """A bundled SVG icon; an empty icon (not a crash) if the file is missing."""
    path = icon_path(name)
    return QIcon(str(path)) if path.is_file() else QIcon()


def theme_path(name: str) -> Path:
    return RESOURCES / "themes" / f"{name}.qss"


def load_theme(name: str = "light") -> str:
    path = theme_path(name)
    return path.read_text(encoding="utf-8") if path.is_file() else ""
