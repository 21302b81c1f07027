"""CallControl: what the agent types is checked before the softphone sees it.

The phone here is a recording stand-in (a unit test of the view-model alone); the real softphone
is exercised in tests/integration/workspace.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from desktop.agent.call_control import CallControl, transfer_target
from desktop.common import messages
from softphone.model import AudioPrefs, CallInfo, SoftphoneError


def _call(call_id: int = 1, state: str = "confirmed", **kw: Any) -> CallInfo:
    fields: dict[str, Any] = {
        "call_id": call_id,
        "direction": "incoming",
        "remote_uri": '"Dialer" <sip:dialer@10.0.0.5:5070>',
        "handoff_id": "h-1",
        "answer_after_s": 0,
        "state": state,
        "on_hold": False,
        "muted": False,
        "sip_status": 200,
        "reason": "OK",
        "invite_received_at": 1.0,
        "confirmed_at": 1.1,
        "rx_rtp_packets": 10,
    }
    fields.update(kw)
    return CallInfo(**fields)


class RecordingPhone:
    def __init__(self) -> None:
        self.done: list[tuple[Any, ...]] = []
        self.calls: dict[int, CallInfo] = {1: _call()}
        self.refuse = False

    def call(self, call_id: int) -> CallInfo | None:
        return self.calls.get(call_id)

    def hangup(self, call_id: int) -> None:
        self.done.append(("hangup", call_id))

    def set_hold(self, call_id: int, on: bool) -> None:
        self.done.append(("hold", call_id, on))
        self.calls[call_id] = replace(self.calls[call_id], on_hold=on)

    def make_call(self, target_uri: str, *, handoff_id: str | None = None) -> int:
        self.done.append(("dial", target_uri))
        self.calls[2] = _call(2, "calling", direction="outgoing", remote_uri=target_uri)
        return 2

    def send_dtmf(self, call_id: int, digits: str) -> str:
        if self.refuse:
            raise SoftphoneError("no media")
        self.done.append(("dtmf", call_id, digits))
        return "rfc4733"

    def transfer(self, call_id: int, target_uri: str) -> None:
        self.done.append(("refer", call_id, target_uri))

    def transfer_to_call(self, call_id: int, consult_call_id: int) -> None:
        self.done.append(("replaces", call_id, consult_call_id))

    def conference(self, call_ids: list[int], on: bool = True) -> None:
        self.done.append(("conference", tuple(call_ids), on))

    def audio_levels(self) -> Any:
        return None

    def set_volume(self, speaker: float | None = None, mic: float | None = None) -> None:
        self.done.append(("volume", speaker))

    def set_devices(self, prefs: AudioPrefs) -> None:
        if self.refuse:
            raise SoftphoneError("the SIP endpoint is not started")
        self.done.append(("devices", prefs.headset_output))

    def network_changed(self, registrar: str | None = None) -> None:
        if self.refuse:
            raise SoftphoneError("the SIP endpoint is not started")
        self.done.append(("network", registrar))


@pytest.fixture
def control(qapp: object) -> tuple[CallControl, RecordingPhone, list[str]]:
    phone = RecordingPhone()
    control = CallControl(phone)  # type: ignore[arg-type]
    control.customer_changed(phone.calls[1])
    shown: list[str] = []
    messages.bridge().posted.connect(lambda _level, text: shown.append(text))
    return control, phone, shown


def test_transfer_targets_are_sip_addresses_or_numbers_at_the_call_host() -> None:
    assert transfer_target(" 2041 ", "<sip:dialer@10.0.0.5:5070>") == "sip:2041@10.0.0.5:5070"
    assert transfer_target("sip:lead@pbx.local", None) == "sip:lead@pbx.local"
    for bad in ("", "lead", "sip:", "sip:a b@host", "<sip:x@y>", "12"[:1]):
        with pytest.raises(ValueError):
            transfer_target(bad, "<sip:dialer@10.0.0.5>")
    with pytest.raises(ValueError):
        transfer_target("2041", None)  # a bare number needs a host to go to


def test_keypad_digits_are_checked_and_sent(control: Any) -> None:
    ctl, phone, shown = control
    assert ctl.send_digits("5")
    assert not ctl.send_digits("5<")
    assert phone.done == [("dtmf", 1, "5")]
    assert shown and "0-9" in shown[-1]
    phone.refuse = True
    assert not ctl.send_digits("#")  # a softphone refusal becomes a message, not a crash
    assert "no media" in shown[-1]


def test_blind_transfer_refers_the_customer(control: Any) -> None:
    ctl, phone, _ = control
    assert ctl.blind_transfer("3001")
    assert phone.done == [("refer", 1, "sip:3001@10.0.0.5:5070")]


def test_consult_then_complete_is_an_attended_transfer(control: Any) -> None:
    ctl, phone, _ = control
    assert ctl.start_consult("sip:lead@10.0.0.9")
    assert phone.done[:2] == [("hold", 1, True), ("dial", "sip:lead@10.0.0.9")]
    assert ctl.consult is not None and ctl.consult.call_id == 2
    assert not ctl.complete_transfer()  # the colleague has not answered yet
    assert ctl.any_call_changed(_call(2, "confirmed"))
    assert ctl.complete_transfer()
    assert phone.done[-1] == ("replaces", 1, 2)
    assert not ctl.any_call_changed(_call(1))  # the customer's leg is not the consult's
    assert ctl.any_call_changed(_call(2, "disconnected")) and ctl.consult is None


def test_conference_joins_customer_and_colleague_and_splits_again(control: Any) -> None:
    ctl, phone, _ = control
    assert not ctl.toggle_conference()  # nobody to join yet
    ctl.start_consult("2041")
    ctl.any_call_changed(_call(2, "confirmed"))
    ctl.customer_changed(phone.calls[1])  # on hold now
    assert ctl.toggle_conference() and ctl.in_conference
    assert ("hold", 1, False) in phone.done  # the customer comes off hold to join
    assert phone.done[-1] == ("conference", (1, 2), True)
    assert ctl.toggle_conference() and not ctl.in_conference
    assert phone.done[-1] == ("conference", (1, 2), False)


def test_volume_is_clamped_and_stepped(control: Any) -> None:
    ctl, phone, _ = control
    ctl.set_volume(5.0)
    assert ctl.volume == 2.0
    ctl.step_volume(False)
    assert ctl.volume == pytest.approx(1.9)
    assert phone.done[-1] == ("volume", 1.9)


def test_nothing_happens_without_a_live_call(control: Any) -> None:
    ctl, phone, _ = control
    ctl.customer_changed(_call(1, "ringing"))
    assert not ctl.send_digits("1") and not ctl.blind_transfer("2041")
    assert not ctl.start_consult("2041")
    assert phone.done == []


def test_network_change_reconnects_and_explains_a_call_that_could_not_follow(
    control: Any,
) -> None:
    ctl, phone, shown = control
    assert ctl.network_changed()
    assert phone.done == [("network", None)]
    assert shown[-1] == "The network changed; the phone is reconnecting."
    ctl.customer_changed(_call(1, "confirmed"))  # carried over: nothing more to say
    assert len(shown) == 1
    ctl.customer_changed(_call(1, "disconnected", sip_status=408, reason="Request Timeout"))
    assert shown[-1] == "The call ended when the network changed: Request Timeout"
    ctl.customer_changed(_call(1, "disconnected", sip_status=408, reason="Request Timeout"))
    assert len(shown) == 2  # said once


def test_network_change_refused_by_the_phone_is_an_error_message(control: Any) -> None:
    ctl, phone, shown = control
    phone.refuse = True
    assert not ctl.network_changed()
    assert shown[-1].startswith("The phone could not do that")


def test_device_choice_goes_to_the_phone_and_a_refusal_is_an_error_message(
    control: Any,
) -> None:
    ctl, phone, shown = control
    assert ctl.set_devices(AudioPrefs(headset_output="headset2"))
    assert phone.done[-1] == ("devices", "headset2")
    phone.refuse = True
    assert not ctl.set_devices(AudioPrefs(headset_output="headset3"))
    assert shown and "could not" in shown[-1]
    assert not CallControl(None).set_devices(AudioPrefs())  # no softphone: said, not raised
