"""The screen pop's left side: who the debtor is, their accounts and their history.

Identity text comes from the hub's data, so every label is plain text (a name with markup is
shown literally). Accounts and history are model/view tables bound to the session's models;
the history view pulls older pages through the model's lazy `fetchMore`, a filter bar above it
refetches through the model, and a details pane below shows the selected event while the
model highlights the other turns of its conversation. It must never format
money or dates by hand nor show a contact value in a log.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.agent.accounts_model import COLUMNS as ACCOUNT_COLUMNS
from desktop.agent.accounts_model import AccountsModel
from desktop.agent.contact_actions import ContactBook
from desktop.agent.contact_list import ContactList
from desktop.agent.history_details import HistoryDetails
from desktop.agent.history_filter import HistoryFilterBar, HistoryQuery
from desktop.agent.history_model import HistoryModel
from desktop.common.formatting import format_date, format_local_time
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import DebtorProfile


def _plain(name: str = "", object_name: str = "") -> QLabel:
    label = named(QLabel(name), object_name) if object_name else QLabel(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class DebtorCard(QFrame):
    """Name, region, the debtor's local time and their promise record."""

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("debtorCard")
        self._locale = locale
        self._debtor: DebtorProfile | None = None
        self.name = _plain(object_name="debtorName")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.region = _plain(object_name="subtle")
        self.local_time = _plain(object_name="localTime")
        self.record = _plain(object_name="subtle")
        self.campaign = _plain(object_name="campaignChip")
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 12, 14, 12)
        grid.setHorizontalSpacing(16)
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(self.campaign, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.region, 1, 0)
        grid.addWidget(self.local_time, 1, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.record, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._show_time)
        self.show_debtor(None, "")

    def show_debtor(self, debtor: DebtorProfile | None, campaign: str) -> None:
        self._debtor = debtor
        if debtor is None:
            self.name.setText(translate("Debtor", "Waiting for the next call"))
            self.region.setText(translate("Debtor", "Go ready to receive calls."))
            self.local_time.clear()
            self.record.clear()
            self.campaign.hide()
            self._clock.stop()
            return
        self.name.setText(debtor.full_name)
        self.region.setText(debtor.region)
        self.campaign.setText(campaign)
        self.campaign.setVisible(bool(campaign))
        last = (
            format_date(debtor.last_payment_on, self._locale)
            if debtor.last_payment_on
            else translate("Debtor", "none")
        )
        self.record.setText(
            translate("Debtor", "Broken promises: {broken} · Last payment: {last}").format(
                broken=debtor.broken_promises, last=last
            )
        )
        self._show_time()
        self._clock.start()

    def _show_time(self) -> None:
        if self._debtor is not None:
            self.local_time.setText(
                translate("Debtor", "Local time {time}").format(
                    time=format_local_time(self._debtor.timezone, self._locale)
                )
            )


def _table(object_name: str) -> QTableView:
    view = named(QTableView(), object_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    return view


class DebtorPanel(QWidget):
    def __init__(
        self,
        accounts: AccountsModel,
        history: HistoryModel,
        locale: str,
        parent: QWidget | None = None,
        contacts: ContactBook | None = None,
    ) -> None:
        super().__init__(parent)
        self.card = DebtorCard(locale)
        # Contact points belong to identity (who to reach), not to the debt: always shown.
        self.contacts = ContactList(contacts) if contacts is not None else None
        # The compliance banner above shows the debtor's time beside the calling window.
        self.card.local_time.setVisible(False)
        self.accounts_view = _table("accountsView")
        self.accounts_view.setModel(accounts)
        header = self.accounts_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Every column keeps its width but the open promise, which takes what is left and
        # elides (the whole promise is in its tooltip), so the table never scrolls sideways.
        header.setSectionResizeMode(
            ACCOUNT_COLUMNS.index("promise"), QHeaderView.ResizeMode.Stretch
        )
        self.accounts_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        accounts.modelReset.connect(self._fit_accounts)
        self._accounts = accounts
        self.history_view = _table("historyView")
        self.history_view.setModel(history)
        self.history_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # At least six events in view: on a short screen the panel scrolls, the history never
        # collapses to a line.
        self.history_view.setMinimumHeight(7 * 26 + 4)
        hheader = self.history_view.horizontalHeader()
        hheader.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hheader.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hheader.setStretchLastSection(True)
        self.history_title = named(QLabel(translate("History", "History")), "sectionTitle")
        history.modelReset.connect(self._count_history)
        history.rowsInserted.connect(self._count_history)
        self._history = history
        self.history_filter = HistoryFilterBar()
        self.history_filter.query_changed.connect(self._filter_history)
        self.history_details = HistoryDetails(locale)
        history.debtor_changed.connect(self._new_debtor)
        history.modelReset.connect(lambda: self.history_details.show_event(None))
        self.history_view.selectionModel().selectionChanged.connect(self._event_selected)
        # The agent drags the split: a long email wants a taller details pane.
        self.history_split = QSplitter(Qt.Orientation.Vertical)
        self.history_split.setChildrenCollapsible(False)
        self.history_split.addWidget(self.history_view)
        self.history_split.addWidget(self.history_details)
        self.history_split.setStretchFactor(0, 3)
        self.history_split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.card)
        if self.contacts is not None:
            layout.addWidget(self.contacts)
        layout.addWidget(named(QLabel(translate("Accounts", "Accounts")), "sectionTitle"))
        # Until the agent confirmed the right party, the debt stays off the screen.
        self.details_hidden = named(
            QLabel(
                translate(
                    "Accounts", "Confirm the debtor's identity to see the accounts and history."
                )
            ),
            "detailsHidden",
        )
        self.details_hidden.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details_hidden.hide()
        layout.addWidget(self.accounts_view)
        layout.addWidget(self.details_hidden, 1)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history_filter)
        layout.addWidget(self.history_split, 1)
        self._count_history()
        self._fit_accounts()

    def show_details(self, visible: bool) -> None:
        """Show the debt (accounts, promise record, the history that talks about it) only to
        a verified right party."""
        self.accounts_view.setVisible(visible)
        self.card.record.setVisible(visible)
        self.history_title.setVisible(visible)
        self.history_view.setVisible(visible)
        self.history_filter.setVisible(visible)
        self.history_split.setVisible(visible)
        self.details_hidden.setVisible(not visible)

    def _filter_history(self, query: HistoryQuery) -> None:
        self._history.apply_query(query)

    def _new_debtor(self) -> None:
        self.history_filter.clear()
        self.history_details.show_event(None)

    def _event_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {index.row() for index in selected.indexes()}
        row = min(rows) if rows else None
        if row is None or row >= self._history.rowCount():
            self._history.mark_conversation(None)
            self.history_details.show_event(None)
            return
        turns = self._history.mark_conversation(row)
        self.history_details.show_event(self._history.event_at(row), self._history.tz, len(turns))

    def _fit_accounts(self) -> None:
        # Show every account without a scroll bar (a debtor rarely has more than four).
        rows = min(max(self._accounts.rowCount(), 1), 5)
        header = self.accounts_view.horizontalHeader().sizeHint().height()
        row = self.accounts_view.verticalHeader().defaultSectionSize()
        # Room for the horizontal scroll bar too: on a narrow pane it appears and
        # would otherwise hide the last account behind a vertical one.
        scroll = self.accounts_view.horizontalScrollBar().sizeHint().height()
        frame = 2 * self.accounts_view.frameWidth()
        self.accounts_view.setFixedHeight(header + rows * row + scroll + frame)

    def _count_history(self) -> None:
        shown, total = self._history.rowCount(), self._history.total
        self.history_title.setText(
            translate("History", "History ({shown} of {total})").format(shown=shown, total=total)
            if total
            else translate("History", "History")
        )
