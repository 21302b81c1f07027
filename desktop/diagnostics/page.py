"""The diagnostics page: run the checks, show each result, export the support bundle.

A thin view over `checks.run_all` and `bundle.write_support_bundle`; the figures (connect
time, round trip, MOS) are shown as the checks report them. It must never run a check on the
GUI thread that could block it (the blocking ones go to the executor) and never show or
export a secret.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.diagnostics.bundle import export_support_bundle
from desktop.diagnostics.checks import CheckResult, run_all
from desktop.settings.i18n import translate
from desktop.settings.layered import Settings

log = logging.getLogger("acuerdo.diagnostics")


def check_title(name: str) -> str:
    titles = {
        "hub": translate("Diagnostics", "Hub connection"),
        "sip_registration": translate("Diagnostics", "SIP registration"),
        "test_call": translate("Diagnostics", "Test call"),
        "audio": translate("Diagnostics", "Audio devices"),
        "keyring": translate("Diagnostics", "Password keyring"),
    }
    return titles.get(name, name)


def status_text(result: CheckResult) -> str:
    if result.skipped:
        return translate("Diagnostics", "Not configured")
    return translate("Diagnostics", "OK") if result.ok else translate("Diagnostics", "Problem")


class DiagnosticsPage(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.results: list[CheckResult] = []
        self.setWindowTitle(translate("Diagnostics", "Diagnostics"))
        self.table = QTreeWidget()
        self.table.setHeaderLabels(
            [
                translate("Diagnostics", "Check"),
                translate("Diagnostics", "Result"),
                translate("Diagnostics", "Details"),
            ]
        )
        self.run_button = QPushButton(translate("Diagnostics", "Run checks"))
        self.export_button = QPushButton(translate("Diagnostics", "Export support bundle…"))
        self.status = QLabel()
        self.status.setObjectName("diagnostics_status")
        self.run_button.clicked.connect(self._run_clicked)
        self.export_button.clicked.connect(self._export_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._task: asyncio.Task[list[CheckResult]] | None = None

    async def run_checks(self) -> list[CheckResult]:
        self.run_button.setEnabled(False)
        self.status.setText(translate("Diagnostics", "Checking…"))
        try:
            self.show_results(await run_all(self.settings))
        finally:
            self.run_button.setEnabled(True)
        self.status.setText(translate("Diagnostics", "Checks finished."))
        return self.results

    def show_results(self, results: list[CheckResult]) -> None:
        self.results = results
        self.table.clear()
        for result in results:
            figures = ", ".join(f"{k}={v}" for k, v in result.figures.items() if v is not None)
            detail = f"{result.detail} ({figures})" if figures else result.detail
            QTreeWidgetItem(self.table, [check_title(result.name), status_text(result), detail])

    def export_bundle(self, target: Path) -> Path:
        return export_support_bundle(target, self.settings, self.results)

    def _run_clicked(self) -> None:
        self._task = asyncio.ensure_future(self.run_checks())

    def _export_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("Diagnostics", "Export support bundle"),
            str(Path.home() / "acuerdo-support.zip"),
            translate("Diagnostics", "Zip files (*.zip)"),
        )
        if not name:
            return
        try:
            path = self.export_bundle(Path(name))
        except OSError as exc:
            self.status.setText(
                translate("Diagnostics", "Could not write the bundle: {reason}").format(
                    reason=exc.strerror or str(exc)
                )
            )
            return
        self.status.setText(translate("Diagnostics", "Saved {path}").format(path=str(path)))
