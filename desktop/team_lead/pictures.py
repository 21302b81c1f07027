"""Pictures of the team lead's editor for the documentation, taken from the running app.

``editor_picture`` opens the bundled early-stage script from the hub the desk
is signed in to, picks a question so the form, graph and outline show real
content, and saves a grab of the window. It is used by
``acuerdo desktop --screenshot`` for team leads; it must never publish or
save a draft.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from .window import TeamLeadDesk

SCRIPT = "early-stage-mx"
NODE = "ask_payment"
ZOOM = 0.8
SETTLE_S = 0.4  # the layout and the validation timer settle in well under this


async def editor_picture(desk: TeamLeadDesk, path: Path) -> Path:
    """Open the script, select a node, grab the window into *path* (PNG)."""
    desk.editor.resize(1440, 900)
    if await desk.load(SCRIPT) is None:
        raise RuntimeError(f"the hub did not give {SCRIPT}")
    editor = desk.editor
    editor.graph_view.zoom(ZOOM)  # a little more of the graph than at 100 %
    node = NODE if NODE in editor.draft.nodes else editor.draft.start
    editor.select_node(node)
    await asyncio.sleep(SETTLE_S)
    QCoreApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not editor.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    return path
