"""Negotiation scripts by (id, version): fetched from the hub once, then kept for the shift.

Published script versions are immutable, so a fetched version never needs refreshing. When the
hub cannot be reached the bundled copy of the same id and version is used, never a different
version (a call keeps the version the hub chose). When the hub announces a new version
(``ScriptUpdated``) the library fetches it ahead of the next call and tells the agent once it is
ready; the next offer names that version, a call in progress keeps its own. It must never run
or render a script, and never pick a version on its own: the hub's offer decides.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from desktop.common import messages
from desktop.script_editor.i18n import tr
from scripts_engine import EngineError, Script, bundled_scripts, load_script
from sync.protocol import FetchScript, Message, ScriptData

log = logging.getLogger("acuerdo.desktop")

Requester = Callable[[Message], Awaitable[object]]


class ScriptUnavailable(Exception):
    """Neither the hub nor the bundle has this script version."""


class ScriptLibrary:
    def __init__(self, request: Requester, locale: str = "es_MX") -> None:
        self._request = request
        self._locale = locale
        self._cache: dict[tuple[str, int], Script] = {}
        self._latest: dict[str, int] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    def cached(self, script_id: str, version: int) -> Script | None:
        return self._cache.get((script_id, version))

    def latest(self, script_id: str) -> int | None:
        """The newest version the hub has announced in this session (None: none announced)."""
        return self._latest.get(script_id)

    def script_updated(self, script_id: str, version: int) -> None:
        """The hub published *version*: fetch it now so the next call's script pops at once."""
        if version <= self._latest.get(script_id, 0):
            return  # a replayed or out-of-order announcement
        self._latest[script_id] = version
        task = asyncio.ensure_future(self.prepare(script_id, version))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def prepare(self, script_id: str, version: int) -> Script | None:
        """Fetch an announced version and tell the agent; None if it cannot be had now."""
        try:
            script = await self.get(script_id, version)
        except ScriptUnavailable as exc:
            # The next offer fetches it again; nothing the agent has to act on now.
            log.info("announced script %s v%d not prepared: %s", script_id, version, exc)
            return None
        log.info("script %s v%d ready for the next call", script_id, version)
        messages.info(
            tr(
                "The script “{title}” has a new version ({version}). Your next call uses it; "
                "a call in progress keeps its version."
            ).format(title=script.title_for(self._locale) or script_id, version=version)
        )
        return script

    async def get(self, script_id: str, version: int) -> Script:
        key = (script_id, version)
        if key in self._cache:
            return self._cache[key]
        try:
            reply = await self._request(FetchScript(script_id=script_id, version=version))
            if not isinstance(reply, ScriptData):
                raise ScriptUnavailable(f"unexpected reply {type(reply).__name__}")
            script = load_script(reply.document)
        except (ConnectionError, TimeoutError, OSError, EngineError, ScriptUnavailable) as exc:
            log.warning("script %s v%s not fetched (%s); trying the bundle", *key, exc)
            script = self._bundled(script_id, version)
        except Exception as exc:  # HubError and friends: the hub said no
            log.warning("hub refused script %s v%s: %s", *key, exc)
            script = self._bundled(script_id, version)
        self._cache[key] = script
        return script

    def _bundled(self, script_id: str, version: int) -> Script:
        try:
            scripts = bundled_scripts()
        except EngineError as exc:
            raise ScriptUnavailable(f"bundled scripts unreadable: {exc}") from exc
        for script in scripts:
            if script.id == script_id and script.version == version:
                return script
        raise ScriptUnavailable(f"script {script_id} v{version} is not available")
