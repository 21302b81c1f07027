"""The right-party verification prompt and the compliance banner of the screen pop.

`VerificationBar` asks the agent to confirm who they are talking to before any debt detail is
shown or spoken; its answer goes to the session, which records it with the wrap-up.
`ComplianceBanner` shows the debtor's local time and whether it is inside the campaign's
calling window, and how many times the debtor was contacted in the last seven days. Both are
views: they must never decide what is allowed, only show what the session and the rules say.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.agent.campaign_rules import CampaignRules
from desktop.agent.top_bar import _restyle
from desktop.common.formatting import format_local_time
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import HandoffOffer

# Many contacts in a week is where a negotiator should think twice (pressure, complaints).
CONTACTS_WARNING = 7
REFRESH_MS = 30_000


class VerificationBar(QFrame):
    answered = Signal(bool)  # True: the right party confirmed their identity

    def __init__(self, verify_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verificationBar")
        self.prompt = named(QLabel(), "verificationPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.confirm_button = named(
            QPushButton(translate("Verify", "Identity confirmed  ({key})").format(key=verify_key)),
            "primary",
        )
        self.confirm_button.setAccessibleName(translate("Verify", "Identity confirmed"))
        self.refuse_button = QPushButton(translate("Verify", "Not the debtor"))
        self.refuse_button.setAccessibleName(translate("Verify", "Not the debtor"))
        self.confirm_button.clicked.connect(lambda: self.answered.emit(True))
        self.refuse_button.clicked.connect(lambda: self.answered.emit(False))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.prompt, 1)
        layout.addWidget(self.refuse_button)
        layout.addWidget(self.confirm_button)
        self.show_state(None, None)

    def show_state(self, offer: HandoffOffer | None, right_party: str | None) -> None:
        if offer is None:
            self.hide()
            return
        self.show()
        buttons = right_party is None
        self.confirm_button.setVisible(buttons)
        self.refuse_button.setVisible(buttons)
        if right_party is None:
            self.prompt.setText(
                translate(
                    "Verify",
                    "Before talking about the debt, confirm you are speaking with {name}: "
                    "ask for the full name and date of birth.",
                ).format(name=offer.debtor.full_name)
            )
        elif right_party == "verified":
            self.prompt.setText(translate("Verify", "Identity confirmed: right party."))
        else:
            self.prompt.setText(
                translate(
                    "Verify",
                    "Identity not confirmed: do not disclose the debt. Leave a callback "
                    "number only.",
                )
            )
        _restyle(self, "state", right_party or "pending")
        _restyle(self.prompt, "state", right_party or "pending")


class ComplianceBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complianceBanner")
        self.window_label = named(QLabel(), "complianceWindow")
        self.contacts_label = named(QLabel(), "complianceContacts")
        # Do-not-call outranks everything else on the banner: first, and in the stop colour.
        self.dnc_label = named(QLabel(), "complianceDoNotCall")
        self.dnc_label.setTextFormat(Qt.TextFormat.PlainText)
        self.dnc_label.setAccessibleName(translate("Compliance", "Do not call"))
        _restyle(self.dnc_label, "level", "stop")
        self.dnc_label.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 5, 12, 5)
        layout.setSpacing(18)
        layout.addWidget(self.dnc_label)
        layout.addWidget(self.window_label)
        layout.addWidget(self.contacts_label)
        layout.addStretch(1)
        self._offer: HandoffOffer | None = None
        self._rules = CampaignRules()
        self._locale = "es_MX"
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.hide()

    def show_offer(self, offer: HandoffOffer | None, rules: CampaignRules, locale: str) -> None:
        self._offer, self._rules, self._locale = offer, rules, locale
        if offer is None:
            self._timer.stop()
            self.hide()
            return
        self.refresh()
        self._timer.start()
        self.show()

    def refresh(self, now: dt.datetime | None = None) -> None:
        offer = self._offer
        if offer is None:
            return
        moment = now or dt.datetime.now(dt.UTC)
        debtor = offer.debtor
        self.dnc_label.setVisible(debtor.do_not_call)
        if debtor.do_not_call:
            self.dnc_label.setText(
                translate("Compliance", "DO NOT CALL: {reason}").format(
                    reason=debtor.do_not_call_reason
                )
                if debtor.do_not_call_reason
                else translate("Compliance", "DO NOT CALL")
            )
        status = self._rules.compliance(
            offer.debtor.timezone,
            offer.history.events,
            offer.history.next_before_id is None,
            moment,
        )
        window = self._rules.window_text()
        if status.inside_window is None:
            text = translate("Compliance", "Debtor's time zone unknown: check the calling window")
            level = "warning"
        elif status.inside_window:
            text = translate("Compliance", "Debtor's time {time} · inside the window {window}")
            level = "ok"
        else:
            text = translate("Compliance", "Debtor's time {time} · OUTSIDE the window {window}")
            level = "stop"
        self.window_label.setText(
            text.format(
                time=format_local_time(offer.debtor.timezone, self._locale, moment), window=window
            )
        )
        _restyle(self.window_label, "level", level)
        count = (
            str(status.contacts_7d)
            if status.contacts_complete
            else translate("Compliance", "{count}+").format(count=status.contacts_7d)
        )
        self.contacts_label.setText(
            translate("Compliance", "Contacts in the last 7 days: {count}").format(count=count)
        )
        busy = status.contacts_7d >= CONTACTS_WARNING
        _restyle(self.contacts_label, "level", "warning" if busy else "ok")
