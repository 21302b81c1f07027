"""The promise form: account, amount and due date, checked before anything is saved.

The form only validates and emits `submitted(PromiseDraft)`; saving to the outbox belongs to the
session. Problems are shown inline in the form (and never as a crash). It must never prefill
anything the agent did not see: the suggested amount is the account's minimum payment shown in
the accounts table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
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

from desktop.agent.outbox_model import OutboxModel
from desktop.agent.promise_rules import MAX_DAYS_AHEAD, PromiseDraft, amount_text, check_promise
from desktop.common.formatting import currency_symbol, format_money, product_label
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import Account


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
        self._locale = locale
        self._today = today
        self._accounts: list[Account] = []

        title = named(QLabel(translate("Promise", "Payment promise")), "sectionTitle")
        self.account = QComboBox()
        self.account.currentIndexChanged.connect(self._account_changed)
        self.currency = named(QLabel("$"), "subtle")
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(translate("Promise", "Amount"))
        self.amount.returnPressed.connect(self.submit)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.currency)
        amount_row.addWidget(self.amount, 1)
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setLocale(QLocale(locale))
        self.due.setDisplayFormat("d MMM yyyy")
        self.save_button = named(QPushButton(translate("Promise", "Save promise")), "primary")
        self.save_button.clicked.connect(self.submit)
        self.problems = named(QLabel(), "problems")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        self.problems.hide()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(translate("Promise", "Account"), self.account)
        form.addRow(translate("Promise", "Amount"), amount_row)
        form.addRow(translate("Promise", "Due date"), self.due)

        self.items = named(QListView(), "outboxList")
        self.items.setModel(outbox)
        self.items.setMaximumHeight(76)
        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        layout.addWidget(self.items)
        self.set_accounts([])

    # --- feeding ------------------------------------------------------------

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
        today = self._today()
        self.due.setMinimumDate(_qdate(today))
        self.due.setMaximumDate(_qdate(today + dt.timedelta(days=MAX_DAYS_AHEAD)))
        self.due.setDate(_qdate(today + dt.timedelta(days=3)))
        self.amount.clear()
        self.show_problems(())
        self.setEnabled(bool(self._accounts))
        self._account_changed(0 if self._accounts else -1)

    def has_accounts(self) -> bool:
        return bool(self._accounts)

    def select_account(self, account_id: int) -> bool:
        index = self.account.findData(account_id)
        if index >= 0:
            self.account.setCurrentIndex(index)
        return index >= 0

    def set_due_date(self, value: dt.date) -> None:
        """Set the date even outside the editor's range, so validation can speak about it."""
        self.due.setMinimumDate(_qdate(min(value, self._today())))
        self.due.setMaximumDate(_qdate(max(value, self._today() + dt.timedelta(MAX_DAYS_AHEAD))))
        self.due.setDate(_qdate(value))

    def current_account(self) -> Account | None:
        row = self.account.currentIndex()
        return self._accounts[row] if 0 <= row < len(self._accounts) else None

    def _account_changed(self, row: int) -> None:
        account = self._accounts[row] if 0 <= row < len(self._accounts) else None
        if account is None:
            return
        self.currency.setText(currency_symbol(account.currency, self._locale))
        self.amount.setText(amount_text(account.minimum_payment_cents))

    # --- submitting ---------------------------------------------------------

    def submit(self) -> bool:
        due = self.due.date()
        check = check_promise(
            self.current_account(),
            self.amount.text(),
            dt.date(due.year(), due.month(), due.day()),
            self._today(),
            self._locale,
        )
        self.show_problems(check.problems)
        if check.draft is None:
            return False
        self.submitted.emit(check.draft)
        return True

    def show_problems(self, problems: tuple[str, ...]) -> None:
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


__all__ = ["PromiseDraft", "PromiseForm"]
