"""The desktop's HandoffRouter with a real Phone and a sipp dialer leg whose handoff offer
never comes: after the pairing wait the router applies the desk's unpaired policy, so with
"reject" the dialer gets 480 and nothing rings, and with "ring" the call rings for the agent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.agent.handoff_router import HandoffRouter
from softphone import CallInfo, Phone, PhoneConfig
from tests.integration.softphone.support import PCAP_G711A, Sipp, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
    pytest.mark.skipif(not PCAP_G711A.exists(), reason="sipp's g711a.pcap not installed"),
]


class ToRouter:
    """The session's part: every INVITE the phone reports goes to the router."""

    def __init__(self) -> None:
        self.router: HandoffRouter | None = None
        self.changes: list[CallInfo] = []

    def on_incoming(self, call: CallInfo) -> None:
        assert self.router is not None
        self.router.invite_arrived(call)

    def on_call_changed(self, call: CallInfo) -> None:
        self.changes.append(call)


@pytest.mark.parametrize("policy", ["reject", "ring"])
def test_offerless_invite_follows_the_unpaired_policy_after_the_wait(
    qtbot: QtBot, qapp: object, tmp_path: Path, policy: str
) -> None:
    listener = ToRouter()
    phone = Phone(PhoneConfig(unpaired_policy=policy), listener)  # type: ignore[arg-type]
    router = HandoffRouter(phone, wait_s=0.3)
    listener.router = router
    rung: list[int] = []
    router.ringing.connect(rung.append)
    phone.start()

    def pump() -> None:
        phone.pump()
        qapp.processEvents()  # type: ignore[attr-defined]  # the router's expiry timer

    try:
        sipp = Sipp.calling(
            "uac_handoff.xml", phone.contact_uri, tmp_path, "-key", "handoff", "h-lost"
        )
        if policy == "reject":
            ended = lambda: any(c.state == "disconnected" for c in listener.changes)  # noqa: E731
            assert pump_until(pump, ended, 10), listener.changes
            final = listener.changes[-1]
            assert final.sip_status == 480 and final.confirmed_at is None, final
            assert rung == []
            code, output = sipp.finish()
            assert code != 0 and "480" in output  # the dialer was told, with the status
        else:
            assert pump_until(pump, lambda: bool(rung), 10)
            info = phone.call(rung[0])
            assert info is not None and info.state == "ringing" and info.handoff_id == "h-lost"
    finally:
        router.stop()
        phone.stop()
