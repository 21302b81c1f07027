"""The agent's "supervisor on the line" banner: what it says for each mode, when it stays
hidden, that it is plain text, and that it follows the phone's MonitorInfo through the
adapter's `monitor_changed` signal (and speaks Spanish with the catalogue)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.adapters.phone_signals import PhoneSignals
from desktop.agent.monitor_notice import MonitorNotice, notice_text
from desktop.common.i18n import install_translator
from softphone.model import MonitorInfo, MonitorMode


def _info(
    mode: MonitorMode | None, notify: bool = False, leg: int = 5, name: str = "Carmen"
) -> MonitorInfo:
    return MonitorInfo(leg, 0, name, mode, notify)


def test_each_mode_reads_as_what_the_agent_should_know() -> None:
    assert notice_text(_info("coach")) == "Carmen is coaching you: only you hear them"
    assert notice_text(_info("join")) == "Carmen has joined the call: the customer hears them too"
    assert notice_text(_info("listen", notify=True)) == "Carmen is listening to this call"
    assert notice_text(_info("listen", notify=False)) is None  # the centre keeps it silent
    assert notice_text(_info(None)) is None
    assert (
        notice_text(_info("coach", name=" ")) == "A supervisor is coaching you: only you hear them"
    )
    supervisor_side = MonitorInfo(5, None, "Carmen", "listen", True)
    assert notice_text(supervisor_side) is None


def test_the_banner_follows_the_phone_and_hides_when_the_leg_ends(qtbot: QtBot) -> None:
    signals = PhoneSignals()
    notice = MonitorNotice()
    qtbot.addWidget(notice)
    signals.monitor_changed.connect(notice.show_monitor)
    notice.show()
    notice.hide()
    assert notice.objectName() == "monitorNotice"
    assert notice.accessibleName() == "Supervisor on the line"
    assert notice.text.textFormat() == Qt.TextFormat.PlainText
    assert notice.focusPolicy() == Qt.FocusPolicy.NoFocus

    signals.on_monitor(_info("listen"))
    assert notice.isHidden()
    signals.on_monitor(_info("coach"))
    assert not notice.isHidden()
    assert notice.text.text() == "Carmen is coaching you: only you hear them"
    assert notice.accessibleDescription() == notice.text.text()
    signals.on_monitor(_info("join"))
    assert notice.text.text() == "Carmen has joined the call: the customer hears them too"
    signals.on_monitor(_info(None))
    assert notice.isHidden()
    assert notice.text.text() == ""


def test_a_name_with_markup_stays_text_and_two_supervisors_both_show(qtbot: QtBot) -> None:
    notice = MonitorNotice()
    qtbot.addWidget(notice)
    notice.show_monitor(_info("coach", name="<b>Eve</b>", leg=1))
    notice.show_monitor(_info("listen", notify=True, name="Luis", leg=2))
    assert notice.text.text().splitlines() == [
        "<b>Eve</b> is coaching you: only you hear them",
        "Luis is listening to this call",
    ]
    notice.show_monitor(_info(None, leg=1))
    assert notice.text.text() == "Luis is listening to this call"
    notice.clear()
    assert notice.isHidden()


def test_the_banner_speaks_spanish_with_the_catalogue(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_translator(app, "es_MX")
    assert translator is not None
    try:
        notice = MonitorNotice()
        qtbot.addWidget(notice)
        assert notice.accessibleName() == "Supervisor en la línea"
        notice.show_monitor(_info("coach"))
        assert notice.text.text() == "Carmen te está orientando: solo tú escuchas su voz"
        assert notice_text(_info("join")) == (
            "Carmen se unió a la llamada: el cliente también escucha su voz"
        )
        assert notice_text(_info("listen", True)) == "Carmen está escuchando esta llamada"
        assert notice_text(_info("coach", name="")) == (
            "Un supervisor te está orientando: solo tú escuchas su voz"
        )
    finally:
        QCoreApplication.removeTranslator(translator)
