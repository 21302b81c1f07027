"""The agent session's background work: asyncio tasks started from Qt slots, and their end.

A task that fails is a bug: it is logged in full and the agent gets one short message; the
shift goes on. It must never swallow a failure silently or leave a coroutine never awaited.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from desktop.common import messages
from desktop.common.i18n import translate

log = logging.getLogger("acuerdo.desktop")


class BackgroundTasks:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], what: str) -> None:
        try:
            task = asyncio.get_running_loop().create_task(coro)
        except RuntimeError:
            # A Qt timer fired with no loop running (the app or a test is closing): nothing
            # can run it now, so close it rather than leave it never awaited.
            coro.close()
            log.info("%s dropped: no event loop", what)
            return
        self._tasks.add(task)
        task.add_done_callback(lambda t: self._finished(t, what))

    def _finished(self, task: asyncio.Task[Any], what: str) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            # A bug: log it fully, tell the agent briefly; the shift goes on.
            log.error("%s task failed", what, exc_info=exc)
            messages.error(translate("Agent", "Something went wrong; the support log has details."))

    async def drain(self, timeout_s: float = 5) -> None:
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=timeout_s)
