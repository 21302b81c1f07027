"""The Phone registers with a real kamailio (digest auth) and takes calls routed through it.

kamailio runs on a free loopback port with a config written by the fixture (see kamailio.py).
Recovery is tested the hard way: the registrar process is killed and started again, and the
phone must re-register without anyone calling it. A network change (`Phone.network_changed`,
what the desktop calls on resume) must re-register and carry a live call over with its media.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone import Phone, PhoneConfig
from softphone.model import RegistrationInfo
from tests.integration.softphone.kamailio import Kamailio, available
from tests.integration.softphone.peer_phone import PeerPhone
from tests.integration.softphone.support import PCAP_G711A, AnsweringListener, Sipp, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(not available(), reason="kamailio (with auth.so) not installed"),
]

PASSWORD = "s3cret-ana"


class RegistrationListener(AnsweringListener):
    def __init__(self) -> None:
        super().__init__()
        self.registrations: list[RegistrationInfo] = []

    def on_registration(self, info: RegistrationInfo) -> None:
        self.registrations.append(info)

    def states(self) -> list[str]:
        return [info.state for info in self.registrations]


@pytest.fixture
def kamailio(tmp_path: Path) -> Iterator[Kamailio]:
    proxy = Kamailio(tmp_path, "ana", PASSWORD)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()


def _phone(
    kamailio: Kamailio, password: str, **extra: object
) -> tuple[Phone, RegistrationListener]:
    listener = RegistrationListener()
    config = PhoneConfig(
        user="ana", registrar=kamailio.uri, password=password, register_retry_s=1, **extra
    )
    phone = Phone(config, listener)
    listener.phone = phone
    return phone, listener


def test_registers_with_digest_auth_and_receives_a_handoff_through_the_proxy(
    kamailio: Kamailio, tmp_path: Path
) -> None:
    phone, listener = _phone(kamailio, PASSWORD)
    assert repr(phone.config).count(PASSWORD) == 0  # the secret never shows in logs
    phone.start()
    try:
        assert pump_until(phone.pump, lambda: phone.registration.state == "registered", 10), (
            listener.registrations
        )
        assert listener.states()[-1] == "registered"
        assert phone.registration.sip_status == 200 and phone.registration.expires_s
        if shutil.which("sipp") is None or not PCAP_G711A.exists():
            pytest.skip("sipp not installed: registration checked, routing not")
        sipp = Sipp(
            "uac_handoff.xml",
            [f"127.0.0.1:{kamailio.port}", "-s", "ana", "-key", "handoff", "h-kam", "-d", "1000"],
            tmp_path,
        )

        def got_rtp() -> bool:
            if not listener.incoming:
                return False
            info = phone.call(listener.incoming[0].call_id)
            return info is not None and info.rx_rtp_packets > 10

        assert pump_until(phone.pump, got_rtp, 10), "no call with RTP came through kamailio"
        assert listener.incoming[0].handoff_id == "h-kam"
        assert pump_until(phone.pump, lambda: not phone.calls(), 15)
        code, output = sipp.finish()
        assert code == 0, output
    finally:
        phone.stop()


def test_a_wrong_password_fails_with_the_reason_and_is_not_retried(kamailio: Kamailio) -> None:
    phone, listener = _phone(kamailio, "wrong")
    phone.start()
    try:
        assert pump_until(phone.pump, lambda: phone.registration.state == "failed", 10), (
            listener.registrations
        )
        failed = phone.registration
        assert failed.sip_status in (401, 403) and failed.reason
        pump_until(phone.pump, lambda: False, 2.5)  # longer than register_retry_s
        assert listener.states().count("failed") == 1
        assert "registered" not in listener.states()
    finally:
        phone.stop()


def test_phone_re_registers_by_itself_when_the_registrar_comes_back(kamailio: Kamailio) -> None:
    # Over TCP the registrar's death is seen at once (the connection drops). Over UDP pjsip
    # only learns it when a refresh times out (timer F, 32 s), then recovers the same way.
    phone, listener = _phone(kamailio, PASSWORD, register_expires_s=30, transport="tcp")
    phone.start()
    try:
        assert pump_until(phone.pump, lambda: phone.registration.state == "registered", 10)
        kamailio.stop()
        assert pump_until(phone.pump, lambda: phone.registration.state == "retrying", 15), (
            listener.registrations
        )
        assert phone.registration.retry_in_s == 1 and phone.registration.reason
        kamailio.start()
        assert pump_until(phone.pump, lambda: phone.registration.state == "registered", 15), (
            listener.registrations
        )
        states = listener.states()
        assert states.index("retrying") < len(states) - 1 - states[::-1].index("registered")
    finally:
        phone.stop()


def test_network_change_re_registers_and_keeps_the_call_with_media(
    kamailio: Kamailio, peers: list[PeerPhone], tmp_path: Path
) -> None:
    peer = PeerPhone(tmp_path, "--tone", "1000")
    peers.append(peer)
    phone, listener = _phone(kamailio, PASSWORD)
    phone.start()
    try:
        assert pump_until(phone.pump, lambda: phone.registration.state == "registered", 10)
        call_id = phone.make_call(peer.uri)
        assert pump_until(
            phone.pump, lambda: getattr(phone.call(call_id), "rx_rtp_packets", 0) > 20, 10
        )
        registered_before = listener.states().count("registered")

        phone.network_changed()  # as the desktop does on resume or a new network

        assert pump_until(
            phone.pump, lambda: listener.states().count("registered") > registered_before, 10
        ), listener.registrations
        before = phone.call(call_id)
        assert before is not None
        pump_until(phone.pump, lambda: False, 1.0)
        after = phone.call(call_id)
        assert after is not None and after.state == "confirmed", after
        assert after.rx_rtp_packets >= before.rx_rtp_packets + 30  # ~50 packets/s go on
        phone.hangup(call_id)
        assert pump_until(phone.pump, lambda: not phone.calls(), 10)
    finally:
        phone.stop()
    ended = peer.ended()
    assert ended["confirmed_at"] is not None
    peer.finish()
