"""The agent workspace window: top bar, call bar, screen pop and script, promise, wrap-up.

It only lays out the views and binds them to one `AgentSession`; every decision lives in the
session. Messages from the bridge show in the status bar (errors also in a dialog-free banner).
It must never call the sync client or the softphone directly.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.call_bar import CallBar
from desktop.agent.debtor_panel import DebtorPanel
from desktop.agent.promise_form import PromiseForm
from desktop.agent.script_panel import ScriptPanel
from desktop.agent.session import AgentSession
from desktop.agent.top_bar import TopBar, _restyle
from desktop.agent.wrapup_dialog import WrapUpDialog
from desktop.common import messages
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import HandoffOffer

MESSAGE_MS = {"info": 6000, "warning": 10000, "error": 15000}


class AgentWorkspace(QMainWindow):
    close_requested = Signal()

    def __init__(self, session: AgentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agentWorkspace")
        self.session = session
        self._may_close = False
        self.setWindowTitle(translate("Workspace", "Acuerdo — Agent workspace"))
        self.resize(1360, 860)

        self.top_bar = TopBar(session)
        self.call_bar = CallBar(session)
        self.debtor_panel = DebtorPanel(session.accounts, session.history, session.locale)
        self.script_panel = ScriptPanel(session.script)
        self.promise_form = PromiseForm(session.outbox, session.locale)
        self.wrapup = WrapUpDialog(self)
        self.banner = named(QLabel(), "banner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(self.banner.hide)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(10)
        right_layout.addWidget(self.script_panel, 3)
        right_layout.addWidget(self.promise_form, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.debtor_panel)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # Stretch factors only share out extra space; say the first split outright so
        # the debtor's accounts and history get the wider side.
        self.splitter.setSizes([560, 440])
        self.splitter.setChildrenCollapsible(False)

        body = named(QWidget(), "workspaceBody")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(12, 10, 12, 10)
        body_layout.addWidget(self.banner)
        body_layout.addWidget(self.splitter, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.call_bar)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)

        QShortcut(QKeySequence("F9"), self, session.toggle_ready)
        QShortcut(QKeySequence("Ctrl+P"), self, self.focus_promise)

        session.screen_popped.connect(self.show_offer)
        session.screen_cleared.connect(lambda: self.show_offer(None))
        session.script.promise_requested.connect(self.focus_promise)
        session.wrapup_started.connect(self.open_wrapup)
        self.promise_form.submitted.connect(session.record_promise)
        self.wrapup.submitted.connect(session.finish_wrapup)
        messages.bridge().posted.connect(self.show_message)
        self.show_offer(None)

    def show_offer(self, offer: HandoffOffer | None) -> None:
        if offer is None:
            self.debtor_panel.card.show_debtor(None, "")
            self.promise_form.set_accounts([])
            return
        self.debtor_panel.card.show_debtor(offer.debtor, offer.campaign)
        self.promise_form.set_accounts(list(offer.debtor.accounts))

    def focus_promise(self) -> None:
        if self.promise_form.isEnabled():
            self.promise_form.amount.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.promise_form.amount.selectAll()

    def open_wrapup(self, suggested: str | None) -> None:
        self.wrapup.prepare(suggested)
        self.wrapup.open()

    def show_message(self, level: str, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS.get(level, 6000))
        if level in ("warning", "error"):
            self.banner.setText(text)
            _restyle(self.banner, "level", level)
            self.banner.show()
            self._banner_timer.start(MESSAGE_MS[level])

    def allow_close(self) -> None:
        self._may_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            event.accept()
            return
        # The app decides when to quit: softphone and hub client must stop in order first.
        self.close_requested.emit()
        event.ignore()
