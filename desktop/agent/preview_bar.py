"""The preview bar: the debtor is on screen before any call; dial now, skip, or let it count down.

Shown for a preview handoff until the agent decides or the countdown (the desk's
`preview_countdown_s`; 0 = no auto-dial) runs out, which counts as "Call now". A thin view: it
asks `AgentSession.decide_preview` and must never talk to the hub or the phone itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.agent.session import AgentSession
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import HandoffOffer

TICK_MS = 1000


class PreviewBar(QFrame):
    def __init__(
        self,
        session: AgentSession,
        countdown_s: int,
        keys: tuple[str, str] = ("", ""),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("previewBar")
        self.setAccessibleName(translate("Preview", "Preview: call or skip this debtor"))
        self._session = session
        self.countdown_s = countdown_s
        self.remaining = 0
        self._handoff: str | None = None
        self.text = named(QLabel(), "previewText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.call_button = named(QPushButton(), "previewCall")
        self.call_button.setAccessibleName(translate("Preview", "Call now"))
        self.call_button.clicked.connect(lambda: self.decide("call"))
        self.skip_button = named(QPushButton(), "previewSkip")
        self.skip_button.setAccessibleName(translate("Preview", "Skip this debtor"))
        self.skip_button.clicked.connect(lambda: self.decide("skip"))
        self.relabel(*keys)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.call_button)
        layout.addWidget(self.skip_button)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        session.screen_popped.connect(self.show_offer)
        session.screen_cleared.connect(self.finish)
        session.call_updated.connect(self._call_updated)
        self.hide()

    def relabel(self, call_key: str, skip_key: str) -> None:
        call = translate("Preview", "Call now")
        skip = translate("Preview", "Skip")
        self.call_button.setText(f"{call} ({call_key})" if call_key else call)
        self.skip_button.setText(f"{skip} ({skip_key})" if skip_key else skip)

    def show_offer(self, offer: HandoffOffer) -> None:
        if offer.mode != "preview" or self._session.call is not None:
            self.finish()
            return
        self._handoff = offer.handoff_id
        self.remaining = self.countdown_s
        self._show_remaining()
        self.show()
        if self.countdown_s > 0:
            self._timer.start()

    def decide(self, action: str) -> None:
        if self._handoff is None:
            return
        self.finish()
        self._session.decide_preview(action)

    def finish(self) -> None:
        self._timer.stop()
        self._handoff = None
        self.hide()

    def _call_updated(self, call: object) -> None:
        if call is not None:
            self.finish()  # a call is up (dialled, or the agent dialled out): nothing to decide

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.decide("call")
        else:
            self._show_remaining()

    def _show_remaining(self) -> None:
        if self.countdown_s > 0:
            text = translate("Preview", "Preview: the call is dialled in {seconds} s.")
            self.text.setText(text.format(seconds=self.remaining))
        else:
            self.text.setText(translate("Preview", "Preview: call the debtor when ready."))
