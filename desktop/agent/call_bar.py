"""The call bar: every call control an agent needs, each with a shortcut and a screen-reader name.

Answer, hang up, hold, mute, keypad (DTMF), blind transfer, consult then complete (attended
transfer), conference, the call timer, a live MOS badge from the call's RTCP figures, level
meters, volume and the audio device menu. Buttons enable only when the action makes sense for
the call's state; the keys come from the agent's `ShortcutMap`. Primary controls show their
word and key; secondary ones (keypad, transfers, conference) are icons that keep their name in
the tooltip and for screen readers, so the whole bar fits a 1280 px window even mid-consult.
A thin view over `AgentSession` and its `CallControl`: it must never talk to the softphone
directly.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.agent.audio_controls import AudioControls
from desktop.agent.call_dialogs import KeypadDialog, TargetDialog
from desktop.agent.session import AgentSession
from desktop.agent.shortcuts import ShortcutMap, action_name
from desktop.agent.top_bar import _restyle
from desktop.common.formatting import format_duration
from desktop.common.i18n import translate
from desktop.common.resources import icon_path
from desktop.common.theme import notifier
from desktop.common.widgets import named
from softphone.model import CallInfo

QUALITY_MS = 1000
ICON_PX = 18
PRIMARY = ("answer", "hangup", "hold", "mute")
# Secondary controls and the bundled glyph each shows (resources/icons/call-<glyph>.svg).
GLYPHS = {
    "keypad": "keypad",
    "transfer": "transfer",
    "consult": "consult",
    "complete": "complete",
    "conference": "conference",
    "end_consult": "back",
}


def inked_icon(glyph: str) -> QIcon:
    """A bundled line glyph drawn in the current button text colour (readable in both looks);
    rendered at 3x so it stays sharp on a HiDPI screen."""
    path = icon_path(f"call-{glyph}")
    if not path.is_file():
        return QIcon()
    app = QApplication.instance()
    ink = (
        app.palette().color(QPalette.ColorRole.ButtonText).name()
        if isinstance(app, QApplication)
        else "#1f2933"
    )
    svg = path.read_text(encoding="utf-8").replace("currentColor", ink)
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    image = QImage(ICON_PX * 3, ICON_PX * 3, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return QIcon(QPixmap.fromImage(image))


def call_state_label(call: CallInfo | None) -> str:
    if call is None:
        return translate("Call", "No call")
    if call.state == "confirmed" and call.on_hold:
        return translate("Call", "On hold")
    return {
        "ringing": translate("Call", "Ringing"),
        "calling": translate("Call", "Calling"),
        "connecting": translate("Call", "Connecting"),
        "confirmed": translate("Call", "Connected"),
        "disconnected": translate("Call", "Ended"),
    }.get(call.state, call.state)


def mos_grade(mos: float) -> str:
    """Traffic-light grade of a MOS estimate (G.107 user satisfaction bands)."""
    if mos >= 4.0:
        return "good"
    if mos >= 3.6:
        return "fair"
    return "poor"


class CallBar(QFrame):
    def __init__(
        self, session: AgentSession, shortcuts: ShortcutMap, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callBar")
        self._session = session
        self._calls = session.calls
        self._keys = shortcuts
        self._call: CallInfo | None = None
        self._labelled: list[tuple[QPushButton, str]] = []
        self.status = named(QLabel(), "callState")
        self.timer_label = named(QLabel("0:00"), "callTimer")
        self.timer_label.setAccessibleName(translate("Call", "Call duration"))
        self.mos = named(QLabel(), "mosBadge")
        self.mos.setAccessibleName(translate("Call", "Call quality"))
        self.consult_status = named(QLabel(), "consultChip")

        self.keypad = KeypadDialog(self)
        self.keypad.digit.connect(self._calls.send_digits)
        self.target_dialog = TargetDialog(self)
        self.target_dialog.chosen.connect(self._target_chosen)

        self.answer_button = self._button("answer", translate("Call", "Answer"), session.answer)
        self.hangup_button = self._button("hangup", translate("Call", "Hang up"), self.hang_up)
        self.hold_button = self._button("hold", translate("Call", "Hold"), session.toggle_hold)
        self.mute_button = self._button("mute", translate("Call", "Mute"), session.toggle_mute)
        self.hold_button.setCheckable(True)
        self.mute_button.setCheckable(True)
        self.keypad_button = self._button("keypad", translate("Call", "Keypad"), self.open_keypad)
        self.transfer_button = self._button(
            "transfer", translate("Call", "Transfer"), lambda: self.target_dialog.ask("transfer")
        )
        self.consult_button = self._button(
            "consult", translate("Call", "Consult"), lambda: self.target_dialog.ask("consult")
        )
        self.complete_button = self._button(
            "complete", translate("Call", "Complete transfer"), self._calls.complete_transfer
        )
        self.conference_button = self._button(
            "conference", translate("Call", "Conference"), self._calls.toggle_conference
        )
        self.conference_button.setCheckable(True)
        self.end_consult_button = named(QPushButton(), "end_consult")
        self.end_consult_button.setProperty("face", translate("Call", "Back to customer"))
        self.end_consult_button.setAccessibleName(translate("Call", "End consultation"))
        self.end_consult_button.setToolTip(translate("Call", "Back to customer"))
        self.end_consult_button.clicked.connect(self._calls.end_consult)
        self._paint_glyphs()
        notifier().changed.connect(lambda _look: self._paint_glyphs())
        self.audio = AudioControls(self._calls)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.status)
        layout.addWidget(self.timer_label)
        layout.addWidget(self.mos)
        layout.addWidget(self.consult_status)
        layout.addStretch(1)
        for button in (self.answer_button, self.hangup_button, self.hold_button, self.mute_button):
            layout.addWidget(button)
        layout.addSpacing(6)
        for button in (
            self.keypad_button,
            self.transfer_button,
            self.consult_button,
            self.complete_button,
            self.conference_button,
            self.end_consult_button,
        ):
            layout.addWidget(button)
        layout.addSpacing(6)
        layout.addWidget(self.audio)

        session.call_updated.connect(self.show_call)
        session.agent_state_changed.connect(lambda _s: self.show_call(self._session.call))
        self._calls.consult_changed.connect(lambda _c: self.show_call(self._call))
        self._calls.conference_changed.connect(lambda _on: self.show_call(self._call))
        self._clock = QTimer(self)
        self._clock.setInterval(500)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._quality_timer = QTimer(self)
        self._quality_timer.setInterval(QUALITY_MS)
        self._quality_timer.timeout.connect(self.show_quality)
        self.show_call(None)

    def _button(self, action_id: str, text: str, slot: Callable[[], object]) -> QPushButton:
        """Primary controls show their key on the face; every control names it for screen
        readers and in its tooltip (the window's shortcut does the triggering)."""
        key = self._keys.native(action_id)
        primary = action_id in PRIMARY
        button = named(QPushButton(), action_id)
        button.setProperty("face", text)
        button.setProperty("primary", primary)
        button.setAccessibleName(action_name(action_id))
        self._label(button, action_id, key)
        button.clicked.connect(lambda _c=False: slot())
        self._labelled.append((button, action_id))
        return button

    def _label(self, button: QPushButton, action_id: str, key: str) -> None:
        face = str(button.property("face"))
        # Secondary controls are icons (see GLYPHS): their words are in the tooltip instead.
        button.setText(f"{face} ({key})" if button.property("primary") else "")
        button.setAccessibleDescription(translate("Call", "Shortcut: {key}").format(key=key))
        button.setToolTip(f"{action_name(action_id)} ({key})")

    def relabel(self, shortcuts: ShortcutMap) -> None:
        """Show the agent's new keys after they changed them."""
        self._keys = shortcuts
        for button, action_id in self._labelled:
            self._label(button, action_id, shortcuts.native(action_id))

    def _paint_glyphs(self) -> None:
        """Icons for the secondary controls, in the current look's ink (again on a switch)."""
        for button in [b for b, _ in self._labelled] + [self.end_consult_button]:
            glyph = GLYPHS.get(button.objectName())
            if glyph is not None:
                button.setIcon(inked_icon(glyph))
                button.setIconSize(QSize(ICON_PX, ICON_PX))

    def hang_up(self) -> None:
        if self._calls.consult is not None:
            self._calls.end_consult()  # the agent hangs up on the colleague, not the customer
            return
        self._session.hang_up()

    def open_keypad(self) -> None:
        if self.keypad_button.isEnabled():
            self.keypad.open_fresh()

    def ask_target(self, purpose: str) -> None:
        button = self.transfer_button if purpose == "transfer" else self.consult_button
        if button.isEnabled():
            self.target_dialog.ask(purpose)

    def _target_chosen(self, purpose: str, text: str) -> None:
        if purpose == "consult":
            self._calls.start_consult(text)
        else:
            self._calls.blind_transfer(text)

    def show_call(self, call: CallInfo | None) -> None:
        self._call = call
        state = call.state if call else "none"
        live = call is not None and call.state == "confirmed"
        on_hold = bool(live and call.on_hold)  # type: ignore[union-attr]
        consult = self._calls.consult
        consulting = consult is not None
        self.status.setText(call_state_label(call))
        _restyle(self.status, "state", "hold" if on_hold else state)
        self.answer_button.setEnabled(call is not None and call.state == "ringing")
        self.hangup_button.setEnabled(
            (call is not None and call.state != "disconnected")
            or (self._session.offer is not None and self._session.state == "on_call")
        )
        self.hold_button.setEnabled(live and not consulting)
        self.mute_button.setEnabled(live)
        self.hold_button.setChecked(on_hold)
        self.mute_button.setChecked(bool(live and call.muted))  # type: ignore[union-attr]
        self.keypad_button.setEnabled(live and not on_hold)
        self.transfer_button.setEnabled(live and not consulting)
        self.consult_button.setEnabled(live and not consulting)
        # Mid-consult the colleague's controls take their place (so the bar still fits).
        self.transfer_button.setVisible(not consulting)
        self.consult_button.setVisible(not consulting)
        consult_up = consulting and consult.state == "confirmed"  # type: ignore[union-attr]
        self.complete_button.setVisible(consulting)
        self.complete_button.setEnabled(live and consult_up)
        self.conference_button.setVisible(consulting)
        self.conference_button.setEnabled(live and consult_up)
        self.conference_button.setChecked(self._calls.in_conference)
        self.end_consult_button.setVisible(consulting)
        if consulting:
            self.consult_status.setText(
                translate("Call", "Colleague: {state}").format(state=call_state_label(consult))
            )
            self.consult_status.show()
        else:
            self.consult_status.hide()
        self.audio.set_live(live)
        if live:
            self._quality_timer.start()
        else:
            self._quality_timer.stop()
        self.show_quality()
        self._tick()

    def show_quality(self) -> None:
        quality = self._calls.quality() if self._call is not None else None
        if quality is None:
            self.mos.hide()
            return
        grade = mos_grade(quality.mos)
        self.mos.setText(translate("Call", "MOS {mos:.1f}").format(mos=quality.mos))
        rtt = "–" if quality.rtt_ms is None else f"{quality.rtt_ms:.0f}"
        self.mos.setToolTip(
            translate(
                "Call", "Loss {loss:.1f}% · jitter {jitter:.0f} ms · round trip {rtt} ms"
            ).format(loss=quality.rx_loss_pct, jitter=quality.rx_jitter_ms, rtt=rtt)
        )
        _restyle(self.mos, "grade", grade)
        self.mos.show()

    def _tick(self) -> None:
        call = self._call
        if call is None or call.confirmed_at is None:
            self.timer_label.setText("0:00")
            return
        if call.state == "confirmed":
            self.timer_label.setText(format_duration(time.monotonic() - call.confirmed_at))
