"""A supervisor's (or admin's) shift on the app's ``Desk``: softphone, floor window, shutdown.

``supervisor_shift`` is what ``desktop.desk.Desk`` runs after sign-in for those roles. It
starts the desk's softphone (the supervisor's monitor legs dial from it), installs the floor's
catalogue, builds the ``SupervisorDesk`` wired to the desk's sync and phone signals, and on
quit leaves any monitor session before the softphone and the hub link stop. With
``--screenshot`` (headless demo) it saves a picture of the live floor and quits. It must never
hold business rules: it only connects what exists.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from .desk import SupervisorDesk
from .i18n import install_translator

log = logging.getLogger("acuerdo.supervisor")

# The headless demo's picture waits for the autopilot agents to take calls.
PICTURE_AFTER_S = 12.0


async def supervisor_shift(desk: Any, name: str) -> int:
    """Run the floor until the supervisor quits; the exit code for ``Desk.main``."""
    assert desk.client is not None and desk._done is not None
    if desk.opts.autopilot and desk.opts.screenshot is None:
        # The autopilot takes calls; a supervisor has none to take.
        log.info("no autopilot for a supervisor's desk; nothing to do headless")
        await desk._shutdown()
        return 0
    app = QCoreApplication.instance()
    translator = install_translator(app, desk.opts.locale) if app is not None else None
    desk._early.clear()  # offers and outbox items are an agent's business
    desk._start_phone(desk.signed_user or "supervisor", name)
    floor = SupervisorDesk(
        desk.client.request, desk.phone, name, desk.opts.locale, desk.opts.settings
    )
    desk.supervisor = floor
    floor.close_requested.connect(lambda: desk.request_quit(0))
    desk.signals.stream_event.connect(floor.on_event)
    desk.signals.connection_changed.connect(floor.on_connection)
    desk.phone_signals.call_changed.connect(floor.on_call_changed)
    floor.show()
    floor.on_connection(str(desk.client.connection_state))
    picture: asyncio.Task[None] | None = None
    if desk.opts.screenshot is not None:
        picture = asyncio.ensure_future(_picture(desk, floor, desk.opts.screenshot))
    try:
        code: int = await desk._done
    finally:
        if picture is not None:
            picture.cancel()
        desk.signals.stream_event.disconnect(floor.on_event)
        desk.signals.connection_changed.disconnect(floor.on_connection)
        desk.phone_signals.call_changed.disconnect(floor.on_call_changed)
        await floor.stop()
        await desk._shutdown()
        if translator is not None and app is not None:
            app.removeTranslator(translator)
    return code


async def _picture(desk: Any, floor: SupervisorDesk, path: Path) -> None:
    from .pictures import floor_picture

    try:
        await asyncio.wait_for(floor.subscribed.wait(), 30)
        await asyncio.sleep(PICTURE_AFTER_S)
        await floor.refresh_kpis()
        floor_picture(floor.window, path)
    except Exception:
        log.exception("the floor screenshot failed")
        desk.request_quit(1)
        return
    desk.request_quit(0)
