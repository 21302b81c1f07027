"""The team lead's script traffic with the hub: publish, list the catalog, fetch one version.

``HubScripts`` wraps the sync client's ``request`` so the script editor gets a
plain publisher coroutine and the "open from hub" dialog gets plain data.
Every refusal (the hub's ``version_conflict``, ``invalid_script`` or
``forbidden``, or no hub at all) becomes a ``ScriptRefused`` whose text is a
translated sentence the team lead can act on. It must never import widgets
and never change a document it is given.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from desktop.script_editor.i18n import tr
from sync.client import HubError
from sync.protocol import (
    FetchScript,
    ListScripts,
    Message,
    PublishScript,
    ScriptCatalog,
    ScriptData,
    ScriptPublished,
    ScriptSummary,
)

log = logging.getLogger("acuerdo.team_lead")

PUBLISH_TIMEOUT_S = 20.0  # the hub validates the whole script before it answers


class ScriptRefused(Exception):
    """The hub (or the network) said no; ``str()`` is the translated reason to show."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


class HubScripts:
    def __init__(self, request: Callable[..., Awaitable[object]]) -> None:
        self._request = request

    async def publish(
        self, script_id: str, base_version: int | None, document: dict[str, Any]
    ) -> int:
        """Publish *document* as the next version of *script_id*; the version the hub gave."""
        message = PublishScript(script_id=script_id, base_version=base_version, document=document)
        try:
            reply = await self._request(message, timeout=PUBLISH_TIMEOUT_S)
        except HubError as exc:
            log.info("publish of %s refused: %s", script_id, exc.code)
            raise ScriptRefused(await self._explain(exc, script_id), exc.code) from None
        except (ConnectionError, TimeoutError, OSError):
            raise ScriptRefused(offline_message(), "offline") from None
        if not isinstance(reply, ScriptPublished):
            raise ScriptRefused(unexpected_message(), "unexpected")
        log.info("published %s version %d", script_id, reply.version)
        return reply.version

    async def catalog(self) -> list[ScriptSummary]:
        """The newest published version of every script."""
        reply = await self._ask(ListScripts())
        if not isinstance(reply, ScriptCatalog):
            raise ScriptRefused(unexpected_message(), "unexpected")
        return list(reply.scripts)

    async def fetch(self, script_id: str, version: int | None = None) -> tuple[int, dict[str, Any]]:
        """One published version (the newest when *version* is None) and its document."""
        reply = await self._ask(FetchScript(script_id=script_id, version=version))
        if not isinstance(reply, ScriptData):
            raise ScriptRefused(unexpected_message(), "unexpected")
        return reply.version, dict(reply.document)

    async def _ask(self, message: Message) -> object:
        try:
            return await self._request(message)
        except HubError as exc:
            log.info("%s refused: %s", type(message).__name__, exc.code)
            raise ScriptRefused(refusal_message(exc.code, exc.reason), exc.code) from None
        except (ConnectionError, TimeoutError, OSError):
            raise ScriptRefused(offline_message(), "offline") from None

    async def _explain(self, exc: HubError, script_id: str) -> str:
        if exc.code != "version_conflict":
            return refusal_message(exc.code, exc.reason)
        try:  # say which version is newest, so the lead knows what to open
            newest = {s.script_id: s.version for s in await self.catalog()}.get(script_id)
        except ScriptRefused:
            newest = None
        return conflict_message(newest)


def conflict_message(newest: int | None) -> str:
    if newest is None:
        return tr(
            "Someone else published this script after you opened it. Open the newest version "
            "from the hub, make your changes there and publish again."
        )
    return tr(
        "Someone else published version {version} of this script after you opened it. Open "
        "it from the hub, make your changes there and publish again."
    ).format(version=newest)


def refusal_message(code: str, reason: str) -> str:
    if code == "version_conflict":
        return conflict_message(None)
    if code == "invalid_script":
        return tr("The hub found errors in the script: {reason}").format(reason=reason)
    if code == "forbidden":
        return tr("Your user may not publish scripts. Ask an administrator for the team-lead role.")
    if code == "unknown_script":
        return tr("That script is no longer on the hub.")
    return tr("The hub refused: {reason}").format(reason=reason or code)


def offline_message() -> str:
    return tr(
        "The hub cannot be reached. Your draft stays on this computer (Save draft); "
        "publish again when the connection is back."
    )


def unexpected_message() -> str:
    return tr("The hub gave an answer this version of Acuerdo does not understand.")
