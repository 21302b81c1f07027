"""Attended transfer with real pjsua2 peers: the agent talks to customer A, holds A (who then
hears silence) to consult B, and joins them with REFER + Replaces; A and B must hear each
other's tone and both of the agent's legs must end.

Why Phones in child processes and not baresip: baresip 1.0 drops the Replaces header when it
follows a REFER, so it cannot play A; a Phone follows it with pjsua's own transferee code and
takes a Replaces INVITE as B, the way desk phones and PBXs do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from softphone import Phone, PhoneConfig
from tests.integration.softphone.peer_phone import PeerPhone, tone_pattern
from tests.integration.softphone.support import AnsweringListener, HeadsetStandIn, pump_until

pytestmark = pytest.mark.sip

AGENT_HZ, A_HZ, B_HZ = 700, 1000, 1300


def _wait(phone: Phone, seconds: float) -> None:
    pump_until(phone.pump, lambda: False, seconds)


def _confirmed(phone: Phone, call_id: int) -> bool:
    return pump_until(
        phone.pump, lambda: getattr(phone.call(call_id), "state", "") == "confirmed", 10
    )


def test_attended_transfer_connects_customer_and_consulted_party(
    peers: list[PeerPhone], tmp_path: Path
) -> None:
    # G.711 as dialers and PBXs offer it. With pjsua's default speex/16000 between the two
    # peers the A-B call's pure tones come out distorted after ~0.4 s on one side (seen with
    # pjsua2 2.15.1; clean with PCMA, and not a signalling matter), so the check uses PCMA.
    customer = PeerPhone(tmp_path / "a", "--tone", str(A_HZ), "--codec", "PCMA")
    consulted = PeerPhone(tmp_path / "b", "--tone", str(B_HZ), "--codec", "PCMA")
    peers.extend([customer, consulted])
    listener = AnsweringListener()
    phone = Phone(PhoneConfig(user="ana"), listener)
    listener.phone = phone
    phone.start()
    headset = HeadsetStandIn(phone, AGENT_HZ).start()
    try:
        with_a = phone.make_call(customer.uri)
        assert _confirmed(phone, with_a)
        _wait(phone, 1.0)
        phone.set_hold(with_a, True)
        assert pump_until(phone.pump, lambda: getattr(phone.call(with_a), "on_hold", 0), 5)
        with_b = phone.make_call(consulted.uri)
        assert _confirmed(phone, with_b)
        _wait(phone, 1.5)  # the consult: A is held meanwhile
        phone.transfer_to_call(with_a, with_b)
        assert pump_until(phone.pump, lambda: not phone.calls(), 10), phone.calls()
        ends = {c.call_id: c for c in listener.changes if c.state == "disconnected"}
        assert set(ends) == {with_a, with_b}
        _wait(phone, 2.0)  # A and B talk without us
    finally:
        headset.stop()
        phone.stop()
    customer.finish()
    consulted.finish()
    a_heard, b_heard = customer.heard(), consulted.heard()
    assert len(a_heard) == 2 and len(b_heard) == 2, (a_heard.keys(), b_heard.keys())
    a_with_agent, a_with_b = (a_heard[k] for k in sorted(a_heard))
    b_with_agent, b_with_a = (b_heard[k] for k in sorted(b_heard))
    held = tone_pattern(a_with_agent, AGENT_HZ)
    assert "TTTTT" in held and "S" * 10 in held[held.find("TTTTT") :], held
    assert "TTTTT" in tone_pattern(b_with_agent, AGENT_HZ)
    assert "T" * 10 in tone_pattern(a_with_b, B_HZ), tone_pattern(a_with_b, B_HZ)
    assert "T" * 10 in tone_pattern(b_with_a, A_HZ), tone_pattern(b_with_a, A_HZ)
