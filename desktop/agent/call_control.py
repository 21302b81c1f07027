"""In-call features for the call bar: keypad, transfers, consultation, conference and audio.

`CallControl` follows the customer's call and, while the agent consults someone, the consult
call; it validates what the agent typed (digits, transfer targets) before it reaches the
softphone and turns softphone refusals into messages through the bridge. A transfer target is
a SIP address or a plain extension/number, which is dialled at the customer call's SIP host.
It must never import widgets, and never log a dialled number or digits (a card number may be
keyed in through the keypad).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from desktop.common import messages
from desktop.common.i18n import translate
from softphone.model import AudioPrefs, CallInfo, SoftphoneError

log = logging.getLogger("acuerdo.desktop")

_DIGITS = re.compile(r"^[0-9A-Da-d*#]{1,32}$")
_EXTENSION = re.compile(r"^\+?[0-9]{2,15}$")
_SIP = re.compile(r"^sips?:[A-Za-z0-9+._\-]+@[A-Za-z0-9.\-\[\]:]+(;[^\s<>\"]*)?$")
VOLUME_STEP = 0.1
# A call that ends this soon after a network change ended because of it (the re-INVITE failed).
NETWORK_END_WINDOW_S = 30.0


class FeaturePhone(Protocol):
    def call(self, call_id: int) -> CallInfo | None: ...

    def hangup(self, call_id: int) -> None: ...

    def set_hold(self, call_id: int, on: bool) -> None: ...

    def make_call(self, target_uri: str, *, handoff_id: str | None = None) -> int: ...

    def send_dtmf(self, call_id: int, digits: str) -> str: ...

    def transfer(self, call_id: int, target_uri: str) -> None: ...

    def transfer_to_call(self, call_id: int, consult_call_id: int) -> None: ...

    def conference(self, call_ids: list[int], on: bool = True) -> None: ...

    def audio_levels(self) -> Any: ...

    def set_volume(self, speaker: float | None = None, mic: float | None = None) -> None: ...

    def network_changed(self, registrar: str | None = None) -> None: ...

    def set_devices(self, prefs: AudioPrefs) -> None: ...


def transfer_target(text: str, customer_uri: str | None) -> str:
    """The SIP URI to transfer or consult to; raises ValueError with an agent-readable reason."""
    target = text.strip()
    if _SIP.match(target):
        return target
    if _EXTENSION.match(target):
        host = _host_of(customer_uri)
        if host is None:
            raise ValueError(
                translate("Call", "Type a full SIP address (sip:user@host) for this call.")
            )
        return f"sip:{target}@{host}"
    raise ValueError(
        translate("Call", "Type an extension, a phone number or a SIP address (sip:user@host).")
    )


def _host_of(uri: str | None) -> str | None:
    if not uri:
        return None
    inner = uri.split("<", 1)[-1].split(">", 1)[0]
    if "@" not in inner:
        return None
    host = inner.split("@", 1)[1].split(";", 1)[0]
    return host or None


class CallControl(QObject):
    consult_changed = Signal(object)  # CallInfo | None
    conference_changed = Signal(bool)
    volume_changed = Signal(float)

    def __init__(self, phone: FeaturePhone | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._phone = phone
        self.customer: CallInfo | None = None
        self.consult: CallInfo | None = None
        self.in_conference = False
        self.volume = 1.0
        self._moved: set[int] = set()  # calls carried over the last network change
        self._moved_at = 0.0

    @property
    def available(self) -> bool:
        return self._phone is not None

    # --- call tracking (fed by the session) ---------------------------------

    def customer_changed(self, call: CallInfo | None) -> None:
        self.customer = call
        if call is not None:
            self._after_network_change(call)
        if (call is None or call.state == "disconnected") and self.in_conference:
            self.in_conference = False
            self.conference_changed.emit(False)

    def any_call_changed(self, call: CallInfo) -> bool:
        """Track the consult call; True when `call` was ours (the consult leg)."""
        self._after_network_change(call)
        if self.consult is None or call.call_id != self.consult.call_id:
            return False
        if call.state == "disconnected":
            self.consult = None
            if self.in_conference:
                self.in_conference = False
                self.conference_changed.emit(False)
        else:
            self.consult = call
        self.consult_changed.emit(self.consult)
        return True

    # --- network change (resume from sleep, new Wi-Fi, VPN up) ---------------------------

    def network_changed(self) -> bool:
        """Re-register the phone and carry live calls over with a re-INVITE; the agent hears
        about it, and about any call that could not follow (with the SIP reason)."""
        live = {c.call_id for c in (self.customer, self.consult) if c and c.state != "disconnected"}
        if not self._do(lambda phone: phone.network_changed(), "network change"):
            return False
        self._moved, self._moved_at = live, time.monotonic()
        messages.info(translate("Call", "The network changed; the phone is reconnecting."))
        return True

    def _after_network_change(self, call: CallInfo) -> None:
        if call.call_id not in self._moved or call.state != "disconnected":
            return
        self._moved.discard(call.call_id)
        if time.monotonic() - self._moved_at > NETWORK_END_WINDOW_S:
            return
        log.warning("call %s ended after a network change (%s)", call.call_id, call.sip_status)
        messages.warning(
            translate("Call", "The call ended when the network changed: {reason}").format(
                reason=call.reason or translate("Call", "no answer from the other side")
            )
        )

    def _live_customer(self) -> CallInfo | None:
        call = self.customer
        return call if call is not None and call.state == "confirmed" else None

    # --- features ------------------------------------------------------------

    def send_digits(self, digits: str) -> bool:
        call = self._live_customer()
        if call is None:
            return False
        if not _DIGITS.match(digits):
            messages.warning(translate("Call", "The keypad sends 0-9, *, # and A-D only."))
            return False
        return self._do(lambda p: p.send_dtmf(call.call_id, digits), "send digits")

    def blind_transfer(self, text: str) -> bool:
        call = self._live_customer()
        if call is None:
            return False
        target = self._target(text, call)
        if target is None:
            return False
        if self._do(lambda p: p.transfer(call.call_id, target), "transfer"):
            messages.info(translate("Call", "Transferring the call…"))
            return True
        return False

    def start_consult(self, text: str) -> bool:
        """Hold the customer and call the colleague to consult; the agent then completes,
        conferences or ends the consultation."""
        call = self._live_customer()
        if call is None or self.consult is not None:
            return False
        target = self._target(text, call)
        if target is None:
            return False
        if not call.on_hold and not self._do(lambda p: p.set_hold(call.call_id, True), "hold"):
            return False
        consult_id: list[int] = []
        if not self._do(lambda p: consult_id.append(p.make_call(target)), "consult"):
            return False
        phone = self._phone
        assert phone is not None
        self.consult = phone.call(consult_id[0])
        self.consult_changed.emit(self.consult)
        return True

    def complete_transfer(self) -> bool:
        call, consult = self.customer, self.consult
        if call is None or consult is None or consult.state != "confirmed":
            messages.info(translate("Call", "Wait until the colleague answers to transfer."))
            return False
        if self._do(lambda p: p.transfer_to_call(call.call_id, consult.call_id), "transfer"):
            messages.info(translate("Call", "Transferring the call…"))
            return True
        return False

    def end_consult(self) -> bool:
        consult = self.consult
        if consult is None:
            return False
        ok = self._do(lambda p: p.hangup(consult.call_id), "end consultation")
        call = self.customer
        if call is not None and call.on_hold:
            self._do(lambda p: p.set_hold(call.call_id, False), "resume")
        return ok

    def toggle_conference(self) -> bool:
        call, consult = self._live_or_held(), self.consult
        if call is None or consult is None or consult.state != "confirmed":
            messages.info(translate("Call", "A conference needs the customer and a colleague."))
            return False
        on = not self.in_conference
        if (
            on
            and call.on_hold
            and not self._do(lambda p: p.set_hold(call.call_id, False), "resume")
        ):
            return False
        if not self._do(lambda p: p.conference([call.call_id, consult.call_id], on), "conference"):
            return False
        self.in_conference = on
        self.conference_changed.emit(on)
        return True

    def _live_or_held(self) -> CallInfo | None:
        call = self.customer
        return call if call is not None and call.state == "confirmed" else None

    def quality(self) -> Any:
        """The customer call's latest quality figures (RTCP), or None before media ran."""
        call = self.customer
        if self._phone is None or call is None or call.state != "confirmed":
            return None
        fresh = self._phone.call(call.call_id)
        return fresh.quality if fresh is not None else None

    # --- audio ----------------------------------------------------------------

    def levels(self) -> Any:
        if self._phone is None:
            return None
        try:
            return self._phone.audio_levels()
        except (SoftphoneError, RuntimeError):
            return None

    def set_volume(self, volume: float) -> None:
        volume = round(min(2.0, max(0.0, volume)), 2)
        if self._do(lambda p: p.set_volume(speaker=volume), "volume"):
            self.volume = volume
            self.volume_changed.emit(volume)

    def step_volume(self, up: bool) -> None:
        self.set_volume(self.volume + (VOLUME_STEP if up else -VOLUME_STEP))

    def set_devices(self, prefs: AudioPrefs) -> bool:
        """Move the running phone's headset, mic and ringer to these devices now (mid-call
        too); False, with a message, when there is no phone or it refused."""
        return self._do(lambda p: p.set_devices(prefs), "audio devices")

    # --- internals --------------------------------------------------------------

    def _target(self, text: str, call: CallInfo) -> str | None:
        try:
            return transfer_target(text, call.remote_uri)
        except ValueError as exc:
            messages.warning(str(exc))
            return None

    def _do(self, action: Callable[[FeaturePhone], Any], what: str) -> bool:
        if self._phone is None:
            messages.warning(translate("Call", "The softphone is not running."))
            return False
        try:
            action(self._phone)
        except (SoftphoneError, ValueError) as exc:
            log.warning("%s failed: %s", what, type(exc).__name__)
            messages.error(
                translate("Call", "The phone could not do that: {reason}").format(reason=str(exc))
            )
            return False
        return True
