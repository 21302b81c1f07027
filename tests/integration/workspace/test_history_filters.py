"""The history filter bar against the real hub: the workspace refetches what the hub filters.

The agent toggles a channel and types a search; the table then holds exactly the events the
hub's database has for that debtor and filter, fetched through the real session and client.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.integration.workspace.conftest import Desk, until

pytestmark = [pytest.mark.sip]


@pytest.mark.asyncio
async def test_channel_and_search_filters_reload_from_the_hub(desk: Desk) -> None:
    ws = desk.workspace
    desk.session.go("ready")
    await desk.offer_call("preview")
    QTest.keyClick(ws, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # right party
    assert desk.session.offer is not None
    debtor = desk.session.offer.debtor.id
    panel = ws.debtor_panel
    model = desk.session.history
    busiest = desk.rows(
        "SELECT channel, COUNT(*) FROM history_events WHERE debtor_id = ? "
        "GROUP BY channel ORDER BY 2 DESC, 1 LIMIT 1",
        debtor,
    )
    channel = str(busiest[0][0])
    sms = desk.rows(
        "SELECT id FROM history_events WHERE debtor_id = ? AND channel = ? ORDER BY id DESC",
        debtor,
        channel,
    )
    assert sms
    panel.history_filter.channel_buttons[channel].click()  # type: ignore[index]
    assert await until(lambda: not model.loading and model.total == len(sms))
    shown = [model.event_at(r).id for r in range(model.rowCount())]
    assert shown == [r[0] for r in sms][: len(shown)] and shown
    # Search a word from the newest SMS, lower-cased: the hub matches it case-insensitively.
    word = max(model.event_at(0).summary.split(), key=len).lower()
    QTest.keyClicks(panel.history_filter.search, word)
    QTest.keyClick(panel.history_filter.search, Qt.Key.Key_Return)
    assert await until(lambda: not model.loading and model.query.text == word)
    found = {model.event_at(r).id for r in range(model.rowCount())}
    stored = desk.rows(
        "SELECT id, summary, detail FROM history_events WHERE debtor_id = ? AND channel = ?",
        debtor,
        channel,
    )
    in_summary = {r[0] for r in stored if word in str(r[1]).lower()}
    # The raw detail column is JSON text (maybe escaped): an upper bound, not the answer.
    anywhere = {r[0] for r in stored if word in f"{r[1]} {r[2]}".lower()}
    assert in_summary and in_summary <= found <= anywhere
    assert model.total == len(found)
    panel.history_view.selectRow(0)
    assert str(model.event_at(0).summary) in panel.history_details.text.toPlainText()
