"""The app's Desk gives a supervisor the floor: sign-in, softphone, live board, clean quit."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import DesktopOptions
from desktop.desk import Desk
from sync.hub.server import Hub

from .conftest import PASSWORD, until


@pytest.mark.asyncio
async def test_a_supervisor_signs_in_to_the_floor_with_a_softphone(
    hub: Hub, tmp_path: Path, qapp: QApplication
) -> None:
    opts = DesktopOptions(
        hub_url=f"ws://127.0.0.1:{hub.port}",
        user="carmen",
        password=PASSWORD,
        data_dir=tmp_path / "desk",
        locale="en_US",
    )
    desk = Desk(opts)
    running = asyncio.ensure_future(desk.main())
    try:
        assert await until(lambda: desk.supervisor is not None, 20), "no floor window"
        floor = desk.supervisor
        assert await until(lambda: floor.subscribed.is_set(), 10), "the board never arrived"
        assert floor.window.isVisible() and floor.window.windowTitle() == "Floor — Carmen Díaz"
        assert desk.phone is not None and desk.session is None  # a phone, no agent session
        assert {e.agent for e in floor.model.entries()} >= {"ana", "luis"}
        assert await until(lambda: floor.window.link.text() == "Hub: connected")
        floor.window.close()  # the window asks the desk; the desk quits cleanly
        assert await asyncio.wait_for(running, 20) == 0
        assert not floor.window.isVisible()
    finally:
        if not running.done():
            desk.request_quit(1)
            await asyncio.wait_for(running, 20)
