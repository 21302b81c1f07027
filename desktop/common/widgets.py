"""Small widget conveniences shared by the views.

Only construction helpers live here; a helper must never hide behaviour a reader of a view
would need to see (signals, layout decisions).
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, object_name: str) -> W:
    """Give a widget the object name the theme (light.qss) styles it by."""
    widget.setObjectName(object_name)
    return widget
