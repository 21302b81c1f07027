"""Negotiation scripts by (id, version): fetched from the hub once, then kept for the shift.

Published script versions are immutable, so a fetched version never needs refreshing. When the
hub cannot be reached the bundled copy of the same id and version is used, never a different
version (a call keeps the version the hub chose). It must never run or render a script.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from scripts_engine import EngineError, Script, bundled_scripts, load_script
from sync.protocol import FetchScript, Message, ScriptData

log = logging.getLogger("acuerdo.desktop")

Requester = Callable[[Message], Awaitable[object]]


class ScriptUnavailable(Exception):
    """Neither the hub nor the bundle has this script version."""


class ScriptLibrary:
    def __init__(self, request: Requester) -> None:
        self._request = request
        self._cache: dict[tuple[str, int], Script] = {}

    def cached(self, script_id: str, version: int) -> Script | None:
        return self._cache.get((script_id, version))

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
