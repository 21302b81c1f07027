"""The agent's Phone against sipp playing the dialer's customer leg, on loopback.

sipp sends the handoff INVITE (X-Acuerdo-Handoff, Call-Info answer-after=0, PCMA offer), plays
real G.711 RTP from the packaged pcap and hangs up; the hold scenario also fails (sipp exits
non-zero) unless the Phone's re-INVITEs say a=sendonly on hold and a=sendrecv on resume.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone import CallInfo, Phone, PhoneConfig, SoftphoneError, UnknownCallError
from tests.integration.softphone.support import (
    PCAP_G711A,
    AnsweringListener,
    Sipp,
    pump_until,
)

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
    pytest.mark.skipif(not PCAP_G711A.exists(), reason="sip-tester's g711a.pcap is missing"),
]


@pytest.fixture
def phone() -> Iterator[tuple[Phone, AnsweringListener]]:
    listener = AnsweringListener()
    phone = Phone(PhoneConfig(), listener)
    listener.phone = phone
    phone.start()
    try:
        yield phone, listener
    finally:
        phone.stop()


def _confirmed_call(phone: Phone, listener: AnsweringListener) -> int:
    def confirmed() -> bool:
        if not listener.incoming:
            return False
        info = phone.call(listener.incoming[0].call_id)
        return info is not None and info.state == "confirmed"

    assert pump_until(phone.pump, confirmed, 10), "the handoff call never became confirmed"
    return listener.incoming[0].call_id


def test_handoff_call_is_auto_answered_carries_rtp_and_is_cleaned_up(
    phone: tuple[Phone, AnsweringListener], tmp_path: Path
) -> None:
    agent, listener = phone
    sipp = Sipp.calling(
        "uac_handoff.xml", agent.contact_uri, tmp_path, "-key", "handoff", "h-123", "-d", "2000"
    )
    call_id = _confirmed_call(agent, listener)

    offered = listener.incoming[0]
    assert offered.direction == "incoming"
    assert offered.state == "ringing"
    assert offered.handoff_id == "h-123"
    assert offered.answer_after_s == 0
    assert offered.invite_received_at is not None

    def receiving_rtp() -> bool:
        info = agent.call(call_id)
        return info is not None and info.rx_rtp_packets > 0

    assert pump_until(agent.pump, receiving_rtp, 5), "no RTP reached the phone while confirmed"
    # The bridge applies connections on its own clock: wait for it, bounded.
    assert pump_until(agent.pump, lambda: agent.is_sending_capture(call_id), 5)

    assert pump_until(agent.pump, lambda: agent.call(call_id) is None, 15), "BYE never cleaned up"
    final = listener.last(call_id)
    assert final is not None and final.state == "disconnected"
    assert final.confirmed_at is not None and final.invite_received_at is not None
    assert final.confirmed_at >= final.invite_received_at
    assert final.rx_rtp_packets > 0
    assert agent.calls() == []
    code, output = sipp.finish()
    assert code == 0, output
    with pytest.raises(UnknownCallError):
        agent.hangup(call_id)


def test_hold_and_mute_change_the_call_and_the_sdp_direction(
    phone: tuple[Phone, AnsweringListener], tmp_path: Path
) -> None:
    agent, listener = phone
    sipp = Sipp.calling(
        "uac_hold.xml", agent.contact_uri, tmp_path, "-key", "handoff", "h-9", "-d", "300"
    )
    call_id = _confirmed_call(agent, listener)
    assert pump_until(agent.pump, lambda: agent.is_sending_capture(call_id), 5)

    agent.set_mute(call_id, True)
    muted = agent.call(call_id)
    assert muted is not None and muted.muted and listener.changes[-1].muted
    # The bridge applies connection changes on its own clock; wait for it, bounded.
    assert pump_until(agent.pump, lambda: not agent.is_sending_capture(call_id), 5)

    agent.set_hold(call_id, True)
    assert pump_until(agent.pump, lambda: _info(agent, call_id).on_hold, 5), "hold not reached"
    assert listener.changes[-1].on_hold
    # Muting survives the re-negotiated media: capture stays out of the call.
    assert not agent.is_sending_capture(call_id)

    agent.set_mute(call_id, False)
    agent.set_hold(call_id, False)
    assert pump_until(agent.pump, lambda: not _info(agent, call_id).on_hold, 5), "not resumed"
    assert pump_until(agent.pump, lambda: agent.is_sending_capture(call_id), 5)
    resumed = _info(agent, call_id)
    assert not resumed.muted and resumed.state == "confirmed"

    assert pump_until(agent.pump, lambda: agent.call(call_id) is None, 15)
    code, output = sipp.finish()
    assert code == 0, output  # sipp checked a=sendonly, then a=sendrecv, in the re-INVITEs


def test_operations_on_unknown_calls_raise_clear_errors(
    phone: tuple[Phone, AnsweringListener],
) -> None:
    agent, _ = phone
    for operation in (agent.answer, agent.hangup, agent.reject):
        with pytest.raises(UnknownCallError):
            operation(42)
    with pytest.raises(UnknownCallError):
        agent.set_hold(42, True)
    with pytest.raises(UnknownCallError):
        agent.set_mute(42, True)
    with pytest.raises(ValueError):
        agent.reject(42, status=200)
    assert agent.call(42) is None


def _info(agent: Phone, call_id: int) -> CallInfo:
    info = agent.call(call_id)
    assert info is not None, f"call {call_id} vanished"
    return info


def test_a_port_in_use_is_a_clear_error_and_the_phone_can_start_again() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        blocked = Phone(PhoneConfig(port=port), AnsweringListener())
        with pytest.raises(SoftphoneError, match="cannot start"):
            blocked.start()
        blocked.stop()  # harmless on a phone that never started
    phone = Phone(PhoneConfig(port=port), AnsweringListener())
    phone.start()
    try:
        assert phone.contact_uri == f"sip:agent@127.0.0.1:{port}"
        with pytest.raises(SoftphoneError, match="already runs"):
            Phone(PhoneConfig(), AnsweringListener()).start()
    finally:
        phone.stop()
