"""Audio controls on the call bar: mic and speaker level meters, volume, device choice.

Meters poll the softphone's peak levels ten times a second, only while a call is up (an idle
desk must not wake the CPU for nothing). The device menu lists headset outputs, headset inputs
and ringer outputs by name when it opens, stores the choice and hands it to the running
softphone, which moves its streams at once, mid-call too. It must never open a device or call
the softphone directly: levels, volume and devices go through `CallControl`.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QSlider,
    QToolButton,
    QWidget,
)

from desktop.agent.audio_settings import (
    DeviceRole,
    chosen_device,
    desk_settings,
    load_audio_prefs,
    save_device,
    save_volume,
)
from desktop.agent.call_control import CallControl
from desktop.common import messages
from desktop.common.i18n import translate
from desktop.common.preferences import workspace_settings
from desktop.common.widgets import named
from desktop.settings.userfile import SettingsFileError

log = logging.getLogger("acuerdo.desktop")

METER_MS = 100


def _meter(name: str) -> QProgressBar:
    meter = named(QProgressBar(), "levelMeter")
    meter.setRange(0, 100)
    meter.setTextVisible(False)
    meter.setFixedSize(54, 8)
    meter.setAccessibleName(name)
    return meter


class AudioControls(QWidget):
    def __init__(self, calls: CallControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calls = calls
        self.mic_meter = _meter(translate("Audio", "Microphone level"))
        self.speaker_meter = _meter(translate("Audio", "Speaker level"))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setObjectName("volume")
        self.volume.setRange(0, 200)
        self.volume.setValue(int(calls.volume * 100))
        self.volume.setFixedWidth(90)
        self.volume.setAccessibleName(translate("Audio", "Speaker volume"))
        self.volume.setToolTip(translate("Audio", "Speaker volume"))
        self.volume.valueChanged.connect(self._volume_moved)
        calls.volume_changed.connect(self._volume_changed)
        self.devices = named(QToolButton(), "audioDevices")
        self.devices.setText(translate("Audio", "Audio"))
        self.devices.setAccessibleName(translate("Audio", "Audio devices"))
        self.devices.setToolTip(translate("Audio", "Choose headset and ringer devices"))
        self.devices.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.devices)
        self.menu.aboutToShow.connect(self.fill_menu)
        self.devices.setMenu(self.menu)
        mic_label = named(QLabel(translate("Audio", "Mic")), "subtle")
        spk_label = named(QLabel(translate("Audio", "Spk")), "subtle")
        mic_label.setBuddy(self.mic_meter)
        spk_label.setBuddy(self.speaker_meter)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(mic_label)
        layout.addWidget(self.mic_meter)
        layout.addWidget(spk_label)
        layout.addWidget(self.speaker_meter)
        layout.addWidget(self.volume)
        layout.addWidget(self.devices)
        self._timer = QTimer(self)
        self._timer.setInterval(METER_MS)
        self._timer.timeout.connect(self.sample)

    def set_live(self, live: bool) -> None:
        if live and not self._timer.isActive():
            self._timer.start()
        elif not live:
            self._timer.stop()
            self.mic_meter.setValue(0)
            self.speaker_meter.setValue(0)

    def sample(self) -> None:
        levels = self._calls.levels()
        if levels is None:
            return
        self.mic_meter.setValue(int(min(1.0, levels.mic) * 100))
        self.speaker_meter.setValue(int(min(1.0, levels.speaker) * 100))

    def _volume_moved(self, value: int) -> None:
        if abs(value / 100 - self._calls.volume) >= 0.01:
            self._calls.set_volume(value / 100)

    def _volume_changed(self, volume: float) -> None:
        self.volume.blockSignals(True)
        self.volume.setValue(round(volume * 100))
        self.volume.blockSignals(False)
        try:
            save_volume(workspace_settings(), volume)
        except ValueError:
            log.warning("volume out of range not saved")

    def fill_menu(self) -> None:
        self.menu.clear()
        try:
            from softphone.audio import list_devices

            devices = list_devices()
        except Exception as exc:  # no audio system at all: say so instead of an empty menu
            log.warning("audio devices not listed: %s", type(exc).__name__)
            devices = []
        sections: tuple[tuple[DeviceRole, str, bool], ...] = (
            ("headset_output", translate("Audio", "Headset (speaker)"), False),
            ("headset_input", translate("Audio", "Headset (microphone)"), True),
            ("ringer_output", translate("Audio", "Ringer"), False),
        )
        settings = desk_settings()
        for role, title, is_input in sections:
            sub = self.menu.addMenu(title)
            group = QActionGroup(sub)
            current = chosen_device(settings, role)
            names = [d for d in devices if (d.is_input if is_input else d.is_output)]
            default = QAction(translate("Audio", "System default"), sub)
            options = [(default, None)] + [(QAction(d.description, sub), d.name) for d in names]
            for action, name in options:
                action.setCheckable(True)
                action.setChecked(name == current)
                action.triggered.connect(lambda _c=False, r=role, n=name: self.choose(r, n))
                group.addAction(action)
                sub.addAction(action)
        if not devices:
            empty = self.menu.addAction(translate("Audio", "No audio devices found"))
            empty.setEnabled(False)

    def choose(self, role: DeviceRole, name: str | None) -> None:
        settings = desk_settings()
        try:
            save_device(settings, role, name)  # the user settings file: sign-in reads it too
        except SettingsFileError as exc:
            log.warning("audio device not saved: %s", type(exc).__name__)
            messages.warning(translate("Audio", "The device choice could not be saved."))
        prefs = replace(load_audio_prefs(settings), speaker_volume=self._calls.volume)
        if self._calls.set_devices(prefs):  # moves the running phone's streams, mid-call too
            messages.info(translate("Audio", "Audio device changed."))
