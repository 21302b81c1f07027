"""Whatever a peer sends, the phone keeps working: malformed SIP, a BYE for no dialog, RTP
to a closed port. Each is answered properly or dropped, and a real call still works after."""

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
