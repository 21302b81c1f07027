"""The history model pages lazily with real HistoryPage structs, newest first, no duplicates."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.agent.history_model import HistoryModel
from tests.unit.desktop.conftest import make_page


def test_first_page_shows_newest_first_and_offers_more(qtbot: QtBot) -> None:
    model = HistoryModel("en_US")
    model.reset(make_page(7, 200, 50, 150, 120))
    assert model.rowCount() == 50
    assert model.data(model.index(0, 2)) == "event 200"
    assert model.data(model.index(0, 0)) == "Call"
    assert model.canFetchMore(QModelIndex())


def test_fetch_more_asks_once_and_appends_the_older_page(qtbot: QtBot) -> None:
    model = HistoryModel("en_US")
    model.reset(make_page(7, 200, 50, 150, 120))
    asked: list[tuple[int, int]] = []
    model.more_requested.connect(lambda debtor, before: asked.append((debtor, before)))
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # still loading: must not ask twice
    assert asked == [(7, 150)]
    assert not model.canFetchMore(QModelIndex())
    assert model.append_page(make_page(7, 150, 50, 100, 120))
    assert model.rowCount() == 100
    assert model.data(model.index(50, 2)) == "event 150"
    assert model.canFetchMore(QModelIndex())


def test_exhausted_history_stops_asking(qtbot: QtBot) -> None:
    model = HistoryModel("en_US")
    model.reset(make_page(7, 20, 20, 0, 40))
    model.fetchMore(QModelIndex())
    assert model.append_page(make_page(7, 0, 20, None, 40))
    assert not model.canFetchMore(QModelIndex())


def test_a_page_for_another_debtor_or_unasked_is_ignored(qtbot: QtBot) -> None:
    model = HistoryModel("en_US")
    model.reset(make_page(7, 200, 50, 150, 120))
    assert not model.append_page(make_page(7, 150, 50, 100, 120))  # nobody asked
    model.fetchMore(QModelIndex())
    assert not model.append_page(make_page(8, 150, 50, 100, 120))  # another debtor
    assert model.rowCount() == 50


def test_overlapping_pages_do_not_duplicate_events(qtbot: QtBot) -> None:
    model = HistoryModel("en_US")
    model.reset(make_page(7, 200, 50, 150, 120))
    model.fetchMore(QModelIndex())
    model.append_page(make_page(7, 160, 50, 110, 120))  # ids 160..151 already shown
    ids = [
        model.data(model.index(r, 0), HistoryModel.EventRole).id for r in range(model.rowCount())
    ]
    assert len(ids) == len(set(ids)) == 90


def test_failed_fetch_can_be_retried(qtbot: QtBot) -> None:
    model = HistoryModel("en_US")
    model.reset(make_page(7, 200, 50, 150, 120))
    model.fetchMore(QModelIndex())
    model.page_failed()
    assert model.canFetchMore(QModelIndex())


def test_the_view_pulls_older_pages_when_scrolled_to_the_end(qtbot: QtBot) -> None:
    model = HistoryModel("en_US")
    pages = {150: make_page(7, 150, 50, 100, 150), 100: make_page(7, 100, 50, None, 150)}
    model.more_requested.connect(lambda _debtor, before: model.append_page(pages[before]))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(500, 300)
    model.reset(make_page(7, 200, 50, 150, 150))
    with qtbot.waitExposed(view):
        view.show()
    for _ in range(3):
        view.scrollToBottom()
        qtbot.wait(20)
    qtbot.waitUntil(lambda: model.rowCount() == 150)
    assert not model.canFetchMore(QModelIndex())


def test_summary_is_data_not_markup(qtbot: QtBot) -> None:
    model = HistoryModel("en_US")
    page = make_page(7, 10, 1, None, 1)
    page.events[0].summary = "<b>markup</b>"
    model.reset(page)
    assert model.data(model.index(0, 2), Qt.ItemDataRole.DisplayRole) == "<b>markup</b>"
