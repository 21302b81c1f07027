"""Whatever a peer sends, the phone keeps working: malformed SIP, a BYE for no dialog, RTP
to a closed port. Each is answered properly or dropped, and a real call still works after.
INVITE floods are in test_flood.py."""

from __future__ import annotations

import contextlib
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone import Phone, PhoneConfig
from tests.integration.softphone.support import AnsweringListener, Sipp, port_of, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
]

BYE_NO_DIALOG = (
    "BYE sip:agent@127.0.0.1:{port} SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:{me};branch=z9hG4bK-nodialog\r\n"
    "From: <sip:x@127.0.0.1>;tag=a\r\nTo: <sip:agent@127.0.0.1>;tag=b\r\n"
    "Call-ID: no-such-dialog\r\nCSeq: 2 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
)


@pytest.fixture
def phone() -> Iterator[tuple[Phone, AnsweringListener]]:
    listener = AnsweringListener()
    agent = Phone(PhoneConfig(), listener)
    listener.phone = agent
    agent.start()
    try:
        yield agent, listener
    finally:
        agent.stop()


def test_garbage_and_stray_requests_do_not_hurt_the_phone(
    phone: tuple[Phone, AnsweringListener], tmp_path: Path
) -> None:
    agent, listener = phone
    port = port_of(agent.contact_uri)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        peer.bind(("127.0.0.1", 0))
        peer.settimeout(0.05)
        me = peer.getsockname()[1]
        for junk in (b"\x00\xff" * 200, b"INVITE\r\n\r\n", b"SIP/2.0 200 OK\r\n\r\n", b""):
            peer.sendto(junk, ("127.0.0.1", port))
        peer.sendto(BYE_NO_DIALOG.format(port=port, me=me).encode(), ("127.0.0.1", port))
        answers: list[bytes] = []

        def answered() -> bool:
            with contextlib.suppress(TimeoutError):
                answers.append(peer.recv(4096))
            return bool(answers)

        assert pump_until(agent.pump, answered, 5), "no answer to a BYE outside any dialog"
        assert answers[0].startswith(b"SIP/2.0 481"), answers[0][:40]
    assert agent.calls() == [] and listener.incoming == []

    Sipp.calling(
        "uac_handoff.xml", agent.contact_uri, tmp_path, "-key", "handoff", "h-ok", "-d", "500"
    )

    def got_rtp() -> bool:
        return any((agent.call(c.call_id) or c).rx_rtp_packets > 0 for c in listener.incoming)

    assert pump_until(agent.pump, got_rtp, 10), "the phone no longer takes calls"
    assert pump_until(agent.pump, lambda: not agent.calls(), 15)


BAD_SDP_INVITE = (
    "INVITE sip:agent@127.0.0.1:{port} SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:{me};branch=z9hG4bK-badsdp{n}\r\n"
    "From: <sip:x@127.0.0.1>;tag=bad{n}\r\nTo: <sip:agent@127.0.0.1>\r\n"
    "Call-ID: bad-sdp-{n}\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
    "Contact: <sip:x@127.0.0.1:{me}>\r\nContent-Type: application/sdp\r\n"
    "Content-Length: {length}\r\n\r\n{body}"
)


def test_malformed_invites_get_an_error_status_and_never_ring(
    phone: tuple[Phone, AnsweringListener],
) -> None:
    agent, listener = phone
    port = port_of(agent.contact_uri)
    bodies = ("v=0\r\nthis is not sdp\r\n", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\nm=audio x\r\n")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        peer.bind(("127.0.0.1", 0))
        peer.settimeout(0.05)
        me = peer.getsockname()[1]
        for n, body in enumerate(bodies):
            text = BAD_SDP_INVITE.format(port=port, me=me, n=n, length=len(body), body=body)
            peer.sendto(text.encode(), ("127.0.0.1", port))
        finals: dict[str, bytes] = {}

        def answered() -> bool:
            with contextlib.suppress(TimeoutError):
                reply = peer.recv(4096)
                call_id = reply.split(b"Call-ID: ", 1)[-1].split(b"\r\n", 1)[0].decode()
                if not reply.startswith(b"SIP/2.0 1"):
                    finals[call_id] = reply
            return len(finals) == len(bodies)

        assert pump_until(agent.pump, answered, 5), finals
    for reply in finals.values():
        status = int(reply.split(b" ", 2)[1])
        assert 400 <= status <= 499, reply[:60]  # 400 Bad Request / 488 Not Acceptable
    assert listener.incoming == [] and agent.calls() == []


def test_rtp_to_a_closed_or_live_port_is_dropped_and_calls_go_on(
    phone: tuple[Phone, AnsweringListener], tmp_path: Path
) -> None:
    agent, listener = phone
    Sipp.calling(
        "uac_handoff.xml", agent.contact_uri, tmp_path, "-key", "handoff", "h-one", "-d", "300"
    )
    assert pump_until(agent.pump, lambda: bool(listener.rtp_ports), 10)
    assert pump_until(agent.pump, lambda: not agent.calls(), 15)
    closed = listener.rtp_ports[-1]

    Sipp.calling(
        "uac_handoff.xml", agent.contact_uri, tmp_path, "-key", "handoff", "h-two", "-d", "3000"
    )
    assert pump_until(agent.pump, lambda: len(listener.rtp_ports) == 2, 10)
    live = listener.rtp_ports[-1]
    call_id = listener.incoming[-1].call_id
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        for _ in range(50):
            peer.sendto(b"\x80\x08" + bytes(170), ("127.0.0.1", closed))  # a call long gone
            peer.sendto(b"\xff" * 7, ("127.0.0.1", live))  # too short to be RTP
            peer.sendto(b"\x80\x7f\x00\x01" + bytes(8), ("127.0.0.1", live))  # foreign SSRC
            agent.pump()
    before = (agent.call(call_id) or listener.incoming[-1]).rx_rtp_packets
    assert pump_until(
        agent.pump,
        lambda: (agent.call(call_id) or listener.incoming[-1]).rx_rtp_packets > before + 10,
        5,
    ), "the live call stopped receiving its own RTP"
    assert pump_until(agent.pump, lambda: not agent.calls(), 15)
