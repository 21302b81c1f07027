"""A scripted agent that works real calls through the real widgets (demo and end-to-end runs).

It clicks the same buttons and fills the same promise form an agent would: go ready (in preview
mode press "Call now" once the debtor is on screen), confirm the debtor's identity, follow the
script toward a promise, save the minimum payment due in three days, hang up, submit the
wrap-up "promise_to_pay", and repeat for N calls. With a talk time it stays on each call for a
random stretch of that range before hanging up, so a supervisor can listen in by hand (the
supervisor demo's floor). Then it reports the run's figures through `on_metrics` and asks the
app to quit (exit code 0 only if every promise synced). It must never call the sync client or
the softphone directly: if the UI cannot do it, neither can the pilot.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from desktop.agent.promise_rules import amount_text, suggested_amount
from desktop.agent.session import AgentSession
from desktop.agent.workspace import AgentWorkspace
from softphone.model import CallInfo
from sync.protocol import HandoffOffer

log = logging.getLogger("acuerdo.desktop.autopilot")

TICK_MS = 40
MAX_SCRIPT_STEPS = 40
PROMISE_DAYS_AHEAD = 3
FORWARD_IDS = ("yes", "si", "sí", "accept", "agree")
# A person takes a moment to fill the wrap-up; the autopilot takes a short one.
WRAPUP_DELAY_MS = 100
SCREENSHOT_DELAY_MS = 1200
# A glance at the previewed debtor before pressing "Call now".
PREVIEW_READ_MS = 300


def preferred_option(option_ids: list[str]) -> str | None:
    """The option that leads toward a promise: yes/si or *promise, else the first."""
    for option_id in option_ids:
        lowered = option_id.lower()
        if lowered in FORWARD_IDS or lowered.endswith("promise"):
            return option_id
    return option_ids[0] if option_ids else None


class Autopilot(QObject):
    def __init__(
        self,
        workspace: AgentWorkspace,
        session: AgentSession,
        calls: int,
        on_metrics: Callable[[dict[str, Any]], None] | None,
        quit_app: Callable[[int], None],
        timeout_s: float = 120.0,
        screenshot: Path | None = None,
        talk_s: tuple[float, float] | None = None,
    ) -> None:
        if talk_s is not None and not 0 <= talk_s[0] <= talk_s[1]:
            raise ValueError(f"talk_s must be (low, high) with 0 <= low <= high: {talk_s!r}")
        super().__init__(workspace)
        self._ws = workspace
        self._session = session
        self._calls = calls
        self._on_metrics = on_metrics
        self._quit = quit_app
        # The deadline catches a stuck run; planned talking is not being stuck.
        self._timeout_s = timeout_s + (calls * talk_s[1] if talk_s is not None else 0.0)
        self._talk_s = talk_s
        self._talk_until = 0.0  # monotonic time before which the call is not hung up
        # Where to save a picture of the first call, just after its promise is saved.
        self._screenshot = screenshot
        # Keyed by (call id, INVITE time): pjsua reuses call ids once a call is gone.
        self._rtp_packets: dict[tuple[int, float | None], int] = {}
        self._phase = "idle"
        self._steps = 0
        self._promised = False
        self._popped: list[str] = []
        self._answered: set[tuple[int, float | None]] = set()
        self._screen_ms: list[float] = []
        self._rss_mb: float | None = None
        self._answer_ms: list[float] = []
        self._promise_keys: set[str] = set()
        self._wrapup_keys: set[str] = set()
        self._final: dict[str, str] = {}
        self._submitted = 0
        self._finished = False
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(lambda: self._finish(timed_out=True))

    def start(self) -> None:
        session = self._session
        session.screen_popped.connect(self._screen_popped)
        session.call_updated.connect(self._call_updated)
        session.call_ringing.connect(lambda _cid: QTimer.singleShot(0, self._answer_ringing))
        session.wrapup_started.connect(lambda _d: QTimer.singleShot(WRAPUP_DELAY_MS, self._wrap_up))
        session.promise_saved.connect(lambda item: self._promise_keys.add(item.key))
        session.item_changed.connect(self._item_changed)
        self._deadline.start(int(self._timeout_s * 1000))
        self._ticker.start()
        QTimer.singleShot(0, self._go_ready)

    # --- reacting ------------------------------------------------------------

    def _go_ready(self) -> None:
        if self._session.state == "not_ready":
            self._ws.top_bar.ready_button.click()

    def _screen_popped(self, offer: HandoffOffer) -> None:
        # Paint now so the figure includes putting the screen pop on screen.
        self._ws.repaint()
        started = self._session.offer_received_at.get(offer.handoff_id)
        if started is not None:
            self._screen_ms.append((time.perf_counter() - started) * 1000)
        self._popped.append(offer.handoff_id)
        # The memory budget is "with a call up": the peak over the run's screen pops.
        rss = rss_mb()
        if rss is not None:
            self._rss_mb = max(rss, self._rss_mb or 0.0)
        # Like an agent glancing down the history: the view asks the hub for an older page.
        self._ws.debtor_panel.history_view.scrollToBottom()
        self._phase = "wait_call"
        self._steps = 0
        self._promised = False
        log.info("autopilot: screen pop %d for handoff %s", len(self._popped), offer.handoff_id)
        if offer.mode == "preview":
            # Like a negotiator who has read the record: "Call now", not the whole countdown.
            QTimer.singleShot(PREVIEW_READ_MS, self._call_now)

    def _call_now(self) -> None:
        bar = self._ws.dialing.preview_bar
        if bar.isVisible() and bar.call_button.isEnabled():
            bar.call_button.click()

    def _call_updated(self, call: CallInfo | None) -> None:
        if call is None:
            return
        # Evidence that the media path is real: RTP from the customer's leg reached us.
        key = (call.call_id, call.invite_received_at)
        self._rtp_packets[key] = max(self._rtp_packets.get(key, 0), call.rx_rtp_packets)
        if call.state != "confirmed" or key in self._answered:
            return
        self._answered.add(key)
        if call.invite_received_at is not None and call.confirmed_at is not None:
            self._answer_ms.append((call.confirmed_at - call.invite_received_at) * 1000)

    def _answer_ringing(self) -> None:
        if self._ws.call_bar.answer_button.isEnabled():
            self._ws.call_bar.answer_button.click()

    def _item_changed(self, item: Any) -> None:
        if item.kind == "wrapup":
            self._wrapup_keys.add(item.key)
        state = str(item.state)
        if state in ("synced", "rejected"):
            self._final[item.key] = state
        self._check_done()

    # --- driving the script and the form --------------------------------------

    def _tick(self) -> None:
        if self._phase == "wait_call":
            call = self._session.call
            if call is not None and call.state == "confirmed" and self._session.script.loaded:
                # Like a negotiator: confirm who answered before any debt is discussed.
                if self._ws.verification.confirm_button.isVisible():
                    self._ws.verification.confirm_button.click()
                self._phase = "script"
                if self._talk_s is not None:
                    self._talk_until = time.monotonic() + random.uniform(*self._talk_s)
        elif self._phase == "script":
            self._script_step()

    def _script_step(self) -> None:
        step = self._session.script.current
        panel = self._ws.script_panel
        self._steps += 1
        if step is None or self._steps > MAX_SCRIPT_STEPS:
            self._close_call()
            return
        if step.action == "open_promise_form" and not self._promised:
            self._record_promise()
            if self._screenshot is not None and len(self._popped) == 1:
                self._phase = "posing"  # let the promise sync, then take the picture
                QTimer.singleShot(SCREENSHOT_DELAY_MS, self._take_screenshot)
                return
        if step.options:
            wanted = preferred_option([c.id for c in step.options])
            for button in panel.option_buttons:
                if button.property("optionId") == wanted:
                    button.click()
                    return
        if panel.next_button.isVisible() and panel.next_button.isEnabled():
            panel.next_button.click()
            return
        self._close_call()  # an end step (or a dead end): the conversation is over

    def _record_promise(self) -> None:
        form = self._ws.promise_form
        accounts = self._session.accounts.accounts
        open_accounts = [a for a in accounts if a.status == "open"]
        if not open_accounts:
            log.warning("autopilot: no open account to promise on")
            self._promised = True
            return
        account = open_accounts[0]
        form.select_account(account.id)
        form.amount.setText(amount_text(suggested_amount(account, form.policy)))
        form.set_due_date(dt.date.today() + dt.timedelta(days=PROMISE_DAYS_AHEAD))
        # No confirmation message: the demo's outbox holds one promise and one wrap-up per call.
        form.confirm_to.setCurrentIndex(0)
        # Like a negotiator: read the promise back, and save only once the debtor agreed.
        form.read_back_done.setChecked(True)
        form.save_button.click()
        if not form.problems.isHidden():
            log.warning("autopilot: the promise form refused the promise")
        self._promised = True

    def _take_screenshot(self) -> None:
        assert self._screenshot is not None
        self._screenshot.parent.mkdir(parents=True, exist_ok=True)
        window = self._ws.window()
        window.repaint()
        if not window.grab().save(str(self._screenshot)):
            log.error("autopilot: could not save the screenshot to %s", self._screenshot)
        self._phase = "script"

    def _close_call(self) -> None:
        if not self._promised:
            self._record_promise()
        left_s = self._talk_until - time.monotonic()
        if left_s > 0:
            # Still "talking": hang up once the talk time is over (if the customer has not).
            self._phase = "talking"
            QTimer.singleShot(int(left_s * 1000) + 1, self._talk_over)
            return
        self._phase = "hung_up"
        self._ws.call_bar.hangup_button.click()

    def _talk_over(self) -> None:
        if self._phase == "talking":  # else the customer hung up first and wrap-up ran
            self._talk_until = 0.0
            self._close_call()

    def _wrap_up(self) -> None:
        dialog = self._ws.wrapup
        self._submitted += 1
        if self._submitted >= self._calls:
            self._session.ready_after_wrapup = False  # the shift ends after this call
        dialog.choose("promise_to_pay")
        dialog.notes.setPlainText("autopilot")
        dialog.submit_button.click()
        self._phase = "idle"
        self._talk_until = 0.0

    # --- finishing -----------------------------------------------------------

    def _check_done(self) -> None:
        if self._submitted < self._calls:
            return
        wrapups_final = [k for k in self._wrapup_keys if k in self._final]
        promises_final = [k for k in self._promise_keys if k in self._final]
        if len(wrapups_final) >= self._calls and len(promises_final) == len(self._promise_keys):
            self._finish(timed_out=False)

    def metrics(self) -> dict[str, Any]:
        synced = sum(1 for k in self._promise_keys if self._final.get(k) == "synced")
        return {
            "calls": len(self._popped),
            "answered": len(self._answered),
            "promises_saved": len(self._promise_keys),
            "promises_synced": synced,
            "handoff_to_screen_ms_p50": _p50(self._screen_ms),
            "invite_to_answer_ms_p50": _p50(self._answer_ms),
            "calls_with_audio": sum(1 for n in self._rtp_packets.values() if n > 0),
            "rss_mb_at_screen_pop": self._rss_mb,
        }

    def _finish(self, timed_out: bool) -> None:
        if self._finished:
            return
        self._finished = True
        self._ticker.stop()
        self._deadline.stop()
        figures = self.metrics()
        if timed_out:
            log.error("autopilot: timed out after %.0f s", self._timeout_s)
        if self._on_metrics is not None:
            try:
                self._on_metrics(figures)
            except Exception:
                log.exception("on_metrics callback failed")
        ok = (
            not timed_out
            and figures["promises_saved"] >= self._calls
            and figures["promises_synced"] == figures["promises_saved"]
        )
        self._quit(0 if ok else 1)


def rss_mb() -> float | None:
    """This process's resident memory in MB (Linux /proc); None where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        return None
    return None


def _p50(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None
