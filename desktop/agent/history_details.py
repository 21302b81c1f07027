"""The details pane under the history: every fact of the selected event, as plain text.

`event_lines` turns one `HistoryEvent` into labelled lines (channel, time, direction, account,
summary, then every detail field, known ones with a translated label and money or dates by
locale, unknown ones by their key), so it is testable without a screen; `HistoryDetails` shows
them in a read-only plain-text box, and a call's recording as buttons that open its address in
the system's player or copy it. It must never render an event's text as markup (an SMS may
contain anything), open anything but a web address, nor log an event's contents.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop.common.formatting import (
    channel_label,
    format_date,
    format_datetime,
    format_duration,
    format_money,
)
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import DetailValue, HistoryEvent

# Labels for the detail keys the hub writes today; any other key is shown as it is.
DETAIL_LABELS: dict[str, str] = {
    "disposition": str(QT_TRANSLATE_NOOP("HistoryDetail", "Disposition")),
    "duration_s": str(QT_TRANSLATE_NOOP("HistoryDetail", "Duration")),
    "agent": str(QT_TRANSLATE_NOOP("HistoryDetail", "Agent")),
    "quality": str(QT_TRANSLATE_NOOP("HistoryDetail", "Quality")),
    "script_path": str(QT_TRANSLATE_NOOP("HistoryDetail", "Script path")),
    "recording": str(QT_TRANSLATE_NOOP("HistoryDetail", "Recording")),
    "text": str(QT_TRANSLATE_NOOP("HistoryDetail", "Text")),
    "delivered": str(QT_TRANSLATE_NOOP("HistoryDetail", "Delivered")),
    "read": str(QT_TRANSLATE_NOOP("HistoryDetail", "Read")),
    "subject": str(QT_TRANSLATE_NOOP("HistoryDetail", "Subject")),
    "opened": str(QT_TRANSLATE_NOOP("HistoryDetail", "Opened")),
    "message": str(QT_TRANSLATE_NOOP("HistoryDetail", "Message played")),
    "digit": str(QT_TRANSLATE_NOOP("HistoryDetail", "Digit pressed")),
    "amount_cents": str(QT_TRANSLATE_NOOP("HistoryDetail", "Amount")),
    "method": str(QT_TRANSLATE_NOOP("HistoryDetail", "Payment method")),
    "due_date": str(QT_TRANSLATE_NOOP("HistoryDetail", "Due date")),
    "outcome": str(QT_TRANSLATE_NOOP("HistoryDetail", "Outcome")),
    "thread_id": str(QT_TRANSLATE_NOOP("HistoryDetail", "Conversation")),
    "conversation_id": str(QT_TRANSLATE_NOOP("HistoryDetail", "Conversation")),
}
DIRECTIONS = {
    "in": str(QT_TRANSLATE_NOOP("HistoryDetail", "Incoming")),
    "out": str(QT_TRANSLATE_NOOP("HistoryDetail", "Outgoing")),
}


def event_lines(
    event: HistoryEvent, locale: str, currency: str = "MXN", tz: dt.tzinfo | None = None
) -> list[tuple[str, str]]:
    """(label, value) pairs describing the event, in display order."""
    lines = [
        (translate("HistoryDetail", "Channel"), channel_label(event.channel)),
        (translate("HistoryDetail", "When"), format_datetime(event.occurred_at, locale, tz)),
    ]
    if event.direction:
        lines.append(
            (
                translate("HistoryDetail", "Direction"),
                translate("HistoryDetail", DIRECTIONS[event.direction]),
            )
        )
    if event.account_id is not None:
        lines.append((translate("HistoryDetail", "Account"), str(event.account_id)))
    if event.summary:
        lines.append((translate("HistoryDetail", "Summary"), event.summary))
    for key, value in event.detail.items():
        source = DETAIL_LABELS.get(key)
        label = translate("HistoryDetail", source) if source else key
        lines.append((label, _value(key, value, locale, currency)))
    return lines


def recording_url(event: HistoryEvent | None) -> QUrl | None:
    """The call's recording address when it is a web address; anything else (a file path, a
    script URL, garbage) is not offered for opening."""
    raw = event.detail.get("recording") if event is not None else None
    if not isinstance(raw, str) or not raw:
        return None
    url = QUrl(raw, QUrl.ParsingMode.StrictMode)
    if not url.isValid() or url.scheme() not in ("https", "http") or not url.host():
        return None
    return url


def _value(key: str, value: DetailValue, locale: str, currency: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return translate("HistoryDetail", "yes") if value else translate("HistoryDetail", "no")
    if key.endswith("_cents") and isinstance(value, int):
        return format_money(value, currency, locale)
    if key.endswith("_s") and isinstance(value, int):
        return format_duration(value)
    if key.endswith("_date") and isinstance(value, str):
        try:
            return format_date(dt.date.fromisoformat(value), locale)
        except ValueError:
            return value  # not a date after all: show what the hub sent
    return str(value)


class HistoryDetails(QWidget):
    """A read-only, selectable plain-text box with the selected event's facts."""

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self.title = named(QLabel(translate("HistoryDetail", "Event details")), "sectionTitle")
        self.text = named(QPlainTextEdit(), "historyDetails")
        self.text.setReadOnly(True)
        # Tab leaves the box (nothing to type here) so the recording buttons are reachable.
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(translate("HistoryDetail", "Event details"))
        self.text.setPlaceholderText(
            translate("HistoryDetail", "Select an event to see its details.")
        )
        self._recording: QUrl | None = None
        self.open_recording = named(
            QPushButton(translate("HistoryDetail", "Open &recording")), "openRecording"
        )
        self.open_recording.setAccessibleName(translate("HistoryDetail", "Open recording"))
        self.open_recording.setToolTip(
            translate("HistoryDetail", "Play the call's recording from the recording server")
        )
        self.open_recording.clicked.connect(self._open_recording)
        self.copy_recording = named(
            QPushButton(translate("HistoryDetail", "Copy recording lin&k")), "copyRecording"
        )
        self.copy_recording.setAccessibleName(translate("HistoryDetail", "Copy recording link"))
        self.copy_recording.clicked.connect(self._copy_recording)
        self.recording_bar = named(QWidget(), "recordingBar")
        bar = QHBoxLayout(self.recording_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.open_recording)
        bar.addWidget(self.copy_recording)
        bar.addStretch(1)
        self.recording_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.recording_bar)

    def show_event(
        self, event: HistoryEvent | None, tz: dt.tzinfo | None = None, turns: int = 0
    ) -> None:
        self._recording = recording_url(event)
        self.recording_bar.setVisible(self._recording is not None)
        if event is None:
            self.text.clear()
            return
        lines = [f"{label}: {value}" for label, value in event_lines(event, self._locale, tz=tz)]
        if turns:
            lines.append("")
            lines.append(
                translate(
                    "HistoryDetail", "{count} other turns of this conversation are highlighted."
                ).format(count=turns)
            )
        # setPlainText: whatever the debtor wrote is shown literally, never as markup.
        self.text.setPlainText("\n".join(lines))

    def _open_recording(self) -> None:
        if self._recording is not None:
            # The system's handler for web addresses (browser or player) streams it.
            QDesktopServices.openUrl(self._recording)

    def _copy_recording(self) -> None:
        if self._recording is not None:
            QGuiApplication.clipboard().setText(self._recording.toString())
