"""The desktop's NetworkWatch drives a real re-registration: a real Phone registered with a real
kamailio, the agent's real CallControl, and a suspend induced by injecting a wall clock that
jumps ahead of the monotonic one (as after resume) or an interface address that changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.agent.call_control import CallControl
from desktop.agent.network_watch import NetworkWatch
from desktop.common import messages
from softphone import Phone, PhoneConfig, RegistrationInfo
from tests.integration.softphone.kamailio import Kamailio, available
from tests.integration.softphone.support import AnsweringListener, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(not available(), reason="kamailio (with auth.so) not installed"),
]

PASSWORD = "w4tch-ana"


class _Listener(AnsweringListener):
    def __init__(self) -> None:
        super().__init__()
        self.registrations: list[RegistrationInfo] = []

    def on_registration(self, info: RegistrationInfo) -> None:
        self.registrations.append(info)

    def registered(self) -> int:
        return sum(1 for info in self.registrations if info.state == "registered")


class _Clock:
    def __init__(self) -> None:
        self.wall = 1_800_000_000.0
        self.mono = 1000.0

    def tick(self, seconds: float, asleep_s: float = 0.0) -> None:
        self.mono += seconds
        self.wall += seconds + asleep_s  # suspend: only the wall clock moves on


@pytest.fixture
def registered(tmp_path: Path) -> Iterator[tuple[Phone, _Listener]]:
    proxy = Kamailio(tmp_path, "ana", PASSWORD)
    proxy.start()
    listener = _Listener()
    config = PhoneConfig(user="ana", registrar=proxy.uri, password=PASSWORD, register_retry_s=1)
    phone = Phone(config, listener)
    listener.phone = phone
    phone.start()
    try:
        assert pump_until(phone.pump, lambda: phone.registration.state == "registered", 10)
        yield phone, listener
    finally:
        phone.stop()
        proxy.stop()


def _pump_with_qt(phone: Phone, qtbot: QtBot) -> None:
    phone.pump()
    qtbot.wait(5)


def test_a_resume_from_sleep_re_registers_the_phone_through_call_control(
    registered: tuple[Phone, _Listener], qtbot: QtBot
) -> None:
    phone, listener = registered
    shown: list[str] = []
    messages.bridge().posted.connect(lambda _level, text: shown.append(text))
    calls = CallControl(phone)  # type: ignore[arg-type]
    clock = _Clock()
    watch = NetworkWatch(
        calls.network_changed,
        wall=lambda: clock.wall,
        monotonic=lambda: clock.mono,
        addresses=lambda: frozenset({"192.0.2.7"}),
        settle_s=0.05,
        system_backend=False,
    )
    before = listener.registered()

    clock.tick(3)  # an ordinary poll: nothing happened
    watch.check()
    assert not pump_until(lambda: _pump_with_qt(phone, qtbot), lambda: watch.triggered > 0, 0.3)

    clock.tick(3, asleep_s=600)  # the lid was closed for ten minutes
    watch.check()
    watch.check()  # a second sign before the settle delay ends is the same change
    assert pump_until(lambda: _pump_with_qt(phone, qtbot), lambda: watch.triggered == 1, 5)
    assert pump_until(
        lambda: _pump_with_qt(phone, qtbot), lambda: listener.registered() > before, 10
    ), listener.registrations
    assert phone.registration.state == "registered"
    assert any("network changed" in text for text in shown), shown
    assert watch.triggered == 1


def test_a_new_interface_address_re_registers_the_phone(
    registered: tuple[Phone, _Listener], qtbot: QtBot
) -> None:
    phone, listener = registered
    calls = CallControl(phone)  # type: ignore[arg-type]
    clock = _Clock()
    current = {"192.0.2.7"}
    watch = NetworkWatch(
        calls.network_changed,
        wall=lambda: clock.wall,
        monotonic=lambda: clock.mono,
        addresses=lambda: frozenset(current),
        poll_s=0.05,
        settle_s=0.05,
        system_backend=False,
    )
    watch.start()  # the real poll timer this time
    before = listener.registered()
    current.add("198.51.100.20")  # a VPN came up
    assert pump_until(lambda: _pump_with_qt(phone, qtbot), lambda: watch.triggered == 1, 5)
    assert pump_until(
        lambda: _pump_with_qt(phone, qtbot), lambda: listener.registered() > before, 10
    ), listener.registrations
    watch.stop()
