"""The screen pop's accounts table shows each account's open promise, in both languages, and
the history's details pane offers a call's recording to open or copy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.agent.accounts_model import COLUMNS, AccountsModel
from desktop.agent.debtor_panel import DebtorPanel
from desktop.agent.history_details import HistoryDetails, recording_url
from desktop.agent.history_model import HistoryModel
from desktop.common.i18n import install_translator
from desktop.common.theme import STATUS, apply_theme
from sync.protocol import AccountPromise, HistoryEvent

from .conftest import make_account

PROMISE = COLUMNS.index("promise")
PROMISED_AT = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


def _promise(state: str, instalments: int = 0) -> AccountPromise:
    return AccountPromise(
        amount_cents=120_000,
        due_date=dt.date(2026, 11, 26),
        state=state,  # type: ignore[arg-type]
        promised_at=PROMISED_AT,
        instalments=instalments,
    )


def _model(locale: str = "en_US") -> AccountsModel:
    model = AccountsModel(locale)
    model.reset(
        [
            make_account(id=1, open_promise=_promise("pending")),
            make_account(id=2, open_promise=_promise("kept", instalments=3)),
            make_account(id=3, open_promise=_promise("broken")),
            make_account(id=4),
        ]
    )
    return model


def _text(model: AccountsModel, row: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return model.data(model.index(row, PROMISE), role)


def test_each_account_shows_its_open_promise_in_words(qtbot: QtBot) -> None:
    model = _model()
    header = model.headerData(PROMISE, Qt.Orientation.Horizontal)
    assert header == "Open promise"
    assert _text(model, 0) == "MX$1,200.00 due Nov 26, 2026 · pending"
    assert _text(model, 1) == "MX$1,200.00 due Nov 26, 2026 · kept · 3 instalments"
    assert _text(model, 2) == "MX$1,200.00 due Nov 26, 2026 · broken"
    assert _text(model, 3) == "—"
    assert _text(model, 3, Qt.ItemDataRole.ForegroundRole) is None
    assert "2026" in str(_text(model, 0, Qt.ItemDataRole.ToolTipRole))


@pytest.fixture
def light() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    yield app
    apply_theme(app, "light")


def test_the_state_is_inked_by_the_looks_status_colours(qtbot: QtBot, light: QApplication) -> None:
    model = _model()
    inks = [_text(model, row, Qt.ItemDataRole.ForegroundRole) for row in range(3)]
    assert all(isinstance(ink, QColor) for ink in inks)
    names = [ink.name() for ink in inks if isinstance(ink, QColor)]
    assert names == [STATUS["light"]["info"], STATUS["light"]["good"], STATUS["light"]["bad"]]
    with qtbot.waitSignal(model.dataChanged) as changed:
        apply_theme(light, "dark")
    assert changed.args is not None and changed.args[0].column() == PROMISE
    dark = _text(model, 2, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(dark, QColor) and dark.name() == STATUS["dark"]["bad"]


def test_the_promise_reads_in_spanish(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    translator = install_translator(app, "es_MX")
    try:
        model = _model("es_MX")
        assert model.headerData(PROMISE, Qt.Orientation.Horizontal) == "Promesa de pago"
        pending, plan = str(_text(model, 0)), str(_text(model, 1))
    finally:
        QCoreApplication.removeTranslator(translator)
    assert pending.startswith("$1,200.00") and "26 nov 2026" in pending
    assert pending.endswith("· pendiente")
    assert plan.endswith("· cumplida · 3 pagos")


def test_the_accounts_view_shows_the_promise_column(qtbot: QtBot) -> None:
    model = _model()
    panel = DebtorPanel(model, HistoryModel("en_US"), "en_US")
    qtbot.addWidget(panel)
    panel.show()
    assert panel.accounts_view.model() is model
    assert not panel.accounts_view.isColumnHidden(PROMISE)
    assert panel.accounts_view.columnWidth(PROMISE) > 0


def _call(**detail: object) -> HistoryEvent:
    return HistoryEvent(
        id=77,
        channel="call",
        occurred_at=PROMISED_AT,
        direction="out",
        account_id=1,
        summary="Contacto con el titular",
        detail={"disposition": "right_party", "duration_s": 300, **detail},  # type: ignore[dict-item]
    )


class _Opener(QObject):
    """Stands where the system's browser would: Qt hands it the address to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def test_a_calls_recording_opens_or_is_copied(qtbot: QtBot) -> None:
    details = HistoryDetails("en_US")
    qtbot.addWidget(details)
    details.show()
    link = "https://recordings.example.invalid/77.wav"
    details.show_event(_call(recording=link))
    assert f"Recording: {link}" in details.text.toPlainText()
    assert details.recording_bar.isVisible()
    assert details.open_recording.accessibleName() == "Open recording"
    opener = _Opener()
    QDesktopServices.setUrlHandler("https", opener, "open")
    try:
        qtbot.mouseClick(details.open_recording, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert [u.toString() for u in opener.opened] == [link]
    qtbot.mouseClick(details.copy_recording, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == link
    details.show_event(_call())
    assert not details.recording_bar.isVisible()


def test_only_web_addresses_are_offered_for_opening(qtbot: QtBot) -> None:
    assert recording_url(_call(recording="file:///etc/passwd")) is None
    assert recording_url(_call(recording="javascript:alert(1)")) is None
    assert recording_url(_call(recording="not a url")) is None
    assert recording_url(_call(recording=5)) is None
    assert recording_url(None) is None
    details = HistoryDetails("en_US")
    qtbot.addWidget(details)
    details.show()
    details.show_event(_call(recording="file:///etc/passwd"))
    assert not details.recording_bar.isVisible()
    # Shown as plain text still: the agent sees what the hub sent.
    assert "file:///etc/passwd" in details.text.toPlainText()
