"""Agent workflows against the real hub: campaign rules, pause codes, verification, wrap-up.

Each test drives the production workspace the way a negotiator would (buttons, menus, keys)
and checks what the hub stored, not only what the screen shows.
"""

from __future__ import annotations

import json

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.agent.campaign_rules import CampaignRules
from tests.integration.workspace.conftest import Desk, until

pytestmark = [pytest.mark.sip]


@pytest.mark.asyncio
async def test_pause_codes_come_from_the_hub_and_set_not_ready_with_a_reason(desk: Desk) -> None:
    top = desk.workspace.top_bar
    codes = [a.data() for a in top.pause_menu.actions()]
    assert codes == ["break", "lunch", "training", "coaching", "meeting", "technical"]
    lunch = next(a for a in top.pause_menu.actions() if a.data() == "lunch")
    lunch.trigger()
    assert desk.session.state == "not_ready" and desk.session.pause_code == "lunch"
    assert top.state.text() == "Not ready · Lunch"
    assert "of 60 min" in top.state_clock.text()
    assert await until(lambda: _presence(desk) == "not_ready")
    # F9 (ready) from the keyboard, as the agent would after lunch.
    QTest.keyClick(desk.workspace, Qt.Key.Key_F9)
    assert await until(lambda: desk.session.state == "ready")
    assert desk.session.pause_code is None
    assert await until(lambda: _presence(desk) == "ready")


def _presence(desk: Desk) -> str | None:
    rows = desk.rows(
        "SELECT p.state FROM agent_presence p JOIN users u ON u.id = p.user_id "
        "WHERE u.username = 'ana'"
    )
    return str(rows[0][0]) if rows else None


@pytest.mark.asyncio
async def test_debt_stays_hidden_until_the_right_party_is_confirmed(desk: Desk) -> None:
    ws = desk.workspace
    desk.session.go("ready")
    await desk.offer_call("preview")
    panel = ws.debtor_panel
    assert panel.accounts_view.isHidden() and not panel.details_hidden.isHidden()
    assert panel.history_view.isHidden()  # past calls and messages talk about the debt
    assert ws.promise_form.isHidden()  # its account list shows balances
    assert ws.verification.confirm_button.isVisible()
    QTest.keyClick(ws, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert desk.session.right_party == "verified"
    assert not panel.accounts_view.isHidden() and panel.details_hidden.isHidden()
    assert not panel.history_view.isHidden()
    assert not ws.promise_form.isHidden() and ws.promise_form.isEnabled()
    assert not ws.verification.confirm_button.isVisible()


@pytest.mark.asyncio
async def test_refused_identity_is_recorded_with_the_wrap_up(desk: Desk) -> None:
    ws = desk.workspace
    desk.session.go("ready")
    created = await desk.offer_call("preview")
    ws.verification.refuse_button.click()
    assert desk.session.right_party == "refused"
    assert ws.debtor_panel.accounts_view.isHidden()  # still nothing about the debt
    ws.call_bar.hangup_button.click()  # preview with no call: the handoff ends
    assert await until(lambda: ws.wrapup.isVisible())
    assert ws.wrapup.selected() == "not_verified"
    ws.wrapup.submit_button.click()
    assert await until(lambda: desk.session.state == "ready")
    assert await until(lambda: _call_detail(desk, created.debtor_id) is not None)
    detail = _call_detail(desk, created.debtor_id)
    assert detail is not None
    assert detail["disposition"] == "not_verified" and detail["right_party"] == "refused"


def _call_detail(desk: Desk, debtor_id: int) -> dict[str, object] | None:
    rows = desk.rows(
        "SELECT detail FROM history_events WHERE debtor_id=? AND channel='call' "
        "AND summary LIKE 'Llamada cerrada%' ORDER BY id DESC LIMIT 1",
        debtor_id,
    )
    return json.loads(rows[0][0]) if rows else None


@pytest.mark.asyncio
async def test_wrap_up_limit_submits_and_goes_ready_on_its_own(desk: Desk) -> None:
    ws, session = desk.workspace, desk.session
    # The campaign's limit, shortened so the test does not wait a minute.
    session.rules = CampaignRules(msgspec.structs.replace(session.rules.policy, wrapup_limit_s=1))
    session.go("ready")
    created = await desk.offer_call("preview")
    ws.verification.confirm_button.click()
    ws.call_bar.hangup_button.click()
    assert await until(lambda: ws.wrapup.isVisible())
    assert session.state == "wrap_up"
    assert "Ready again automatically" in ws.wrapup.countdown.text()
    ws.wrapup.group.setExclusive(False)
    for radio in ws.wrapup.radios.values():
        radio.setChecked(False)  # the agent chose nothing
    assert await until(lambda: session.state == "ready", timeout_s=6)
    assert not ws.wrapup.isVisible()
    assert await until(lambda: _call_detail(desk, created.debtor_id) is not None)
    detail = _call_detail(desk, created.debtor_id)
    assert detail is not None
    assert detail["disposition"] == "wrapup_expired" and detail["right_party"] == "verified"


@pytest.mark.asyncio
async def test_compliance_banner_shows_window_and_recent_contacts(desk: Desk) -> None:
    ws = desk.workspace
    desk.session.go("ready")
    await desk.offer_call("preview")
    banner = ws.compliance
    assert not banner.isHidden()
    assert "08:00–21:00" in banner.window_label.text()
    assert banner.window_label.property("level") in ("ok", "stop")
    assert banner.contacts_label.text().startswith("Contacts in the last 7 days:")
