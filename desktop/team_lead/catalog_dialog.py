"""The "Open from hub" list: every published script with its newest version and date.

A small modal list (a contact centre has tens of scripts, not thousands). The
team lead picks one with the keyboard or a double click; the dialog only
reports the choice through ``chosen`` and never fetches or opens anything.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.script_editor.i18n import tr
from sync.protocol import ScriptSummary

ROLE_ID = Qt.ItemDataRole.UserRole
ROLE_VERSION = Qt.ItemDataRole.UserRole + 1


class HubCatalogDialog(QDialog):
    chosen = Signal(str, int)  # script id, version

    def __init__(self, scripts: list[ScriptSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Open a script from the hub"))
        self.setObjectName("hubCatalog")
        self.list = QTreeWidget(objectName="hubScripts")
        self.list.setHeaderLabels([tr("Script"), tr("Title"), tr("Version"), tr("Published")])
        self.list.setRootIsDecorated(False)
        for summary in scripts:
            row = QTreeWidgetItem(
                self.list,
                [
                    summary.script_id,
                    summary.title,
                    str(summary.version),
                    QLocale().toString(
                        QDateTime(summary.published_at.astimezone()),
                        QLocale.FormatType.ShortFormat,
                    ),
                ],
            )
            row.setData(0, ROLE_ID, summary.script_id)
            row.setData(0, ROLE_VERSION, summary.version)
        for column in range(4):
            self.list.resizeColumnToContents(column)
        if scripts:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.list.itemDoubleClicked.connect(lambda *_: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Open).setText(tr("Open"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not scripts:
            layout.addWidget(QLabel(tr("No script has been published yet.")))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def select(self, script_id: str) -> bool:
        """Highlight the row of *script_id*; False if the hub did not list it."""
        for index in range(self.list.topLevelItemCount()):
            row = self.list.topLevelItem(index)
            if row.data(0, ROLE_ID) == script_id:
                self.list.setCurrentItem(row)
                return True
        return False

    def accept(self) -> None:
        row = self.list.currentItem()
        if row is not None:
            self.chosen.emit(str(row.data(0, ROLE_ID)), int(row.data(0, ROLE_VERSION)))
        super().accept()
