"""The personal dashboard against the real hub: the agent's own figures, fresh after each
synced write, reachable from the keyboard, and honest about being offline.

The hub's own answer to `FetchKpis` is the reference the tiles are checked against; the call
that changes the figures is a real preview handoff closed with a promise and a wrap-up.
"""

from __future__ import annotations

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.agent.dashboard_model import tiles
from sync.protocol import FetchKpis, KpiData
from tests.integration.workspace.conftest import Desk, until

pytestmark = [pytest.mark.sip]


async def _hub_figures(desk: Desk) -> KpiData:
    reply = await desk.client.request(FetchKpis(scope="agent"))
    assert isinstance(reply, KpiData)
    return reply


def _shown(desk: Desk) -> dict[str, str]:
    return {key: tile.value.text() for key, tile in desk.workspace.dashboard.tiles.items()}


@pytest.mark.asyncio
async def test_between_calls_the_dashboard_shows_the_hubs_figures(desk: Desk) -> None:
    ws, model = desk.workspace, desk.session.kpis
    assert ws.left_tabs.currentWidget() is ws.dashboard  # nobody on the line: the agent's day
    assert await until(lambda: model.status == "fresh")
    hub = (await _hub_figures(desk)).kpis
    # Occupancy is busy time over signed-in time up to the moment asked: it moves between
    # the desk's fetch and this one, so it alone is compared loosely.
    shown_kpis = model.kpis
    assert shown_kpis is not None
    assert msgspec.structs.replace(shown_kpis, occupancy_pct=None) == msgspec.structs.replace(
        hub, occupancy_pct=None
    )
    assert (shown_kpis.occupancy_pct is None) == (hub.occupancy_pct is None)
    assert _shown(desk) == {t.key: t.value for t in tiles(hub, "en_US")}
    assert ws.dashboard.status.text().startswith("Updated ")
    policy = desk.session.rules.policy
    assert hub.goal_promises == policy.goal_promises > 0
    promises = ws.dashboard.tiles["promises"]
    assert promises.goal.text() == f"Goal {hub.goal_promises} · {hub.goal_promises} to go"
    assert promises.progress.isVisible() and promises.progress.value() == 0
    # The charts carry the same figures, and say them to a screen reader.
    assert ws.dashboard.contacts_chart.values("Contacts") == tuple(
        p.value for p in hub.contacts_by_hour
    )
    assert ws.dashboard.kept_chart.values("Promises kept") == tuple(
        p.value for p in hub.kept_rate_by_week
    )
    assert "Contacts:" in ws.dashboard.contacts_chart.accessibleDescription()


@pytest.mark.asyncio
async def test_a_synced_promise_and_wrap_up_update_the_figures(desk: Desk) -> None:
    ws, session, model = desk.workspace, desk.session, desk.session.kpis
    assert await until(lambda: model.status == "fresh")
    before = model.kpis
    assert before is not None
    session.go("ready")
    await desk.offer_call("preview")
    assert ws.left_tabs.currentWidget() is ws.debtor_scroll  # a call pops the debtor
    QTest.keyClick(ws, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    form = ws.promise_form
    keys: list[str] = []
    session.promise_saved.connect(lambda item: keys.append(item.key))
    form.confirm_to.setCurrentIndex(0)
    form.read_back_done.setChecked(True)
    form.save_button.click()
    assert await until(lambda: bool(keys) and session.outbox.state_of(keys[0]) == "synced")
    assert await until(
        lambda: model.kpis is not None and model.kpis.promises == before.promises + 1
    )
    ws.call_bar.hangup_button.click()
    assert await until(lambda: ws.wrapup.isVisible())
    ws.wrapup.choose("promise_to_pay")
    ws.wrapup.submit_button.click()
    assert await until(lambda: session.state == "ready")
    assert await until(
        lambda: model.kpis is not None and model.kpis.contacts == before.contacts + 1
    )
    assert ws.left_tabs.currentWidget() is ws.dashboard
    hub = (await _hub_figures(desk)).kpis
    # Occupancy is busy time over signed-in time up to the moment asked: it moves between
    # the desk's fetch and this one, so it alone is compared loosely.
    shown_kpis = model.kpis
    assert shown_kpis is not None
    assert msgspec.structs.replace(shown_kpis, occupancy_pct=None) == msgspec.structs.replace(
        hub, occupancy_pct=None
    )
    assert (shown_kpis.occupancy_pct is None) == (hub.occupancy_pct is None)
    assert _shown(desk)["promises"] == str(before.promises + 1)
    assert _shown(desk)["contacts"] == str(hub.contacts)
    assert ws.dashboard.tiles["promises"].progress.value() > 0
    (stored,) = desk.rows("SELECT COUNT(*) FROM promises WHERE key = ?", keys[0])[0]
    assert stored == 1


@pytest.mark.asyncio
async def test_the_dashboard_is_a_keystroke_away_during_a_call(desk: Desk) -> None:
    ws = desk.workspace
    desk.session.go("ready")
    await desk.offer_call("preview")
    assert ws.left_tabs.currentWidget() is ws.debtor_scroll
    QTest.keyClick(ws, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # "&My day"
    assert ws.left_tabs.currentWidget() is ws.dashboard
    QTest.keyClick(ws, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # "&Debtor"
    assert ws.left_tabs.currentWidget() is ws.debtor_scroll
    assert ws.dashboard.accessibleName() == "My day"
    for tile in ws.dashboard.tiles.values():
        assert tile.accessibleName() and tile.objectName() == "kpiTile"
    fetches = desk.session.kpis.fetches
    ws.dashboard.refresh_button.setFocus()
    QTest.keyClick(ws.dashboard.refresh_button, Qt.Key.Key_Space)
    assert await until(lambda: desk.session.kpis.fetches == fetches + 1)


@pytest.mark.asyncio
async def test_without_the_hub_the_last_figures_stay_marked_offline(desk: Desk) -> None:
    model, dashboard = desk.session.kpis, desk.workspace.dashboard
    assert await until(lambda: model.status == "fresh")
    shown = _shown(desk)
    await desk.hub.stop()
    assert await until(lambda: model.status == "offline")
    assert dashboard.status.text().startswith("Offline · figures from ")
    assert dashboard.status.property("state") == "offline"
    assert _shown(desk) == shown  # the morning's work does not vanish with the network
    dashboard.refresh_button.click()  # asking again offline is answered at once, not hung
    assert model.status == "offline"
