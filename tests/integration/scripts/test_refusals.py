"""Every way a publish can be refused reaches the team lead as a sentence, and nothing is lost.

The team lead's desk (`TeamLeadDesk`, the real editor) talks to a real hub through a real
`SyncClient`: a colleague's newer version gives a conflict that names it, a broken document
the editor would never send is still refused by the hub, an agent may not publish at all, and
with no hub the draft is kept on disk.
"""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from PySide6.QtWidgets import QApplication

from desktop.adapters.sync_signals import SyncSignals
from desktop.team_lead import HubScripts, ScriptRefused, TeamLeadDesk
from desktop.team_lead.hub_scripts import conflict_message, offline_message
from sync.client import LocalStore, SyncClient
from sync.hub.seed import DEMO_PASSWORD, bundled_script_documents
from sync.hub.server import Hub

from .conftest import until

SCRIPT = "early-stage-mx"
Connect = Callable[[str], Awaitable[SyncClient]]


@pytest_asyncio.fixture
async def connect(hub: Hub, tmp_path: Path) -> AsyncIterator[Connect]:
    opened: list[tuple[SyncClient, LocalStore]] = []

    async def sign_in(user: str) -> SyncClient:
        store = LocalStore(tmp_path / user / "desktop.sqlite")
        client = SyncClient(f"ws://127.0.0.1:{hub.port}", user, DEMO_PASSWORD, store, SyncSignals())
        opened.append((client, store))
        await client.start()
        assert await until(lambda: str(client.connection_state) == "online"), user
        return client

    try:
        yield sign_in
    finally:
        for client, store in opened:
            await client.stop()
            store.close()


def early_stage() -> dict[str, Any]:
    return copy.deepcopy(next(d for d in bundled_script_documents() if d["id"] == SCRIPT))


@pytest.mark.asyncio
async def test_a_colleagues_newer_version_is_a_conflict_that_names_it(
    connect: Connect, qapp: QApplication, tmp_path: Path
) -> None:
    mine = TeamLeadDesk((await connect("roberto")).request, "Roberto", tmp_path / "drafts")
    colleague = HubScripts((await connect("admin")).request)
    try:
        assert await mine.load(SCRIPT) == 1
        # Meanwhile an admin publishes version 2 from version 1.
        document = early_stage()
        document["title"] = "Revisado por otra persona"
        assert await colleague.publish(SCRIPT, 1, document) == 2

        editor = mine.editor
        assert await editor.publish() is None
        assert conflict_message(2) in editor.status.text()
        assert editor.published_version == 1  # still edited from version 1, nothing lost
        assert editor.save_draft() is not None

        # Opening the newest version and publishing again works.
        assert await mine.load(SCRIPT) == 2
        assert await editor.publish() == 3
    finally:
        mine.close()


@pytest.mark.asyncio
async def test_the_hub_refuses_a_broken_document_and_an_agent(connect: Connect) -> None:
    lead = HubScripts((await connect("roberto")).request)
    broken = early_stage()
    broken["nodes"]["purpose"]["next"] = "nowhere"
    with pytest.raises(ScriptRefused) as refused:
        await lead.publish(SCRIPT, 1, broken)
    assert refused.value.code == "invalid_script" and "nowhere" in str(refused.value)

    agent = HubScripts((await connect("ana")).request)
    with pytest.raises(ScriptRefused) as forbidden:
        await agent.publish(SCRIPT, 1, early_stage())
    assert forbidden.value.code == "forbidden" and "team-lead role" in str(forbidden.value)
    # Reading the catalog is fine for an agent.
    assert SCRIPT in {s.script_id for s in await agent.catalog()}


@pytest.mark.asyncio
async def test_without_a_hub_the_draft_stays_on_this_computer(
    hub: Hub, qapp: QApplication, tmp_path: Path
) -> None:
    store = LocalStore(tmp_path / "offline" / "desktop.sqlite")
    # Never started: every request is refused as offline, as with the network down.
    client = SyncClient(
        f"ws://127.0.0.1:{hub.port}", "roberto", DEMO_PASSWORD, store, SyncSignals()
    )
    desk = TeamLeadDesk(client.request, "Roberto", tmp_path / "drafts")
    try:
        desk.on_connection("offline")
        assert "offline" in desk.link.text()
        editor = desk.editor
        assert await desk.load(SCRIPT) is None
        assert editor.status.text() == offline_message()
        await desk.open_from_hub()
        assert desk.dialog is None and editor.status.text() == offline_message()

        editor.open_document(early_stage())
        assert await editor.publish() is None
        assert offline_message() in editor.status.text()
        saved = editor.save_draft()
        assert saved is not None and saved.name == f"{SCRIPT}.json" and saved.is_file()

        # Closing the window with unsaved work keeps it as the draft, and asks the app to quit.
        added = editor.add_node("say")
        quits: list[bool] = []
        desk.close_requested.connect(lambda: quits.append(True))
        editor.close()
        assert quits == [True]
        assert added in json.loads(saved.read_text(encoding="utf-8"))["nodes"]
    finally:
        desk.close()
        store.close()
