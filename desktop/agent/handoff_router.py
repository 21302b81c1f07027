"""Pairs the hub's handoff offers with the dialer's INVITEs and decides answer or ring.

Offer and INVITE race each other; `softphone.pairing.HandoffPairing` holds whichever came first
for a bounded wait. A paired predictive call, or a preview call the agent asked for, that asked
`answer-after=0` is answered at once, and so is a progressive call when the desk is set to
(`auto_answer_progressive`); everything else rings for the agent. An INVITE that never finds
its offer follows the desk's unpaired policy (`Phone.apply_unpaired_policy`: rejected with 480,
or rung as a plain call). This router must never pop a screen or touch
widgets: it only decides and emits.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.common import messages
from desktop.common.i18n import translate
from softphone.model import CallInfo, SoftphoneError, UnknownCallError
from softphone.pairing import HandoffPairing
from sync.protocol import HandoffOffer

log = logging.getLogger("acuerdo.desktop")

EXPIRY_CHECK_MS = 200


class CallControl(Protocol):
    def answer(self, call_id: int) -> None: ...

    def call(self, call_id: int) -> CallInfo | None: ...

    def apply_unpaired_policy(self, call_id: int) -> bool: ...


class HandoffRouter(QObject):
    paired = Signal(str, int)  # handoff_id, call_id
    ringing = Signal(int)  # call_id: the agent must answer (preview, unpaired, plain call)
    auto_answered = Signal(int)  # call_id

    def __init__(
        self,
        phone: CallControl | None,
        wait_s: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._phone = phone
        self._pairing: HandoffPairing[HandoffOffer] = HandoffPairing(wait_s, clock)
        self.auto_answer_progressive = False
        self._timer = QTimer(self)
        self._timer.setInterval(EXPIRY_CHECK_MS)
        self._timer.timeout.connect(self.check_expired)
        self._timer.start()

    def offer_arrived(self, offer: HandoffOffer) -> None:
        pair = self._pairing.offer_arrived(offer.handoff_id, offer)
        if pair is not None:
            self._decide(pair.offer, pair.call_id)

    def offer_withdrawn(self, handoff_id: str) -> None:
        self._pairing.forget_offer(handoff_id)

    def invite_arrived(self, call: CallInfo) -> None:
        if not call.handoff_id:
            self.ringing.emit(call.call_id)
            return
        pair = self._pairing.invite_arrived(call.handoff_id, call.call_id)
        if pair is not None:
            self._decide(pair.offer, pair.call_id)

    def call_ended(self, call_id: int) -> None:
        self._pairing.forget_call(call_id)

    def check_expired(self) -> None:
        for half in self._pairing.expired():
            if half.kind == "invite" and half.call_id is not None:
                if self._unpaired_rejected(half.call_id):
                    log.info("INVITE for handoff %s found no offer; rejected", half.handoff_id)
                    continue
                log.info("INVITE for handoff %s found no offer; ringing", half.handoff_id)
                self.ringing.emit(half.call_id)
            else:
                # The screen already popped from the offer; the call may simply be late.
                log.info("offer %s found no INVITE within the wait", half.handoff_id)

    def _unpaired_rejected(self, call_id: int) -> bool:
        """True when the phone turned the offer-less call away (or it is already gone)."""
        if self._phone is None:
            return False
        try:
            return self._phone.apply_unpaired_policy(call_id)
        except UnknownCallError:
            return True  # the caller gave up meanwhile: nothing left to ring
        except SoftphoneError as exc:
            log.warning("unpaired policy for call %s failed: %s", call_id, exc)
            return False

    def _decide(self, offer: HandoffOffer, call_id: int) -> None:
        self.paired.emit(offer.handoff_id, call_id)
        call = self._phone.call(call_id) if self._phone else None
        asked = call is not None and call.answer_after_s == 0
        automatic = (offer.mode in ("predictive", "preview") and asked) or (
            offer.mode == "progressive" and self.auto_answer_progressive
        )
        if self._phone is not None and call is not None and automatic:
            try:
                self._phone.answer(call_id)
            except SoftphoneError as exc:
                log.warning("auto-answer of call %s failed: %s", call_id, exc)
                messages.error(translate("Call", "The call could not be answered automatically."))
                self.ringing.emit(call_id)
                return
            self.auto_answered.emit(call_id)
        else:
            self.ringing.emit(call_id)

    def stop(self) -> None:
        self._timer.stop()
