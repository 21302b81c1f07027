"""The promise form: one payment, a settlement or an instalment plan, read back, then saved.

The form validates against the campaign's policy with each reason beside its field, builds the
read-back text the agent reads to the debtor, and enables Save only once "read back to the
debtor" is ticked (any change unticks it: what was read must be what is saved). It emits
`submitted(PromiseDraft)`, with the confirmation message when the agent chose where to send
it; saving to the outbox belongs to the session. It must never prefill anything the agent did
not see (the suggested amount is the account's minimum payment, raised to the campaign's
smallest payment) nor show debtor text as rich text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.agent import confirmation
from desktop.agent.campaign_rules import FALLBACK_POLICY
from desktop.agent.instalment_plan import Offer, offers_for
from desktop.agent.outbox_model import OutboxModel
from desktop.agent.plan_editor import PlanEditor, pydate, qdate
from desktop.agent.promise_rules import (
    MAX_DAYS_AHEAD,
    Confirmation,
    PromiseCheck,
    PromiseDraft,
    amount_text,
    check_plan,
    check_promise,
    check_settlement,
    suggested_amount,
)
from desktop.agent.read_back import (
    PAYMENT_CHANNELS,
    confirmation_text,
    payment_label,
    read_back_text,
)
from desktop.common.formatting import currency_symbol, format_money, product_label
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import Account, CampaignPolicy, DebtorProfile


def _problem_label(object_name: str) -> QLabel:
    label = named(QLabel(), object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setProperty("role", "fieldProblem")
    label.hide()
    return label


def _combo(object_name: str, accessible: str) -> QComboBox:
    combo = named(QComboBox(), object_name)
    combo.setAccessibleName(accessible)
    return combo


class PromiseForm(QFrame):
    submitted = Signal(object)  # PromiseDraft

    def __init__(
        self,
        outbox: OutboxModel,
        locale: str = "es_MX",
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promiseForm")
        self.setAccessibleName(translate("Promise", "Payment promise"))
        self._locale = locale
        self._today = today
        self._accounts: list[Account] = []
        self._debtor: DebtorProfile | None = None
        self.policy: CampaignPolicy | None = None
        self._offers: list[Offer] = []

        title = named(QLabel(translate("Promise", "Payment promise")), "sectionTitle")
        self.kind = _combo("promiseKind", translate("Promise", "Kind of promise"))
        self.kind.addItem(translate("Promise", "One payment"), "single")
        self.kind.addItem(translate("Promise", "Instalment plan"), "plan")
        self.kind.addItem(translate("Promise", "Settlement"), "settlement")
        self.offer = _combo("promiseOffer", translate("Promise", "Offers the campaign allows"))
        self.account = _combo("promiseAccount", translate("Promise", "Account"))
        self.currency = named(QLabel("$"), "subtle")
        self.amount = named(QLineEdit(), "promiseAmount")
        self.amount.setPlaceholderText(translate("Promise", "Amount"))
        self.amount.setAccessibleName(translate("Promise", "Amount"))
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.currency)
        amount_row.addWidget(self.amount, 1)
        self.due = named(QDateEdit(), "promiseDue")
        self.due.setCalendarPopup(True)
        self.due.setLocale(QLocale(locale))
        self.due.setDisplayFormat("d MMM yyyy")
        self.due.setAccessibleName(translate("Promise", "Due date"))
        self.plan = PlanEditor(locale)
        self.channel = _combo("paymentChannel", translate("Promise", "Payment channel"))
        for code in PAYMENT_CHANNELS:
            self.channel.addItem(payment_label(code), code)
        self.confirm_to = _combo("confirmTo", translate("Promise", "Send a confirmation"))
        self.account_problem = _problem_label("accountProblem")
        self.amount_problem = _problem_label("amountProblem")
        self.due_problem = _problem_label("dueProblem")
        self.plan_problem = _problem_label("planProblem")
        self.read_back = named(QLabel(), "readBack")
        self.read_back.setTextFormat(Qt.TextFormat.PlainText)
        self.read_back.setWordWrap(True)
        self.read_back.setAccessibleName(translate("Promise", "Text to read back"))
        self.read_back_done = named(
            QCheckBox(translate("Promise", "I read it back to the debtor and they agreed")),
            "readBackDone",
        )
        self.read_back_done.setAccessibleName(translate("Promise", "Read back to the debtor"))
        self.save_button = named(QPushButton(translate("Promise", "Save promise")), "primary")
        self.save_button.setAccessibleName(translate("Promise", "Save promise"))
        self.problems = _problem_label("problems")

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(translate("Promise", "Kind"), self.kind)
        form.addRow(translate("Promise", "Offer"), self.offer)
        form.addRow(translate("Promise", "Account"), self.account)
        form.addRow("", self.account_problem)
        self._amount_label = QLabel(translate("Promise", "Amount"))
        form.addRow(self._amount_label, amount_row)
        form.addRow("", self.amount_problem)
        self._due_label = QLabel(translate("Promise", "Due date"))
        form.addRow(self._due_label, self.due)
        form.addRow("", self.due_problem)
        form.addRow(translate("Promise", "Plan"), self.plan)
        form.addRow("", self.plan_problem)
        form.addRow(translate("Promise", "Payment"), self.channel)
        form.addRow(translate("Promise", "Confirmation"), self.confirm_to)
        self._form = form

        self.items = named(QListView(), "outboxList")
        self.items.setAccessibleName(translate("Promise", "Promises and their sync state"))
        self.items.setModel(outbox)
        self.items.setMaximumHeight(76)
        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_back_done, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.read_back)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        layout.addWidget(self.items)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.offer.activated.connect(self._offer_chosen)
        self.account.currentIndexChanged.connect(self._account_changed)
        self.amount.textChanged.connect(self._inputs_changed)
        self.amount.returnPressed.connect(self.submit)
        self.due.dateChanged.connect(self._inputs_changed)
        self.plan.changed.connect(self._inputs_changed)
        self.channel.currentIndexChanged.connect(self._inputs_changed)
        self.confirm_to.currentIndexChanged.connect(self._inputs_changed)
        self.read_back_done.toggled.connect(self._gate)
        self.save_button.clicked.connect(self.submit)
        self.set_accounts([])

    # --- feeding ------------------------------------------------------------

    def set_policy(self, policy: CampaignPolicy | None) -> None:
        self.policy = policy
        self._limits()
        self._fill_offers()
        self._inputs_changed()

    def set_debtor(self, debtor: DebtorProfile | None) -> None:
        """The debtor on screen: their accounts, and where a confirmation may be sent."""
        self._debtor = debtor
        self.confirm_to.blockSignals(True)
        self.confirm_to.clear()
        self.confirm_to.addItem(translate("Promise", "Do not send"), None)
        for target in confirmation.targets(debtor):
            self.confirm_to.addItem(target.label, target)
        self.confirm_to.setCurrentIndex(1 if self.confirm_to.count() > 1 else 0)
        self.confirm_to.blockSignals(False)
        self.set_accounts(list(debtor.accounts) if debtor is not None else [])

    def set_accounts(self, accounts: list[Account]) -> None:
        self._accounts = [a for a in accounts if a.status == "open"]
        self.account.blockSignals(True)
        self.account.clear()
        for account in self._accounts:
            self.account.addItem(
                f"{product_label(account.product)} {account.number_masked} · "
                f"{format_money(account.balance_cents, account.currency, self._locale)}",
                account.id,
            )
        self.account.blockSignals(False)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(0)
        self.kind.blockSignals(False)
        self._limits()
        today = self._today()
        self.due.blockSignals(True)
        self.due.setDate(qdate(today + dt.timedelta(days=3)))
        self.due.blockSignals(False)
        self.amount.clear()
        self.show_problems(())
        self.setEnabled(bool(self._accounts))
        self._account_changed(0 if self._accounts else -1)
        self._kind_changed()

    def has_accounts(self) -> bool:
        return bool(self._accounts)

    def select_account(self, account_id: int) -> bool:
        index = self.account.findData(account_id)
        if index >= 0:
            self.account.setCurrentIndex(index)
        return index >= 0

    def select_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def set_due_date(self, value: dt.date) -> None:
        """Set the date even outside the editor's range, so validation can speak about it."""
        latest = self._today() + dt.timedelta(self._max_days())
        self.due.setMinimumDate(qdate(min(value, self._today())))
        self.due.setMaximumDate(qdate(max(value, latest)))
        self.due.setDate(qdate(value))

    def current_account(self) -> Account | None:
        row = self.account.currentIndex()
        return self._accounts[row] if 0 <= row < len(self._accounts) else None

    def current_kind(self) -> str:
        return str(self.kind.currentData() or "single")

    def _max_days(self) -> int:
        return self.policy.max_days_ahead if self.policy else MAX_DAYS_AHEAD

    def _limits(self) -> None:
        today = self._today()
        latest = today + dt.timedelta(days=self._max_days())
        self.due.setDateRange(qdate(today), qdate(latest))
        policy = self.policy or FALLBACK_POLICY
        self.plan.set_limits(policy.max_instalments, today, latest)

    def _account_changed(self, row: int) -> None:
        account = self._accounts[row] if 0 <= row < len(self._accounts) else None
        self._fill_offers()
        if account is None:
            return
        self.currency.setText(currency_symbol(account.currency, self._locale))
        self._prefill(account)

    def _prefill(self, account: Account) -> None:
        kind = self.current_kind()
        cents = (
            account.balance_cents if kind != "single" else suggested_amount(account, self.policy)
        )
        self.amount.setText(amount_text(cents))
        if kind == "plan":
            self.plan.set_total(cents)

    def _kind_changed(self, _index: int = -1) -> None:
        plan = self.current_kind() == "plan"
        self._form.setRowVisible(self.plan, plan)
        self._form.setRowVisible(self.plan_problem, plan and bool(self.plan_problem.text()))
        self._form.setRowVisible(self.due, not plan)
        self._amount_label.setText(
            translate("Promise", "Total") if plan else translate("Promise", "Amount")
        )
        account = self.current_account()
        if account is not None:
            self._prefill(account)
        self._inputs_changed()

    def _fill_offers(self) -> None:
        account = self.current_account()
        self._offers = offers_for(account, self.policy, self._today()) if (
            account is not None and self.policy is not None
        ) else []  # fmt: skip
        self.offer.clear()
        self.offer.addItem(translate("Promise", "Choose an offer…"), None)
        for i, offer in enumerate(self._offers):
            self.offer.addItem(self._offer_text(offer, account), i)
        self.offer.setEnabled(bool(self._offers))

    def _offer_text(self, offer: Offer, account: Account | None) -> str:
        currency = account.currency if account else "MXN"
        if offer.kind == "settlement":
            return translate("Promise", "Settle for {amount} ({discount}% off)").format(
                amount=format_money(offer.amount_cents, currency, self._locale),
                discount=offer.discount_pct,
            )
        return translate("Promise", "{count} monthly payments of {amount}").format(
            count=len(offer.instalments),
            amount=format_money(offer.instalments[0].amount_cents, currency, self._locale),
        )

    def _offer_chosen(self, index: int) -> None:
        data = self.offer.itemData(index)
        if data is None:
            return
        offer = self._offers[int(data)]
        self.select_kind(offer.kind)
        self.amount.setText(amount_text(offer.amount_cents))
        if offer.kind == "plan":
            self.plan.set_plan(list(offer.instalments))
        else:
            self.set_due_date(offer.instalments[0].due_date)

    # --- checking, reading back, submitting -----------------------------------

    def check(self) -> PromiseCheck:
        account, kind, today = self.current_account(), self.current_kind(), self._today()
        due = pydate(self.due.date())
        if kind == "plan":
            found = check_plan(account, self.plan.rows(), today, self._locale, self._policy())
        elif kind == "settlement":
            found = check_settlement(
                account, self.amount.text(), due, today, self._locale, self._policy()
            )
        else:
            found = check_promise(
                account, self.amount.text(), due, today, self._locale, self.policy
            )
        if found.draft is None or account is None:
            return found
        draft = replace(found.draft, payment_channel=self.channel.currentData())
        target = self.confirm_to.currentData()
        if isinstance(target, confirmation.ConfirmationTarget):
            text = confirmation_text(draft, account, self._locale)
            sent = Confirmation(target.channel, target.contact_point_id, text)
            draft = replace(draft, confirmation=sent)
        return PromiseCheck(draft, ())

    def _policy(self) -> CampaignPolicy:
        return self.policy or FALLBACK_POLICY

    def _inputs_changed(self, *_args: object) -> None:
        # What the debtor agreed to is what was read: any change asks for a new read-back.
        self.read_back_done.setChecked(False)
        found = self.check()
        account = self.current_account()
        if found.draft is not None and account is not None:
            self.read_back.setText(read_back_text(found.draft, account, self._locale))
        else:
            self.read_back.setText(
                translate("Promise", "Complete the promise to see the text to read back.")
            )
        self.read_back_done.setEnabled(found.draft is not None)
        self._gate()

    def _gate(self, *_args: object) -> None:
        self.save_button.setEnabled(self.read_back_done.isChecked())

    def submit(self) -> bool:
        found = self.check()
        self.show_problems(found.problems, found.by_field)
        if found.draft is None:
            return False
        if not self.read_back_done.isChecked():
            self.show_problems(
                (translate("Promise", "Read the promise back to the debtor before saving."),)
            )
            return False
        self.submitted.emit(found.draft)
        self.read_back_done.setChecked(False)
        return True

    def show_problems(
        self, problems: tuple[str, ...], by_field: dict[str, tuple[str, ...]] | None = None
    ) -> None:
        by_field = by_field or {}
        placed = {
            "account": self.account_problem,
            "amount": self.amount_problem,
            "due": self.due_problem,
            "plan": self.plan_problem,
        }
        for where, label in placed.items():
            label.setText("\n".join(by_field.get(where, ())))
            self._form.setRowVisible(label, bool(label.text()))
            label.setVisible(bool(label.text()))
        # Problems with no field of their own (or shown without fields) go under the form.
        loose = problems if not by_field else ()
        self.problems.setText("\n".join(loose))
        self.problems.setVisible(bool(loose))
        self._form.setRowVisible(self.plan, self.current_kind() == "plan")


__all__ = ["PromiseDraft", "PromiseForm"]
