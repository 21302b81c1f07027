"""The debtor's accounts as a read-only Qt table model for the screen pop.

It must never change an account: balances shown here are what the hub sent with the offer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.common.formatting import format_money, product_label
from desktop.common.i18n import translate
from sync.protocol import Account

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("product", "number", "balance", "dpd", "minimum", "segment")
_RIGHT = {"balance", "dpd", "minimum"}


class AccountsModel(QAbstractTableModel):
    AccountRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, locale: str = "es_MX", parent: Any = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._accounts: list[Account] = []

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
        return account.segment
