"""The script editor for team leads: build, check, preview and publish negotiation scripts.

A self-contained package the app opens for the team-lead role: ``ScriptEditor``
(a QMainWindow) with an injected ``publisher`` coroutine, and
``install_translator`` for its Spanish catalogue. Domain logic (document,
edits, layout, diff, drafts, samples) is plain Python in this package and
testable without a screen. It must never talk to the hub itself.
"""

from __future__ import annotations

from .editor import Publisher, ScriptEditor
from .i18n import install_translator

__all__ = ["Publisher", "ScriptEditor", "install_translator"]
