"""The team lead's desk: the script editor wired to the hub, with "Open from hub" and a link light.

``TeamLeadDesk`` builds the ``ScriptEditor`` with ``HubScripts.publish`` as its
publisher, adds the "Open from hub…" action (Ctrl+Shift+O: catalog, pick,
fetch, edit from that known base version) and shows whether the hub is
reachable. Drafts are saved on this computer, so writing goes on offline;
only opening from and publishing to the hub need the link. It must never
publish on its own and never throw away unsaved work: opening another script
saves the current draft first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar

from desktop.script_editor import ScriptEditor
from desktop.script_editor.i18n import tr

from .catalog_dialog import HubCatalogDialog
from .hub_scripts import HubScripts, ScriptRefused

log = logging.getLogger("acuerdo.team_lead")


class TeamLeadDesk(QObject):
    close_requested = Signal()

    def __init__(
        self,
        request: Callable[..., Awaitable[object]],
        display_name: str,
        drafts_dir: Path,
        locale: str = "es_MX",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hub = HubScripts(request)
        self.editor = ScriptEditor(
            publisher=self.hub.publish, drafts_dir=drafts_dir, locale=locale.replace("_", "-")
        )
        self.editor.setWindowTitle(tr("Script editor — {name}").format(name=display_name))
        self.link = QLabel(objectName="hubLink")
        self.editor.statusBar().addPermanentWidget(self.link)
        self.dialog: HubCatalogDialog | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._add_open_action()
        self.editor.installEventFilter(self)
        self.editor.show_status(tr("Open a script from the hub (Ctrl+Shift+O) or start a new one."))

    def _add_open_action(self) -> None:
        action = QAction(tr("Open from hub…"), self.editor)
        action.setObjectName("open_hub")
        action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        action.setToolTip(f"{action.text()} ({action.shortcut().toString()})")
        action.triggered.connect(lambda _=False: self._spawn(self.open_from_hub()))
        self.editor.addAction(action)
        menu = self.editor.menuBar().actions()[0].menu()
        if menu is not None:
            menu.insertAction(menu.actions()[0], action)
        toolbar = self.editor.findChild(QToolBar, "scriptToolbar")
        if isinstance(toolbar, QToolBar) and toolbar.actions():
            first = toolbar.actions()[0]
            toolbar.insertAction(first, action)
            toolbar.insertSeparator(first)
        self.editor.actions_by_name["open_hub"] = action

    # --- the hub link ------------------------------------------------------------------

    def on_connection(self, state: str, _detail: str = "") -> None:
        if state == "online":
            self.link.setText(tr("Hub: connected"))
        elif state == "connecting":
            self.link.setText(tr("Hub: connecting…"))
        else:
            self.link.setText(tr("Hub: offline — drafts are saved on this computer"))

    # --- opening from the hub ----------------------------------------------------------

    async def open_from_hub(self) -> HubCatalogDialog | None:
        """Show the catalog; picking a script loads its newest version into the editor."""
        try:
            scripts = await self.hub.catalog()
        except ScriptRefused as exc:
            self.editor.show_status(str(exc))
            return None
        dialog = HubCatalogDialog(scripts, self.editor)
        dialog.chosen.connect(lambda script_id, version: self._spawn(self.load(script_id, version)))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    async def load(self, script_id: str, version: int | None = None) -> int | None:
        """Open a published version for editing; the version loaded, or None (with a message)."""
        try:
            loaded, document = await self.hub.fetch(script_id, version)
        except ScriptRefused as exc:
            self.editor.show_status(str(exc))
            return None
        if not self.editor.undo_stack.isClean() and self.editor.drafts is not None:
            self.editor.save_draft()  # never lose what was typed to a newer download
        self.editor.open_document(document, published=document, published_version=loaded)
        self.editor.show_status(
            tr("Opened {script} version {version} from the hub.").format(
                script=script_id, version=loaded
            )
        )
        return loaded

    # --- window ------------------------------------------------------------------------

    def show(self) -> None:
        self.editor.resize(1400, 900)
        self.editor.show()

    def close(self) -> None:
        self.editor.removeEventFilter(self)
        self.editor.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.Close:
            event.ignore()  # the desk quits in order (sync client last), then closes us
            if not self.editor.undo_stack.isClean() and self.editor.drafts is not None:
                self.editor.save_draft()  # unpublished work survives closing the window
            self.close_requested.emit()
            return True
        return False

    def _spawn(self, coro: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("team lead task failed", exc_info=task.exception())
            self.editor.show_status(tr("Something went wrong; the support log has details."))
