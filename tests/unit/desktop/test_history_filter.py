"""History filter bar, filtered refetch, conversation turns and the details pane.

Real widgets offscreen and real HistoryPage structs; the hub side of the filters is tested
in tests/integration/hub/test_history_filters.py.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.agent.accounts_model import AccountsModel
from desktop.agent.debtor_panel import DebtorPanel
from desktop.agent.history_details import HistoryDetails, event_lines
from desktop.agent.history_filter import HistoryFilterBar, HistoryQuery
from desktop.agent.history_model import HistoryModel, conversation_rows
from sync.protocol import FetchHistory, HistoryEvent, HistoryPage
from tests.unit.desktop.conftest import make_page

T0 = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.UTC)


def event(id_: int, channel: str, days: float, **detail: object) -> HistoryEvent:
    return HistoryEvent(
        id=id_,
        channel=channel,  # type: ignore[arg-type]
        occurred_at=T0 - dt.timedelta(days=days),
        summary=f"e{id_}",
        detail=detail,  # type: ignore[arg-type]
    )


def test_query_travels_as_fetch_history_filters() -> None:
    assert HistoryQuery().is_empty
    assert HistoryQuery().wire() == {"channels": None, "since": None, "until": None, "text": None}
    query = HistoryQuery(("sms", "email"), T0, T0 + dt.timedelta(days=1), "pago")
    msg = FetchHistory(debtor_id=7, **query.wire())
    assert msg.channels == ["sms", "email"] and msg.text == "pago" and msg.since == T0
    assert not query.is_empty


def test_the_bar_builds_the_query_from_toggles_dates_and_text(qtbot: QtBot) -> None:
    bar = HistoryFilterBar()
    qtbot.addWidget(bar)
    with qtbot.waitSignal(bar.query_changed) as sms:
        bar.channel_buttons["sms"].click()
    assert sms.args[0] == HistoryQuery(channels=("sms",))
    bar.until.setDate(QDate(2026, 11, 2))
    bar.since.setDate(QDate(2026, 11, 5))  # reversed on purpose: the bar puts them in order
    with qtbot.waitSignal(bar.query_changed) as dated:
        bar.dates.setChecked(True)
    query: HistoryQuery = dated.args[0]
    assert query.since is not None and query.until is not None
    assert query.since.date() == dt.date(2026, 11, 2)
    assert query.until.date() == dt.date(2026, 11, 6)  # the last day is included whole
    assert query.since.tzinfo is not None
    # Typing waits for a pause; one signal for the whole word.
    emitted: list[HistoryQuery] = []
    bar.query_changed.connect(emitted.append)
    for letter in "pago":
        QTest.keyClicks(bar.search, letter)
    assert emitted == []
    qtbot.waitUntil(lambda: len(emitted) == 1)
    assert emitted[0].text == "pago" and emitted[0].channels == ("sms",)
    bar.clear()
    assert bar.query() == HistoryQuery() and len(emitted) == 1  # clearing asks nothing


def test_a_new_filter_refetches_from_the_newest_page_and_drops_stale_pages(
    qtbot: QtBot,
) -> None:
    model = HistoryModel("en_US")
    model.reset(make_page(7, 200, 50, 150, 120))
    asked: list[tuple[int, int]] = []
    model.more_requested.connect(lambda debtor, before: asked.append((debtor, before)))
    old = model.query
    sms = HistoryQuery(channels=("sms",))
    model.apply_query(sms)
    assert asked == [(7, 0)] and model.rowCount() == 0 and model.total == 0
    model.apply_query(sms)  # the same filter again asks nothing
    assert asked == [(7, 0)]
    assert not model.append_page(make_page(7, 200, 50, 150, 120), old)  # typed on meanwhile
    page = HistoryPage(
        debtor_id=7, events=[event(9, "sms", 1), event(3, "sms", 2)], next_before_id=None, total=2
    )
    assert model.append_page(page, sms)
    assert model.rowCount() == 2 and model.total == 2
    assert not model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.debtor_changed):
        model.reset(make_page(8, 10, 10, None, 10))
    assert model.query.is_empty


def test_a_filter_before_any_debtor_only_remembers_itself(qtbot: QtBot) -> None:
    model = HistoryModel("en_US")
    asked: list[tuple[int, int]] = []
    model.more_requested.connect(lambda debtor, before: asked.append((debtor, before)))
    model.apply_query(HistoryQuery(text="x"))
    assert asked == [] and not model.canFetchMore(QModelIndex())


def test_conversation_turns_follow_the_thread_id_else_the_channel_within_two_days() -> None:
    threaded = [
        event(10, "whatsapp", 0, thread_id="t1"),
        event(9, "sms", 0.5, thread_id="t1"),  # another channel, same conversation
        event(8, "whatsapp", 1, thread_id="t2"),
        event(7, "whatsapp", 30, thread_id="t1"),
        event(6, "call", 0),
    ]
    assert conversation_rows(threaded, 0) == {1, 3}
    plain = [
        event(5, "email", 0),
        event(4, "email", 1.5),
        event(3, "sms", 0.5),
        event(2, "email", 2.5),
        event(1, "email", 3),
    ]
    assert conversation_rows(plain, 1) == {0, 3, 4}
    assert conversation_rows(plain, 0) == {1}
    assert conversation_rows(threaded, 4) == set()  # a call is not a conversation thread


def test_selecting_an_event_fills_the_details_and_highlights_its_turns(qtbot: QtBot) -> None:
    model = HistoryModel("en_US")
    panel = DebtorPanel(AccountsModel("en_US"), model, "en_US")
    qtbot.addWidget(panel)
    events = [
        event(3, "sms", 0, text="<b>Hola</b>", delivered=True),
        event(2, "sms", 1, text="Segundo"),
        event(1, "payment", 1, amount_cents=150_000, method="OXXO"),
    ]
    model.reset(HistoryPage(debtor_id=7, events=events, next_before_id=None, total=3))
    panel.history_view.selectRow(0)
    shown = panel.history_details.text.toPlainText()
    assert "<b>Hola</b>" in shown and "Delivered: yes" in shown
    assert "1 other turns" in shown
    background = model.data(model.index(1, 2), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QColor)
    assert model.data(model.index(2, 2), Qt.ItemDataRole.BackgroundRole) is None
    panel.history_view.selectRow(2)
    assert model.data(model.index(1, 2), Qt.ItemDataRole.BackgroundRole) is None
    assert "$1,500.00" in panel.history_details.text.toPlainText()
    model.reset(None)
    assert panel.history_details.text.toPlainText() == ""


def test_every_detail_field_is_listed_even_unknown_ones(qtbot: QtBot) -> None:
    lines = dict(
        event_lines(
            event(1, "promise", 0, due_date="2026-12-01", outcome="kept", campaign_x="A&B"),
            "en_US",
        )
    )
    assert lines["Outcome"] == "kept" and lines["campaign_x"] == "A&B"
    assert "2026" in lines["Due date"] and lines["Channel"] == "Promise"
    broken = dict(event_lines(event(2, "promise", 0, due_date="soon"), "en_US"))
    assert broken["Due date"] == "soon"
    details = HistoryDetails("en_US")
    qtbot.addWidget(details)
    details.show_event(event(3, "note", 0, text="<i>nota</i>"))
    assert "<i>nota</i>" in details.text.toPlainText()
