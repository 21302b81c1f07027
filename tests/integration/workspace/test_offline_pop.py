"""Offline: the hub goes away and the agent still opens a callback's debtor from the desk's cache,
told that the data is saved, not live — then calls them through the trunk and wraps up locally.

Real hub (stopped mid-test), real desk, the dialer simulator as the trunk. The callback is set
the way an agent sets one: in the wrap-up of an earlier call with that debtor, which is also
what put the debtor in the desk's cache.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sync.protocol import CreateHandoff, HandoffCreated
from tests.integration.workspace.conftest import (
    AGENT,
    Desk,
    dialable_debtor,
    midday_in,
    trunk,
    until,
)

pytestmark = [pytest.mark.sip, pytest.mark.usefixtures("trunk_port")]


@pytest.mark.asyncio
async def test_offline_the_callback_pops_from_the_cache_with_a_saved_data_note(
    desk: Desk, trunk_port: int
) -> None:
    ws, session, dialing = desk.workspace, desk.session, desk.workspace.dialing
    debtor_id, _phone = dialable_debtor(desk.db_path)
    zone = desk.rows("SELECT timezone FROM debtors WHERE id = ?", debtor_id)[0][0]

    # An earlier preview of this debtor, wrapped up with "call back, for me, in an hour".
    session.go("ready")
    assert await until(lambda: session.state == "ready")
    await until(lambda: False, 0.1)  # let the hub store the ready state
    created = await desk.dialer.request(
        CreateHandoff(
            agent=AGENT, campaign="temprana", mode="preview", debtor_id=debtor_id, ref="h"
        )
    )
    assert isinstance(created, HandoffCreated), created
    assert await until(lambda: session.offer is not None), "no screen pop"
    session.ready_after_wrapup = False
    ws.call_bar.hangup_button.click()  # the debtor was not called: straight to wrap-up
    assert await until(lambda: session.state == "wrap_up")
    due = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    picker = ws.wrapup.callback
    picker.wanted.setChecked(True)
    picker.set_due(due)
    picker.for_me.setChecked(True)
    ws.wrapup.choose("callback")
    ws.wrapup.submit_button.click()
    model = dialing.agenda.model
    assert await until(lambda: any(i.debtor_id == debtor_id for i in model.items)), (
        "the callback never reached the list"
    )
    callback_id = next(i.id for i in model.items if i.debtor_id == debtor_id)
    assert session.offer is None

    dialing.own_calls.clock = midday_in(zone)
    async with trunk(desk.hub, trunk_port):
        await desk.hub.stop()
        assert await until(lambda: session.connection != "online"), "still online"
        dialing.callbacks_panel.select(callback_id)
        dialing.callbacks_panel.dial_button.click()
        assert await until(lambda: session.offer is not None), "nothing popped offline"
        assert session.offer is not None and session.offer.debtor.id == debtor_id
        note = dialing.offline_note
        assert note.isVisible()
        assert note.text().startswith("Offline — showing saved data from ")
        assert ws.debtor_panel.card.isVisible()
        assert session.accounts.rowCount() > 0  # the cached record, accounts included
        # The trunk does not need the hub: the call goes through and is wrapped up locally.
        assert await until(
            lambda: session.call is not None and session.call.state == "confirmed", 15
        ), "the trunk never answered"
        ws.call_bar.hangup_button.click()
        assert await until(lambda: session.state == "wrap_up")
        ws.wrapup.choose("promise_to_pay")
        ws.wrapup.submit_button.click()
        assert await until(lambda: session.offer is None)
        assert not note.isVisible()  # the next screen is live again, or empty
        assert desk.client.pending_count() >= 1  # the wrap-up waits in the outbox
