"""A real hub on loopback and real desks (the app's own composition root) signed in to it.

The hub (in this process, on a free port, over a seeded SQLite copy) and the
bounded `until` wait are the workspace tests' own, shared rather than copied.
Each desk is `desktop.desk.Desk` running its `main()` on the test's event loop,
so sign-in, role routing, the sync client and the windows are the production
ones (offscreen).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from PySide6.QtWidgets import QApplication

from desktop.app import DesktopOptions
from desktop.desk import Desk
from sync.hub.seed import DEMO_PASSWORD
from sync.hub.server import Hub
from tests.integration.workspace.conftest import hub, hub_template, until

__all__ = ["RunningDesk", "desks", "hub", "hub_template", "until"]


class RunningDesk:
    """A `Desk` whose `main()` runs as a task until `quit()`."""

    def __init__(self, hub: Hub, user: str, data_dir: Path, locale: str = "es_MX") -> None:
        self.desk = Desk(
            DesktopOptions(
                hub_url=f"ws://127.0.0.1:{hub.port}",
                user=user,
                password=DEMO_PASSWORD,
                data_dir=data_dir,
                locale=locale,
            )
        )
        self.task: asyncio.Task[int] = asyncio.ensure_future(self.desk.main())

    async def quit(self) -> int:
        self.desk.request_quit(0)
        return await asyncio.wait_for(self.task, 20)


@pytest_asyncio.fixture
async def desks(qapp: QApplication, tmp_path: Path) -> AsyncIterator[list[RunningDesk]]:
    """Desks a test starts (append to the list); each is quit in order at the end."""
    started: list[RunningDesk] = []
    try:
        yield started
    finally:
        for running in started:
            if not running.task.done():
                await running.quit()
