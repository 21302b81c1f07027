"""The agent workspace window: top bar, call bar, screen pop and script, promise, wrap-up.

It only lays out the views and binds them to one `AgentSession`; every decision lives in the
session. Messages from the bridge show in the status bar (errors also in a dialog-free banner).
It must never call the sync client or the softphone directly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.call_bar import CallBar
from desktop.agent.campaign_rules import CampaignRules
from desktop.agent.dashboard import Dashboard
from desktop.agent.debtor_panel import DebtorPanel
from desktop.agent.dialing_view import DialingFeatures
from desktop.agent.monitor_notice import MonitorNotice
from desktop.agent.order_notice import OrderNotice
from desktop.agent.promise_form import PromiseForm
from desktop.agent.script_panel import ScriptPanel
from desktop.agent.session import AgentSession
from desktop.agent.shortcuts import ShortcutMap
from desktop.agent.shortcuts_dialog import ShortcutsDialog
from desktop.agent.top_bar import TopBar, _restyle
from desktop.agent.tray import CallAlert
from desktop.agent.verification_bar import ComplianceBanner, VerificationBar
from desktop.agent.wrapup_dialog import WrapUpDialog
from desktop.common import messages
from desktop.common.i18n import translate
from desktop.common.preferences import workspace_settings
from desktop.common.widgets import named
from desktop.settings import window as settings_window
from sync.protocol import HandoffOffer

MESSAGE_MS = {"info": 6000, "warning": 10000, "error": 15000}


class AgentWorkspace(QMainWindow):
    close_requested = Signal()
    sign_out_requested = Signal()

    def __init__(
        self,
        session: AgentSession,
        parent: QWidget | None = None,
        shortcuts: ShortcutMap | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agentWorkspace")
        self.session = session
        self.shortcuts = shortcuts or ShortcutMap.from_settings(workspace_settings())
        self._may_close = False
        self.setWindowTitle(translate("Workspace", "Acuerdo — Agent workspace"))
        self.resize(1360, 860)

        self.top_bar = TopBar(session)
        self.call_bar = CallBar(session, self.shortcuts)
        self.verification = VerificationBar(self.shortcuts.native("verify"))
        self.verification.answered.connect(session.verify_identity)
        self.compliance = ComplianceBanner()
        self.alert = CallAlert(self)
        self.debtor_panel = DebtorPanel(
            session.accounts, session.history, session.locale, contacts=session.contacts
        )
        self.script_panel = ScriptPanel(session.script)
        self.promise_form = PromiseForm(session.outbox, session.locale)
        self.wrapup = WrapUpDialog(self, session.locale)
        self.order_notice = OrderNotice(self.alert)
        self.monitor_notice = MonitorNotice()  # fed by the desk from the phone's on_monitor
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
        # The left side is the debtor on a call and the agent's own day between calls;
        # Alt+mnemonic or Ctrl+Tab switches by hand.
        self.dashboard = Dashboard(session.kpis, session.locale)
        self.left_tabs = named(QTabWidget(), "leftTabs")
        self.left_tabs.setAccessibleName(translate("Workspace", "Debtor or my day"))
        self.debtor_scroll = _scrolling(self.debtor_panel, "debtorScroll")
        self.left_tabs.addTab(self.debtor_scroll, translate("Workspace", "&Debtor"))
        self.left_tabs.addTab(self.dashboard, translate("Workspace", "&My day"))
        # Preview bar, callbacks, manual dial and the offline note (desktop.agent.dialing_view).
        self.dialing = DialingFeatures(self, session, self.shortcuts, self.alert)
        self.dialing.sign_out_requested.connect(self.sign_out_requested)
        self.left_tabs.addTab(self.dialing.callbacks_panel, translate("Workspace", "&Callbacks"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left_tabs)
        # On a short screen (a laptop at 150 %) the script and the promise form scroll
        # rather than squeezing their text; on a tall one the scroll area is invisible.
        self.right_scroll = _scrolling(right, "rightScroll")
        self.splitter.addWidget(self.right_scroll)
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
        body_layout.addWidget(self.order_notice)
        body_layout.addWidget(self.monitor_notice)
        body_layout.addWidget(self.dialing.preview_bar)
        body_layout.addWidget(self.dialing.offline_note)
        body_layout.addWidget(self.compliance)
        body_layout.addWidget(self.verification)
        body_layout.addWidget(self.splitter, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.call_bar)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)

        self.keys: dict[str, QShortcut] = {}
        for action_id, slot in self._action_slots().items():
            key = QShortcut(self.shortcuts.sequence(action_id), self)
            key.setContext(Qt.ShortcutContext.WindowShortcut)
            key.activated.connect(slot)
            self.keys[action_id] = key
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self._options_menu()

        session.screen_popped.connect(self.show_offer)
        session.screen_cleared.connect(lambda: self.show_offer(None))
        session.script.promise_requested.connect(self.focus_promise)
        session.wrapup_started.connect(self.open_wrapup)
        session.wrapup_expired.connect(self.wrapup.submit_on_timeout)
        session.right_party_changed.connect(self._right_party)
        session.rules_changed.connect(
            lambda _r: self.compliance.show_offer(session.offer, session.rules, session.locale)
        )
        session.call_ringing.connect(lambda _cid: self.alert.call_arriving(ringing=True))
        self.promise_form.submitted.connect(session.record_promise)
        self.wrapup.submitted.connect(
            lambda code, notes: session.finish_wrapup(code, notes, self.wrapup.callback_choice())
        )
        session.wrapup_extended.connect(self.wrapup.set_deadline)
        session.rules_changed.connect(self._rules_changed)
        session.orders.notice.connect(self.order_notice.show_notice)
        session.logout_ordered.connect(self.sign_out_requested)
        self._rules_changed(session.rules)
        messages.bridge().posted.connect(self.show_message)
        self.show_offer(None)

    def _action_slots(self) -> dict[str, Callable[[], object]]:
        session, bar = self.session, self.call_bar
        return {
            "answer": session.answer,
            "hangup": bar.hang_up,
            "hold": session.toggle_hold,
            "mute": session.toggle_mute,
            "ready": session.toggle_ready,
            "not_ready": self.top_bar.open_pause_menu,
            "keypad": bar.open_keypad,
            "transfer": lambda: bar.ask_target("transfer"),
            "consult": lambda: bar.ask_target("consult"),
            "complete": session.calls.complete_transfer,
            "conference": session.calls.toggle_conference,
            "verify": self.confirm_identity,
            "promise": self.focus_promise,
            "wrapup": self.raise_wrapup,
            "volume_up": lambda: session.calls.step_volume(True),
            "volume_down": lambda: session.calls.step_volume(False),
            "shortcuts": self.open_shortcuts,
            "preview_call": self.dialing.call_now,
            "preview_skip": self.dialing.skip,
            "manual_dial": self.dialing.open_manual_dial,
            "callbacks": self.show_callbacks,
            "sign_out": self.sign_out_requested.emit,
            "help": self.top_bar.help_button.activate,
            "settings": self.open_settings,
        }

    def _options_menu(self) -> None:
        """Settings and shortcuts from the menu bar (Alt+O) as well as their keys."""
        menu = self.menuBar().addMenu(translate("Workspace", "&Options"))
        menu.setObjectName("optionsMenu")
        self.menu_actions: dict[str, QAction] = {}
        for action_id, text, slot in (
            ("settings", translate("Workspace", "&Settings…"), self.open_settings),
            ("shortcuts", translate("Workspace", "&Keyboard shortcuts…"), self.open_shortcuts),
        ):
            action = menu.addAction(text)
            action.setObjectName(f"{action_id}Action")
            action.triggered.connect(lambda _=False, run=slot: run())
            self.menu_actions[action_id] = action
        # Deployment settings exist only on an installed desk, not in the demo.
        self.menu_actions["settings"].setEnabled(settings_window.desk_settings() is not None)
        self._show_menu_keys()

    def _show_menu_keys(self) -> None:
        # The window's QShortcut does the triggering; a second binding on the action would
        # make the key ambiguous, so the menu only shows it (after a tab, as Qt lays out keys).
        for action_id, action in self.menu_actions.items():
            text = action.text().split("\t")[0]
            action.setText(f"{text}\t{self.shortcuts.native(action_id)}")

    def open_settings(self) -> None:
        settings_window.open_settings(self)

    def apply_shortcuts(self, shortcuts: ShortcutMap) -> None:
        self.shortcuts = shortcuts
        for action_id, key in self.keys.items():
            key.setKey(shortcuts.sequence(action_id))
        self.call_bar.relabel(shortcuts)
        self._show_menu_keys()

    def open_shortcuts(self) -> None:
        self.shortcuts_dialog = ShortcutsDialog(self.shortcuts, self)
        self.shortcuts_dialog.saved.connect(self.apply_shortcuts)
        self.shortcuts_dialog.open()

    def show_callbacks(self) -> None:
        self.left_tabs.setCurrentWidget(self.dialing.callbacks_panel)
        self.dialing.show_callbacks()

    def confirm_identity(self) -> None:
        if self.session.offer is not None and self.session.right_party is None:
            self.session.verify_identity(True)

    def raise_wrapup(self) -> None:
        if self.session.state == "wrap_up":
            self.wrapup.show()
            self.wrapup.raise_()
            self.wrapup.activateWindow()

    def show_offer(self, offer: HandoffOffer | None) -> None:
        self.verification.show_state(offer, None)
        self.compliance.show_offer(offer, self.session.rules, self.session.locale)
        self.debtor_panel.show_details(offer is None)
        self.promise_form.setVisible(offer is None)
        self.promise_form.setEnabled(False)
        self.left_tabs.setCurrentWidget(self.dashboard if offer is None else self.debtor_scroll)
        if offer is None:
            self.debtor_panel.card.show_debtor(None, "")
            self.promise_form.set_accounts([])
            return
        self.alert.call_arriving(ringing=False)
        self.debtor_panel.card.show_debtor(offer.debtor, offer.campaign)
        self.promise_form.set_debtor(offer.debtor)
        self.promise_form.setEnabled(False)

    def _rules_changed(self, rules: CampaignRules) -> None:
        self.promise_form.set_policy(rules.policy)
        self.wrapup.set_dispositions(rules.policy.dispositions)

    def _right_party(self, right_party: str | None) -> None:
        offer = self.session.offer
        self.verification.show_state(offer, right_party)
        verified = right_party == "verified"
        self.debtor_panel.show_details(offer is None or verified)
        self.promise_form.setVisible(offer is None or verified)
        self.promise_form.setEnabled(verified and self.promise_form.has_accounts())

    def focus_promise(self) -> None:
        if self.promise_form.isEnabled():
            self.promise_form.amount.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.promise_form.amount.selectAll()

    def open_wrapup(self, suggested: str | None) -> None:
        self.wrapup.prepare(suggested, self.session.wrapup_deadline)
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
            self.dialing.stop()
            event.accept()
            return
        # The app decides when to quit: softphone and hub client must stop in order first.
        self.close_requested.emit()
        event.ignore()


def _scrolling(content: QWidget, object_name: str) -> QScrollArea:
    """`content` at its natural size, scrolling vertically only when the window is too short."""
    area = named(QScrollArea(), object_name)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area
