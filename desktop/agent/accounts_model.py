"""The debtor's accounts as a read-only Qt table model for the screen pop.

Each row shows the account's terms and its open promise ("$1,200.00 due 26 Nov · pending"),
the state spelled out and inked by the theme's status colours. It must never change an
account: balances and promises shown here are what the hub sent with the offer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from desktop.common.formatting import format_date, format_money, product_label
from desktop.common.i18n import translate
from desktop.common.theme import notifier, status_colour
from sync.protocol import Account

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("product", "number", "balance", "dpd", "minimum", "segment", "promise")
_RIGHT = {"balance", "dpd", "minimum"}
PROMISE_STATES = {
    "pending": str(QT_TRANSLATE_NOOP("Accounts", "pending")),
    "kept": str(QT_TRANSLATE_NOOP("Accounts", "kept")),
    "broken": str(QT_TRANSLATE_NOOP("Accounts", "broken")),
}
# The word carries the state; the ink only repeats it for a quick glance.
_STATE_INKS = {"pending": "info", "kept": "good", "broken": "bad"}


class AccountsModel(QAbstractTableModel):
    AccountRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, locale: str = "es_MX", parent: Any = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._accounts: list[Account] = []
        # Status inks follow the look: repaint the promise column when it changes.
        notifier().changed.connect(self._look_changed)

    def reset(self, accounts: list[Account]) -> None:
        self.beginResetModel()
        self._accounts = list(accounts)
        self.endResetModel()

    @property
    def accounts(self) -> tuple[Account, ...]:
        return tuple(self._accounts)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._accounts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            translate("Accounts", "Product"),
            translate("Accounts", "Account"),
            translate("Accounts", "Balance"),
            translate("Accounts", "Days past due"),
            translate("Accounts", "Minimum payment"),
            translate("Accounts", "Segment"),
            translate("Accounts", "Open promise"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._accounts):
            return None
        account = self._accounts[index.row()]
        column = COLUMNS[index.column()]
        if role == self.AccountRole:
            return account
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == "promise" and role != Qt.ItemDataRole.DisplayRole:
            return self._promise_extra(account, role)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "product":
            return product_label(account.product)
        if column == "number":
            return account.number_masked
        if column == "balance":
            return format_money(account.balance_cents, account.currency, self._locale)
        if column == "dpd":
            return str(account.days_past_due)
        if column == "minimum":
            return format_money(account.minimum_payment_cents, account.currency, self._locale)
        if column == "promise":
            return self.promise_text(account)
        return account.segment

    def promise_text(self, account: Account) -> str:
        """The open promise in words, or a dash when the account has none."""
        promise = account.open_promise
        if promise is None:
            return "—"
        # Whole sentences, not glued fragments: a translation may order them differently.
        template = (
            translate("Accounts", "{amount} due {date} · {state} · {count} instalments")
            if promise.instalments
            else translate("Accounts", "{amount} due {date} · {state}")
        )
        return template.format(
            amount=format_money(promise.amount_cents, account.currency, self._locale),
            date=format_date(promise.due_date, self._locale),
            state=translate("Accounts", PROMISE_STATES[promise.state]),
            count=promise.instalments,
        )

    def _promise_extra(self, account: Account, role: int) -> Any:
        promise = account.open_promise
        if promise is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(status_colour(_STATE_INKS[promise.state]))
        if role == Qt.ItemDataRole.ToolTipRole:
            # The agent's calendar day the promise was taken on.
            taken = promise.promised_at.astimezone().date()
            # The whole promise too: the column elides it when the pane is narrow.
            promised_on = translate("Accounts", "Promised on {date}").format(
                date=format_date(taken, self._locale)
            )
            return f"{self.promise_text(account)}\n{promised_on}"
        return None

    def _look_changed(self, _look: str) -> None:
        if self._accounts:
            column = COLUMNS.index("promise")
            self.dataChanged.emit(
                self.index(0, column),
                self.index(len(self._accounts) - 1, column),
                [Qt.ItemDataRole.ForegroundRole],
            )
