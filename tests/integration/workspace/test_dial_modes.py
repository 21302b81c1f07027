"""Preview and progressive calls: the real hub, the real dialer simulator, the real agent desk.

The dialer runs as its own process (`acuerdo dialer`: pjsua2 allows one endpoint per process
and the desk's softphone is this one's); it also serves as the trunk the desk dials out through.
"""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.integration.workspace.conftest import Desk, running_dialer, until

# trunk_port before desk: the session reads the trunk from the environment when it is built.
pytestmark = [pytest.mark.sip, pytest.mark.usefixtures("trunk_port")]

COUNTDOWN_S = 2


@pytest.fixture(autouse=True)
def preview_countdown(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short preview countdown (the desk reads it from the environment when it is built)."""
    monkeypatch.setenv("ACUERDO_PREVIEW_COUNTDOWN_S", str(COUNTDOWN_S))


def _handoff(desk: Desk, handoff_id: str) -> tuple[str, str | None]:
    rows = desk.rows("SELECT state, mode FROM handoffs WHERE id = ?", handoff_id)
    return (str(rows[0][0]), str(rows[0][1])) if rows else ("", None)


@pytest.mark.asyncio
async def test_preview_pops_first_and_call_now_connects_the_customer(
    desk: Desk, trunk_port: int
) -> None:
    ws, session = desk.workspace, desk.session
    async with running_dialer(desk.hub, "preview", trunk_port):
        session.go("ready")
        assert await until(lambda: session.offer is not None, 20), "no preview pop"
        assert session.offer is not None and session.offer.mode == "preview"
        bar = ws.dialing.preview_bar
        assert bar.isVisible() and session.call is None
        bar.call_button.click()
        assert await until(lambda: session.call is not None and session.call.state == "confirmed")
        assert not bar.isVisible()
        assert await until(lambda: (p := desk.phone.call(session.call.call_id)) is not None
                           and p.rx_rtp_packets > 0)  # fmt: skip
        ws.call_bar.hangup_button.click()
        assert await until(lambda: session.state == "wrap_up")


@pytest.mark.asyncio
async def test_preview_skip_from_the_keyboard_drops_the_debtor_and_the_next_one_pops(
    desk: Desk, trunk_port: int
) -> None:
    ws, session = desk.workspace, desk.session
    async with running_dialer(desk.hub, "preview", trunk_port):
        session.go("ready")
        assert await until(lambda: session.offer is not None, 20), "no preview pop"
        assert session.offer is not None
        first = session.offer.handoff_id
        QTest.keyClick(
            ws,
            Qt.Key.Key_S,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert await until(lambda: session.offer is None or session.offer.handoff_id != first)
        assert await until(lambda: _handoff(desk, first)[0] not in ("offered", ""))
        # The skip made the agent ready again on the hub: the dialer previews the next debtor.
        assert await until(
            lambda: session.offer is not None and session.offer.handoff_id != first, 20
        )
        assert session.call is None


@pytest.mark.asyncio
async def test_preview_countdown_dials_by_itself(desk: Desk, trunk_port: int) -> None:
    session = desk.session
    async with running_dialer(desk.hub, "preview", trunk_port):
        session.go("ready")
        assert await until(lambda: session.offer is not None, 20), "no preview pop"
        bar = desk.workspace.dialing.preview_bar
        assert bar.isVisible() and bar.remaining == COUNTDOWN_S
        assert await until(
            lambda: session.call is not None and session.call.state == "confirmed",
            COUNTDOWN_S + 10,
        )


@pytest.mark.asyncio
async def test_progressive_rings_until_the_agent_answers(desk: Desk, trunk_port: int) -> None:
    ws, session = desk.workspace, desk.session
    async with running_dialer(desk.hub, "progressive", trunk_port):
        session.go("ready")
        assert await until(lambda: session.call is not None and session.call.state == "ringing", 20)
        assert not ws.dialing.preview_bar.isVisible()
        await asyncio.sleep(0.3)
        assert session.call is not None and session.call.state == "ringing"  # nobody answered
        QTest.keyClick(ws, Qt.Key.Key_F5)
        assert await until(lambda: session.call is not None and session.call.state == "confirmed")


@pytest.mark.asyncio
async def test_progressive_auto_answer_when_the_desk_says_so(desk: Desk, trunk_port: int) -> None:
    session = desk.session
    session.router.auto_answer_progressive = True
    async with running_dialer(desk.hub, "progressive", trunk_port):
        session.go("ready")
        assert await until(
            lambda: session.call is not None and session.call.state == "confirmed", 20
        )
