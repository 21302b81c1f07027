"""Script publishing over real websockets: validation, conflicts, versions and live updates."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from sync.hub.seed import bundled_script_documents
from sync.hub.server import Hub
from sync.protocol import (
    AgentAvailability,
    Error,
    FetchScript,
    HandoffOffer,
    ListScripts,
    PublishScript,
    ScriptCatalog,
    ScriptData,
    ScriptPublished,
    ScriptUpdated,
    SetAgentState,
)

from .conftest import connect_peer, rows
from .test_call_flow import hand_off, ready_agent_and_dialer

SCRIPT = "early-stage-mx"


def early_stage() -> dict[str, Any]:
    return copy.deepcopy(next(d for d in bundled_script_documents() if d["id"] == SCRIPT))


@pytest.mark.asyncio
async def test_publish_bumps_the_version_and_tells_logged_in_agents(
    hub: Hub, database_url: str
) -> None:
    agent, dialer = await ready_agent_and_dialer(hub)
    lead, _ = await connect_peer(hub, "roberto")
    async with agent, dialer, lead:
        before = await hand_off(dialer, ref="before")
        old_offer = await agent.receive_type(HandoffOffer)
        assert old_offer.handoff_id == before.handoff_id and old_offer.script_version == 1

        document = early_stage()
        document["title"] = "Recordatorio amable (revisado)"
        published = await lead.request(
            PublishScript(script_id=SCRIPT, base_version=1, document=document, ref="pub")
        )
        assert isinstance(published, ScriptPublished) and published.version == 2
        updated = await agent.receive_type(ScriptUpdated)
        assert (updated.script_id, updated.version) == (SCRIPT, 2)

        # The offer made before keeps its version; the next handoff gets the new one.
        fetched = await agent.request(FetchScript(script_id=SCRIPT, version=1, ref="v1"))
        assert isinstance(fetched, ScriptData) and fetched.document["title"] != document["title"]
        await agent.send(SetAgentState(state="ready"))
        while (await dialer.receive_type(AgentAvailability)).state != "ready":
            pass
        await hand_off(dialer, ref="after")
        new_offer = await agent.receive_type(HandoffOffer)
        assert (new_offer.script_id, new_offer.script_version) == (SCRIPT, 2)
        newest = await agent.request(FetchScript(script_id=SCRIPT, ref="v2"))
        assert isinstance(newest, ScriptData) and newest.version == 2
        assert newest.document["title"] == document["title"] and newest.document["version"] == 2

        catalog = await agent.request(ListScripts(ref="list"))
        assert isinstance(catalog, ScriptCatalog)
        versions = {s.script_id: s.version for s in catalog.scripts}
        assert versions[SCRIPT] == 2 and len(versions) == len(bundled_script_documents())
        titles = {s.script_id: s.title for s in catalog.scripts}
        assert titles[SCRIPT] == document["title"]

    audited = rows(
        database_url, "SELECT action, target FROM audit_log WHERE action = ?", "script.publish"
    )
    assert audited == [("script.publish", f"script:{SCRIPT}:2")]


@pytest.mark.asyncio
async def test_publish_refusals_leave_the_catalog_unchanged(hub: Hub, database_url: str) -> None:
    lead, _ = await connect_peer(hub, "roberto")
    agent, _ = await connect_peer(hub, "ana")
    async with lead, agent:
        stale = await lead.request(
            PublishScript(script_id=SCRIPT, base_version=None, document=early_stage(), ref="s")
        )
        assert isinstance(stale, Error) and stale.code == "version_conflict"

        broken = early_stage()
        broken["start"] = "no-such-node"
        invalid = await lead.request(
            PublishScript(script_id=SCRIPT, base_version=1, document=broken, ref="b")
        )
        assert isinstance(invalid, Error) and invalid.code == "invalid_script"
        assert "no-such-node" in invalid.reason

        mismatched = await lead.request(
            PublishScript(script_id="other", base_version=None, document=early_stage(), ref="m")
        )
        assert isinstance(mismatched, Error) and mismatched.code == "invalid_script"

        not_a_script = await lead.request(
            PublishScript(script_id="x", base_version=None, document={"id": "x"}, ref="n")
        )
        assert isinstance(not_a_script, Error) and not_a_script.code == "invalid_script"

        forbidden = await agent.request(
            PublishScript(script_id=SCRIPT, base_version=1, document=early_stage(), ref="f")
        )
        assert isinstance(forbidden, Error) and forbidden.code == "forbidden"

        # A brand-new script starts at version 1.
        fresh = early_stage()
        fresh["id"] = "early-stage-mx-b"
        created = await lead.request(
            PublishScript(script_id="early-stage-mx-b", base_version=None, document=fresh, ref="c")
        )
        assert isinstance(created, ScriptPublished) and created.version == 1

    stored = rows(database_url, "SELECT version FROM scripts WHERE script_id = ?", SCRIPT)
    assert stored == [(1,)]
    assert json.dumps(fresh)  # the document was JSON-serialisable as sent
