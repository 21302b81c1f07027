"""The dialer simulator's SipCaller against a real peer: sipp as the agent's phone.

sipp's UAS scenario fails the call unless the INVITE carries X-Acuerdo-Handoff and Call-Info
answer-after, logs their values for us to compare, and echoes RTP back (-rtp_echo) so RTP
arriving at the caller proves the caller sent its customer voice into the call.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone import SoftphoneError, UnknownCallError
from sync.dialer.sip_caller import SipCaller
from tests.integration.softphone.support import Sipp, free_udp_port, pump_until

ROOT = Path(__file__).resolve().parents[3]
VOICE = ROOT / "resources" / "audio" / "customer_es.wav"

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
]


@pytest.fixture
def caller() -> Iterator[SipCaller]:
    caller = SipCaller(voice_wav=VOICE)
    caller.start()
    try:
        yield caller
    finally:
        caller.stop()


def _agent_phone(tmp_path: Path) -> tuple[Sipp, str, Path]:
    port = free_udp_port()
    log_file = tmp_path / "uas.log"
    sipp = Sipp(
        "uas_handoff.xml",
        ["-p", str(port), "-rtp_echo", "-trace_logs", "-log_file", str(log_file)],
        tmp_path,
    )
    return sipp, f"sip:agent@127.0.0.1:{port}", log_file


def test_invite_carries_the_handoff_and_the_voice_flows(caller: SipCaller, tmp_path: Path) -> None:
    sipp, uri, log_file = _agent_phone(tmp_path)
    ended: list[tuple[int, int | None, str]] = []
    caller.on_call_ended = lambda *event: ended.append(event)
    # sipp needs a moment to bind; a lost first INVITE is retransmitted by pjsip anyway.
    call_id = caller.place_call(uri, "h-777", auto_answer=True)
    placed = caller.call_state(call_id)
    assert placed.handoff_id == "h-777" and placed.invite_sent_at is not None

    def echoed_voice() -> bool:
        state = caller.call_state(call_id)
        return state.state == "confirmed" and state.rx_rtp_packets > 10

    assert pump_until(caller.pump, echoed_voice, 10), caller.call_state(call_id)
    caller.hangup(call_id)
    assert pump_until(caller.pump, lambda: bool(ended), 10), "on_call_ended never fired"

    assert ended[0][0] == call_id
    final = caller.call_state(call_id)  # kept after cleanup
    assert final.state == "disconnected" and final.confirmed_at is not None
    assert final.rx_rtp_packets > 10
    code, output = sipp.finish()
    assert code == 0, output
    assert "handoff=h-777 answer_after=0" in log_file.read_text()


def test_bad_input_is_refused_with_clear_errors(caller: SipCaller, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        caller.place_call("agent@127.0.0.1", "h-1", auto_answer=True)
    with pytest.raises(ValueError):
        caller.place_call("sip:agent@127.0.0.1:5060", "bad id\r\nX-Evil: 1", auto_answer=True)
    with pytest.raises(UnknownCallError):
        caller.call_state(99)
    with pytest.raises(UnknownCallError):
        caller.hangup(99)
    with pytest.raises(ValueError):
        SipCaller(voice_wav=tmp_path / "missing.wav")
    # A syntactically valid but unusable target is a SoftphoneError, not a crash.
    with pytest.raises(SoftphoneError):
        caller.place_call("sip:", "h-2", auto_answer=False)


def test_caller_hands_off_to_a_real_phone_which_hears_the_customer(caller: SipCaller) -> None:
    """End to end over loopback: SipCaller -> Phone (in its own process, one Endpoint each)."""
    with subprocess.Popen(
        [sys.executable, "-m", "tests.integration.softphone.agent_phone_process"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as agent:
        try:
            uri = _line_starting(agent, "READY ")
            call_id = caller.place_call(uri, "h-e2e", auto_answer=True)

            def talking() -> bool:
                state = caller.call_state(call_id)
                return state.state == "confirmed" and state.rx_rtp_packets > 25

            assert pump_until(caller.pump, talking, 10), caller.call_state(call_id)
            caller.hangup(call_id)
            pump_until(caller.pump, lambda: caller.call_state(call_id).state == "disconnected", 5)
            final = json.loads(_line_starting(agent, "ENDED "))
            assert agent.wait(20) == 0
        finally:
            if agent.poll() is None:
                agent.kill()
    assert final["handoff_id"] == "h-e2e"
    assert final["answer_after_s"] == 0
    assert final["direction"] == "incoming"
    assert final["confirmed_at"] is not None
    assert final["rx_rtp_packets"] > 0  # the customer's voice reached the agent's phone


def _line_starting(process: subprocess.Popen[str], prefix: str) -> str:
    assert process.stdout is not None
    # The child bounds its own lifetime, so this loop ends: at its line or at its exit.
    for line in process.stdout:
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
    raise AssertionError(f"agent phone exited ({process.wait()}) without a {prefix!r} line")
