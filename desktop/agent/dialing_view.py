"""The workspace's dialling features: preview bar, callbacks, manual dial, offline note.

Builds the views over `OwnCalls` and `CallbackAgenda`, binds them to the session, and gives
the workspace one slot per shortcut (call now, skip, dial, callbacks list, sign out). Due
callbacks are announced in the window and, when the window is hidden, through the tray. It must
never talk to the hub or the phone except through the session's view-models.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QSystemTrayIcon

from desktop.agent.callbacks_model import CallbackAgenda
from desktop.agent.callbacks_panel import CallbacksPanel
from desktop.agent.manual_dial import ManualDialDialog
from desktop.agent.own_calls import DialingPhone, OwnCalls
from desktop.agent.preview_bar import PreviewBar
from desktop.agent.session import AgentSession
from desktop.agent.shortcuts import ShortcutMap
from desktop.agent.tray import CallAlert
from desktop.common import messages
from desktop.common.formatting import format_datetime
from desktop.common.i18n import translate
from desktop.common.widgets import named
from sync.protocol import CallbackItem

REMINDER_MS = 15_000


class DialingFeatures(QObject):
    sign_out_requested = Signal()

    def __init__(
        self, window: QMainWindow, session: AgentSession, shortcuts: ShortcutMap, alert: CallAlert
    ) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._alert = alert
        self._shortcuts = shortcuts
        self.reminders = 0  # callbacks announced (for tests and the support log)
        settings = session.dial_settings
        cached = session.cached_debtor or _no_cache
        phone = cast("DialingPhone | None", session.phone)
        self.own_calls = OwnCalls(session, session.request, cached, phone, settings, self)
        self.agenda = CallbackAgenda(session.request, session.locale, self)
        self.callbacks_panel = CallbacksPanel(self.agenda.model)
        self.preview_bar = PreviewBar(
            session,
            settings.preview_countdown_s,
            (shortcuts.native("preview_call"), shortcuts.native("preview_skip")),
        )
        self.manual_dialog = ManualDialDialog(self.own_calls.manual_dial, window)
        self.offline_note = named(QLabel(), "offlineNote")
        self.offline_note.setTextFormat(Qt.TextFormat.PlainText)
        self.offline_note.setAccessibleName(translate("Dial", "Saved data notice"))
        self.offline_note.hide()

        self.callbacks_panel.dial_requested.connect(self.own_calls.dial_callback)
        self.own_calls.offline_notice.connect(self._offline)
        self.agenda.due.connect(self._remind)
        session.item_changed.connect(self.agenda.on_item)
        session.screen_cleared.connect(lambda: self._offline(""))
        session.connection_changed.connect(self._connection)

    def _connection(self, state: str, _detail: str) -> None:
        if state == "online":
            self.agenda.start()

    def stop(self) -> None:
        """The window closes: no timer of ours may fire into a loop that is gone."""
        self.preview_bar.finish()
        self.agenda.stop()
        self.own_calls.stop()

    def call_now(self) -> None:
        self.preview_bar.decide("call")

    def skip(self) -> None:
        self.preview_bar.decide("skip")

    def open_manual_dial(self) -> None:
        offer = self._session.offer
        if offer is None:
            messages.info(
                translate("Dial", "Open a debtor first: you can only dial their numbers.")
            )
            return
        self.manual_dialog.prepare(offer.debtor)
        self.manual_dialog.open()

    def show_callbacks(self) -> None:
        self.callbacks_panel.focus_list()

    def _offline(self, text: str) -> None:
        self.offline_note.setText(text)
        self.offline_note.setVisible(bool(text))

    def _remind(self, item: CallbackItem) -> None:
        self.reminders += 1
        when = format_datetime(item.due_at, self._session.locale)
        text = translate("Callbacks", "Callback due: {name} ({time}). Press {key} to see the list.")
        text = text.format(
            name=item.debtor_name, time=when, key=self._shortcuts.native("callbacks")
        )
        messages.info(text)
        self.callbacks_panel.select(item.id)
        tray = self._alert.tray
        if self._alert.window_hidden() and tray is not None and QSystemTrayIcon.supportsMessages():
            tray.showMessage(
                translate("Callbacks", "Callback due"),
                text,
                QSystemTrayIcon.MessageIcon.Information,
                REMINDER_MS,
            )


async def _no_cache(_debtor_id: int) -> None:
    return None
