"""The first-run wizard: hub, SIP account and audio devices, only what the policy left open.

Three pages (connection, SIP account, audio). A key locked by the machine policy is shown
read-only with "Set by your IT department"; the password field feeds the keyring via
`apply_first_run`. The audio page plays a test tone on the chosen output and shows the chosen
microphone's level; both run in a worker thread so the window stays responsive. This view
must never store anything itself (that is `apply_first_run`'s job) and never keep the password
after finishing.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.settings import audio_check
from desktop.settings.dialog import lock_reason
from desktop.settings.firstrun import FirstRunAnswers, apply_first_run
from desktop.settings.i18n import translate
from desktop.settings.layered import Settings
from desktop.settings.secrets import SecretStore

log = logging.getLogger("acuerdo.settings")


class FirstRunWizard(QWizard):
    def __init__(
        self, settings: Settings, secrets: SecretStore | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.secrets = secrets or SecretStore()
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self.problems: list[str] = []
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audio-check")
        self._pending: Future[audio_check.AudioCheck] | None = None
        self.setWindowTitle(translate("FirstRun", "Welcome to Acuerdo"))
        self.addPage(self._connection_page())
        self.addPage(self._account_page())
        self.addPage(self._audio_page())
        self.finished.connect(lambda _: self._pool.shutdown(wait=False, cancel_futures=True))

    # --- pages ---------------------------------------------------------------

    def _text_row(self, form: QFormLayout, key: str, label: str) -> None:
        editor = QLineEdit(self.settings.text(key))
        editor.setObjectName(f"firstrun_{key}")
        reason = lock_reason(self.settings.resolved(key).layer)
        editor.setReadOnly(bool(reason))
        editor.setToolTip(reason)
        self.fields[key] = editor
        form.addRow(label, editor)
        if reason:
            form.addRow("", QLabel(reason))

    def _connection_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(translate("FirstRun", "Connection"))
        page.setSubTitle(translate("FirstRun", "Where this desk connects to."))
        form = QFormLayout(page)
        self._text_row(form, "hub_url", translate("Settings", "Hub address"))
        self._text_row(form, "sip_registrar", translate("Settings", "SIP registrar"))
        return page

    def _account_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(translate("FirstRun", "Your phone account"))
        page.setSubTitle(
            translate(
                "FirstRun", "The password is kept in this computer's keyring, never in a file."
            )
        )
        form = QFormLayout(page)
        self._text_row(form, "sip_user", translate("Settings", "SIP user"))
        self.password = QLineEdit()
        self.password.setObjectName("firstrun_sip_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(translate("Settings", "SIP password"), self.password)
        return page

    def _audio_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(translate("FirstRun", "Headset and ringer"))
        form = QFormLayout(page)
        inputs, outputs = audio_check.devices()
        default = translate("FirstRun", "System default")
        for key, label, choices in (
            ("headset_output", translate("Settings", "Headset speaker"), outputs),
            ("headset_input", translate("Settings", "Headset microphone"), inputs),
            ("ringer_output", translate("Settings", "Ringer"), outputs),
        ):
            combo = QComboBox()
            combo.setObjectName(f"firstrun_{key}")
            combo.addItem(default, "")
            for device in choices:
                combo.addItem(device.description, device.name)
            current = combo.findData(self.settings.text(key))
            combo.setCurrentIndex(max(current, 0))
            self.fields[key] = combo
            form.addRow(label, combo)
        self.tone_button = QPushButton(translate("FirstRun", "Play test tone"))
        self.mic_button = QPushButton(translate("FirstRun", "Check microphone"))
        self.mic_level = QProgressBar()
        self.mic_level.setRange(0, 100)
        self.audio_status = QLabel()
        self.audio_status.setObjectName("firstrun_audio_status")
        self.tone_button.clicked.connect(self._play_tone)
        self.mic_button.clicked.connect(self._check_mic)
        row = QHBoxLayout()
        row.addWidget(self.tone_button)
        row.addWidget(self.mic_button)
        form.addRow(row)
        form.addRow(translate("FirstRun", "Microphone level"), self.mic_level)
        form.addRow(self.audio_status)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("firstrun_problems")
        self.problem_label.setWordWrap(True)
        form.addRow(self.problem_label)
        if not inputs or not outputs:
            self.audio_status.setText(
                translate("FirstRun", "No headset found; the system default will be used.")
            )
        return page

    # --- audio checks ----------------------------------------------------------

    def _play_tone(self) -> None:
        device = self._device("headset_output")
        self._start_check(self._pool.submit(audio_check.play_test_tone, device))

    def _check_mic(self) -> None:
        device = self._device("headset_input")
        self._start_check(self._pool.submit(audio_check.measure_mic_level, device))

    def _device(self, key: str) -> str:
        """The chosen device's name ("" = the system default)."""
        field = self.fields[key]
        if isinstance(field, QComboBox):
            return str(field.currentData() or "")
        return field.text().strip()

    def _start_check(self, future: Future[audio_check.AudioCheck]) -> None:
        self._pending = future
        self.audio_status.setText(translate("FirstRun", "Testing…"))
        QTimer.singleShot(50, self._poll_check)

    def _poll_check(self) -> None:
        # Results come back on the GUI thread by polling; the worker never touches widgets.
        future = self._pending
        if future is None:
            return
        if not future.done():
            QTimer.singleShot(50, self._poll_check)
            return
        self.show_audio_check(future.result())

    def show_audio_check(self, result: audio_check.AudioCheck) -> None:
        if not result.ok:
            self.audio_status.setText(
                translate("FirstRun", "Audio test failed: {reason}").format(reason=result.reason)
            )
            return
        self.mic_level.setValue(round(result.level * 100))
        self.audio_status.setText(translate("FirstRun", "Audio test done."))

    # --- finishing --------------------------------------------------------------

    def answers(self) -> FirstRunAnswers:
        values = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QComboBox):
                values[key] = str(widget.currentData() or "")
            elif not widget.isReadOnly():
                values[key] = widget.text().strip()
        return FirstRunAnswers(values=values, sip_password=self.password.text())

    def accept(self) -> None:
        self.problems = apply_first_run(self.settings, self.answers(), self.secrets)
        if self.problems:
            self.problem_label.setText("\n".join(self.problems))
            return
        self.password.clear()
        super().accept()
