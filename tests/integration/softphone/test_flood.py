"""An INVITE flood never takes the phone down: 200 INVITEs/s for 5 s from sipp, malformed ones
mixed in, and a flood the answer policy refuses (the case that used to exhaust pjlib's media
I/O queue and abort the process). The phone answers every INVITE, logs each burst once, keeps
its registration with a real kamailio and takes a normal call through it right after."""

from __future__ import annotations

import logging
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone import CallInfo, Phone, PhoneConfig, RegistrationInfo
from tests.integration.softphone.kamailio import Kamailio
from tests.integration.softphone.kamailio import available as kamailio_available
from tests.integration.softphone.support import AnsweringListener, Sipp, port_of, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
    pytest.mark.skipif(not kamailio_available(), reason="kamailio (with auth.so) not installed"),
]

PASSWORD = "fl00d-ana"
RATE, SECONDS = 200, 5

BAD_INVITE = (
    "INVITE sip:ana@127.0.0.1:{port} SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:{me};branch=z9hG4bK-junk{n}\r\n"
    "From: <sip:x@127.0.0.1>;tag=j{n}\r\nTo: <sip:ana@127.0.0.1>\r\n"
    "Call-ID: junk-{n}\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
    "Contact: <sip:x@127.0.0.1:{me}>\r\nContent-Type: application/sdp\r\n"
    "Content-Length: {length}\r\n\r\n{body}"
)
JUNK_BODIES = ("v=0\r\nthis is not sdp\r\n", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\nm=audio x\r\n")


class _Listener(AnsweringListener):
    def __init__(self) -> None:
        super().__init__()
        self.registrations: list[RegistrationInfo] = []

    def on_registration(self, info: RegistrationInfo) -> None:
        self.registrations.append(info)


@pytest.fixture
def kamailio(tmp_path: Path) -> Iterator[Kamailio]:
    proxy = Kamailio(tmp_path, "ana", PASSWORD)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()


def _registered_phone(kamailio: Kamailio, **extra: object) -> tuple[Phone, _Listener]:
    listener = _Listener()
    config = PhoneConfig(
        user="ana", registrar=kamailio.uri, password=PASSWORD, register_retry_s=1, **extra
    )
    phone = Phone(config, listener)
    listener.phone = phone
    phone.start()
    assert pump_until(phone.pump, lambda: phone.registration.state == "registered", 10)
    return phone, listener


def _flood(phone: Phone, tmp_path: Path, junk: socket.socket | None) -> str:
    """Run sipp's flood against the phone (and junk INVITEs beside it); sipp's report."""
    sipp = Sipp.calling(
        "uac_flood.xml",
        phone.contact_uri,
        tmp_path,
        *("-r", str(RATE), "-m", str(RATE * SECONDS), "-l", "2000", "-d", "300"),
    )
    sent = 0

    def flood_over() -> bool:
        nonlocal sent
        if junk is not None and sent < 400:
            body = JUNK_BODIES[sent % 2]
            text = BAD_INVITE.format(
                port=port_of(phone.contact_uri),
                me=junk.getsockname()[1],
                n=sent,
                length=len(body),
                body=body,
            )
            packet = text.encode() if sent % 5 else b"INVITE\r\n\r\n\x00\xff"
            junk.sendto(packet, ("127.0.0.1", port_of(phone.contact_uri)))
            sent += 1
        return not sipp.running()

    assert pump_until(phone.pump, flood_over, SECONDS + 20), "the flood never ended"
    _code, report = sipp.finish()
    return report


def _failed_calls(report: str) -> int:
    found = re.search(r"Failed call\s*\|\s*\d+\s*\|\s*(\d+)", report)
    assert found, report[-800:]
    return int(found.group(1))


def _burst_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "acuerdo.softphone" and r.levelno == logging.WARNING
    ]


def test_a_200_per_second_flood_with_junk_is_survived_and_a_normal_call_follows(
    kamailio: Kamailio, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    phone, listener = _registered_phone(kamailio, max_calls=2)
    try:
        with (
            caplog.at_level(logging.WARNING, "acuerdo.softphone"),
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as junk,
        ):
            junk.bind(("127.0.0.1", 0))
            report = _flood(phone, tmp_path, junk)
        assert _failed_calls(report) == 0, report[-1500:]  # every INVITE got a final answer
        assert phone.refused_invites >= RATE, phone.refused_invites  # most were turned away
        lines = _burst_lines(caplog)
        assert all(lines.count(line) == 1 for line in lines), lines  # each burst logged once
        assert len(lines) <= 3, lines

        # Every call the listener heard of ends: none is left "ringing" (the old flake: a
        # stale wrapper of a reused call id orphaned the new call).
        def unended() -> list[CallInfo]:
            latest = (listener.last(c.call_id) or c for c in listener.incoming)
            return [c for c in latest if c.state != "disconnected"]

        assert pump_until(phone.pump, lambda: not unended(), 10), unended()[:3]
        assert phone.calls() == []
        assert max(len(up) for up in _concurrency(listener)) <= 2  # never over max_calls

        # The registration held through the flood and still works.
        assert phone.registration.state == "registered"
        before = len(listener.registrations)
        phone.reregister()
        assert pump_until(phone.pump, lambda: len(listener.registrations) > before, 10)
        assert listener.registrations[-1].state == "registered"

        listener.incoming.clear()
        Sipp(
            "uac_handoff.xml",
            [f"127.0.0.1:{kamailio.port}", "-s", "ana", "-key", "handoff", "h-after", "-d", "500"],
            tmp_path,
        )

        def talking() -> bool:
            return any((phone.call(c.call_id) or c).rx_rtp_packets > 0 for c in listener.incoming)

        assert pump_until(phone.pump, talking, 10), "no normal call through kamailio after"
        assert listener.incoming[-1].handoff_id == "h-after"
    finally:
        phone.stop()


def test_a_flood_the_policy_refuses_is_held_back_before_any_media_socket(
    kamailio: Kamailio, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Every INVITE is refused with 403 after pjsua created its media: without the flood guard
    # the calls churn so fast that pjlib's media I/O queue runs dry and the process aborts.
    phone, listener = _registered_phone(
        kamailio, trusted_sources=("192.0.2.10",), untrusted_policy="reject"
    )
    try:
        with caplog.at_level(logging.WARNING, "acuerdo.softphone"):
            report = _flood(phone, tmp_path, None)
        assert _failed_calls(report) == 0, report[-1500:]
        assert phone.refused_invites == RATE * SECONDS
        assert listener.incoming == []
        lines = _burst_lines(caplog)
        assert any("flood" in line for line in lines), lines
        assert all(lines.count(line) == 1 for line in lines) and len(lines) <= 3, lines
        assert phone.registration.state == "registered"
    finally:
        phone.stop()


def _concurrency(listener: AnsweringListener) -> list[set[int]]:
    """The sets of calls that were up (answered, not yet ended) at each reported change."""
    up: set[int] = set()
    seen: list[set[int]] = []
    for change in listener.changes:
        if change.state in ("connecting", "confirmed"):
            up.add(change.call_id)
        elif change.state == "disconnected":
            up.discard(change.call_id)
        seen.append(set(up))
    return seen or [set()]
