"""Outgoing calls from the agent's Phone to sipp as the callee: caller id, DTMF, blind transfer.

The sipp scenario (uas_features.xml) fails unless our From carries the chosen caller id, the
keypad digit arrives as SIP INFO (the callee offered no telephone-event, so RFC 4733 is not
possible), and a REFER names the transfer target; it then reports the transfer done and waits
for our BYE.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone import Phone, PhoneConfig, SoftphoneError
from tests.integration.softphone.support import AnsweringListener, Sipp, free_udp_port, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
]


@pytest.fixture
def phone() -> Iterator[tuple[Phone, AnsweringListener]]:
    listener = AnsweringListener()
    agent = Phone(PhoneConfig(user="ana"), listener)
    listener.phone = agent
    agent.start()
    try:
        yield agent, listener
    finally:
        agent.stop()


def test_outgoing_call_with_caller_id_dtmf_info_fallback_and_blind_transfer(
    phone: tuple[Phone, AnsweringListener], tmp_path: Path
) -> None:
    agent, listener = phone
    port = free_udp_port()
    sipp = Sipp("uas_features.xml", ["-p", str(port)], tmp_path)
    call_id = agent.make_call(
        f"sip:5551234@127.0.0.1:{port}", caller_id_user="5550100", caller_id_name="Cobranza"
    )
    placed = agent.call(call_id)
    assert placed is not None and placed.direction == "outgoing"

    def confirmed() -> bool:
        info = agent.call(call_id)
        return info is not None and info.state == "confirmed"

    assert pump_until(agent.pump, confirmed, 10), listener.changes[-1:]
    assert agent.send_dtmf(call_id, "5") == "sip-info"
    pump_until(agent.pump, lambda: False, 0.3)  # let the INFO transaction finish
    agent.transfer(call_id, "sip:supervisor@127.0.0.1")
    assert pump_until(agent.pump, lambda: agent.call(call_id) is None, 10), "leg not released"
    final = listener.last(call_id)
    assert final is not None and final.state == "disconnected"
    code, output = sipp.finish()
    assert code == 0, output


def test_bad_dialling_input_is_refused_clearly(phone: tuple[Phone, AnsweringListener]) -> None:
    agent, _ = phone
    with pytest.raises(ValueError):
        agent.make_call("5551234")
    with pytest.raises(ValueError):
        agent.make_call("sip:1@127.0.0.1", caller_id_user="55 01")
    with pytest.raises(ValueError):
        agent.make_call("sip:1@127.0.0.1", caller_id_name='Evil"\r\nX: 1')
    with pytest.raises(SoftphoneError):
        agent.send_dtmf(99, "1")
    call_id = agent.make_call(f"sip:1@127.0.0.1:{free_udp_port()}")
    with pytest.raises(ValueError):
        agent.send_dtmf(call_id, "12x")
    with pytest.raises(ValueError):
        agent.transfer(call_id, "not a uri")
    with pytest.raises(ValueError):
        agent.conference([call_id])
    agent.hangup(call_id)
    assert pump_until(agent.pump, lambda: agent.call(call_id) is None, 10)
