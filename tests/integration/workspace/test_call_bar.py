"""The call bar on a real call: the hub's handoff, sipp as the dialer's customer leg, our Phone.

sipp INVITEs the workspace's softphone with the handoff id the hub gave the dialer; the desk
pairs it with the screen pop and auto-answers (predictive). The agent then mutes, holds and
resumes from the keyboard; sipp fails the call unless the re-INVITEs say a=sendonly on hold and
a=sendrecv on resume. The customer hangs up and the wrap-up opens.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.integration.softphone.support import PCAP_G711A, Sipp
from tests.integration.workspace.conftest import Desk, until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
    pytest.mark.skipif(not PCAP_G711A.exists(), reason="sip-tester's g711a.pcap is missing"),
]


@pytest.fixture(autouse=True)
def _reap_sipp() -> Iterator[None]:
    yield
    Sipp.reap_all()


def _live(desk: Desk) -> bool:
    call = desk.session.call
    return call is not None and call.state == "confirmed"


@pytest.mark.asyncio
async def test_predictive_call_is_answered_and_driven_from_the_keyboard(
    desk: Desk, tmp_path: Path
) -> None:
    ws, session = desk.workspace, desk.session
    bar = ws.call_bar
    session.go("ready")
    created = await desk.offer_call("predictive")
    sipp = Sipp.calling(
        "uac_hold.xml",
        desk.phone.contact_uri,
        tmp_path,
        "-key",
        "handoff",
        created.handoff_id,
        "-d",
        "300",
    )
    assert await until(lambda: _live(desk), 15), "the handoff call was not auto-answered"
    assert bar.status.text() == "Connected"
    assert bar.hangup_button.isEnabled() and not bar.answer_button.isEnabled()
    for button in (bar.hold_button, bar.mute_button, bar.keypad_button, bar.transfer_button):
        assert button.isEnabled(), button.objectName()
        assert button.accessibleName(), button.objectName()
    assert not bar.complete_button.isVisible()  # only while consulting

    QTest.keyClick(ws, Qt.Key.Key_F8)  # mute
    assert await until(lambda: session.call is not None and session.call.muted)
    assert bar.mute_button.isChecked()
    QTest.keyClick(ws, Qt.Key.Key_F7)  # hold
    assert await until(lambda: session.call is not None and session.call.on_hold)
    assert bar.status.text() == "On hold" and not bar.keypad_button.isEnabled()
    QTest.keyClick(ws, Qt.Key.Key_F7)  # resume
    assert await until(lambda: session.call is not None and not session.call.on_hold)
    QTest.keyClick(ws, Qt.Key.Key_F8)  # unmute
    assert await until(lambda: session.call is not None and not session.call.muted)

    # The customer hangs up after the resume: the desk moves to wrap-up by itself.
    assert await until(lambda: session.state == "wrap_up", 20)
    assert ws.wrapup.isVisible()
    assert await until(lambda: not sipp.running(), 20)
    code, output = sipp.finish()
    assert code == 0, output[-2000:]
