"""The supervisor's floor against a real hub: real agents change state and the rows follow."""

from __future__ import annotations

import pytest

from desktop.supervisor.floor_model import COL
from sync.protocol import RaiseHelp, ReportCallStatus

from .conftest import Floor, until


@pytest.mark.asyncio
async def test_the_floor_shows_every_agent_and_follows_their_states(floor: Floor) -> None:
    model, view = floor.desk.model, floor.desk.floor
    assert {"ana", "luis", "sofia", "diego"} <= {e.agent for e in model.entries()}
    assert all(e.state == "logged_out" for e in model.entries())
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))

    ana, _ = await floor.sign_in("ana")
    luis, _ = await floor.sign_in("luis")
    await ana.set_state("ready", sip_uri="sip:ana@127.0.0.1:5099")
    await luis.set_state("not_ready", pause_code="break")
    await floor.wait_row("ana", lambda e: e.state == "ready")
    luis_row = await floor.wait_row("luis", lambda e: e.state == "not_ready")
    assert luis_row.pause_code == "break"
    assert resets == []  # deltas, never a reset

    view.state.setCurrentIndex(view.state.findData("ready"))
    assert view.proxy.agent_at(0) == "ana" and view.proxy.rowCount() == 1
    row = view.proxy.row_of("ana")
    assert str(view.proxy.index(row, COL["state"]).data()).startswith("Ready · 00:0")
    view.state.setCurrentIndex(0)

    await ana.request(RaiseHelp(message="Cliente pide quita del 50 %"))
    await ana.request(ReportCallStatus(handoff_id=None, mos=None, script_node="greeting"))
    await floor.wait_row("ana", lambda e: e.help_message is not None)
    assert floor.desk.model.attention_of("ana") == ("help",)
    view.attention.setChecked(True)
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, COL["attention"]).data() == "Help: Cliente pide quita del 50 %"
    assert await until(lambda: floor.desk.window.kpis.tiles["occupancy"].value.text() != "—")


@pytest.mark.asyncio
async def test_a_reconnect_brings_a_fresh_snapshot(floor: Floor) -> None:
    ana, _ = await floor.sign_in("ana")
    await ana.set_state("ready", sip_uri="sip:ana@127.0.0.1:5099")
    await floor.wait_row("ana", lambda e: e.state == "ready")
    floor.desk.subscribed.clear()
    await floor.client.stop()
    await ana.set_state("not_ready", pause_code="lunch")
    await floor.client.start()
    assert await until(lambda: floor.desk.subscribed.is_set())
    await floor.wait_row("ana", lambda e: e.state == "not_ready" and e.pause_code == "lunch")
