"""The dialer simulator against a real websockets hub peer and a real SIP agent phone (sipp).

sipp plays the agent's softphone with scenarios that fail the call (and sipp's exit code)
unless the INVITE carries the handoff id the hub minted, and the auto-answer header exactly
when the mode is predictive.
"""

from __future__ import annotations

import asyncio
import shutil
import uuid

import pytest

from sync.dialer.cli import run_dialer
from sync.dialer.simulator import DialerSimulator, HubRefusedLogin
from tests.integration.dialer.agent_phone import agent_phone, running
from tests.integration.dialer.hub_peer import PASSWORD, HubPeer

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
]


def handoff_id() -> str:
    return f"it-{uuid.uuid4().hex[:12]}"


@pytest.mark.asyncio
@pytest.mark.parametrize(("mode", "auto"), [("predictive", "1"), ("progressive", "0")])
async def test_places_exactly_max_calls_with_the_handoff_header(mode: str, auto: str) -> None:
    expected = handoff_id()
    async with agent_phone(
        "agent_phone_uas.xml", ("expected_handoff", expected), ("expected_auto", auto)
    ) as phone:
        hub = HubPeer("ana", phone.sip_uri, [expected, handoff_id()])
        await hub.start()
        simulator = DialerSimulator(
            hub.url,
            password=PASSWORD,
            mode=mode,  # type: ignore[arg-type]
            pacing_s=0.1,
            max_calls=1,
            talk_time_s=(0.3, 0.3),
        )
        try:
            async with running(simulator):
                await asyncio.wait_for(simulator.wait_finished(), 20)
                # The agent wraps up and is ready again: the cap must hold.
                await hub.announce("ready")
                await asyncio.sleep(0.5)
                assert len(hub.creates) == 1
            code, output = await phone.exit_code()
        finally:
            await hub.stop()
    assert code == 0, output
    (create,) = hub.creates
    assert (create.agent, create.campaign, create.mode) == ("ana", "temprana", mode)
    assert hub.ends == []  # an answered call needs no EndHandoff
    stats = simulator.stats
    assert (stats.calls_placed, stats.calls_answered, stats.calls_unanswered) == (1, 1, 0)
    assert len(stats.invite_to_confirmed_ms) == 1
    assert stats.invite_to_confirmed_ms[0] > 0


@pytest.mark.asyncio
async def test_busy_agent_ends_the_handoff() -> None:
    expected = handoff_id()
    async with agent_phone("agent_phone_busy.xml", ("expected_handoff", expected)) as phone:
        hub = HubPeer("ana", phone.sip_uri, [expected])
        await hub.start()
        simulator = DialerSimulator(hub.url, password=PASSWORD, pacing_s=0.1, max_calls=1)
        try:
            async with running(simulator):
                await asyncio.wait_for(hub.ended.wait(), 20)
                await asyncio.wait_for(simulator.wait_finished(), 5)
            code, output = await phone.exit_code()
        finally:
            await hub.stop()
    assert code == 0, output
    # Predictive: the customer was already connected, so no agent answering is an abandoned
    # call, the figure the hub's KPIs hold against the legal limit.
    assert [(e.handoff_id, e.reason) for e in hub.ends] == [(expected, "abandoned")]
    stats = simulator.stats
    assert (stats.calls_placed, stats.calls_answered, stats.calls_unanswered) == (1, 0, 1)
    assert stats.invite_to_confirmed_ms == []


@pytest.mark.asyncio
async def test_survives_a_hub_restart_and_dials_after_reconnecting() -> None:
    expected = handoff_id()
    async with agent_phone(
        "agent_phone_uas.xml", ("expected_handoff", expected), ("expected_auto", "1")
    ) as phone:
        hub = HubPeer("ana", phone.sip_uri, [expected], ready_from_session=2)
        await hub.start()
        simulator = DialerSimulator(
            hub.url,
            password=PASSWORD,
            pacing_s=0.1,
            max_calls=1,
            talk_time_s=(0.2, 0.2),
            backoff_initial_s=0.05,
        )
        try:
            async with running(simulator):
                await asyncio.wait_for(hub.welcomed.wait(), 10)
                assert hub.creates == []
                await hub.drop_connections()
                await asyncio.wait_for(simulator.wait_finished(), 20)
            code, output = await phone.exit_code()
        finally:
            await hub.stop()
    assert code == 0, output
    assert hub.sessions == 2
    assert simulator.stats.hub_sessions == 2
    assert simulator.stats.calls_answered == 1


@pytest.mark.asyncio
async def test_wrong_password_stops_the_dialer_with_a_clear_error() -> None:
    hub = HubPeer("ana", "sip:ana@127.0.0.1:5999", [])
    await hub.start()
    try:
        simulator = DialerSimulator(hub.url, password="wrong")
        with pytest.raises(HubRefusedLogin, match="dialer"):
            await asyncio.wait_for(simulator.run(), 10)
    finally:
        await hub.stop()
    assert hub.creates == []


@pytest.mark.asyncio
async def test_run_dialer_returns_once_its_calls_are_done() -> None:
    # Preview: the call goes out once the agent says "call" (preview.go), and asks the
    # agent's phone to answer by itself since the agent asked for it.
    expected = handoff_id()
    async with agent_phone(
        "agent_phone_uas.xml", ("expected_handoff", expected), ("expected_auto", "1")
    ) as phone:
        hub = HubPeer("ana", phone.sip_uri, [expected])
        await hub.start()
        try:
            await asyncio.wait_for(
                run_dialer(
                    hub.url, PASSWORD, "temprana", "preview", 0.1, 1, talk_time_s=(0.2, 0.2)
                ),
                20,
            )
            code, output = await phone.exit_code()
        finally:
            await hub.stop()
    assert code == 0, output
    assert [(c.mode, c.campaign) for c in hub.creates] == [("preview", "temprana")]


@pytest.mark.asyncio
async def test_a_skipped_preview_is_never_dialled_and_the_agent_is_paced_again() -> None:
    first, second = handoff_id(), handoff_id()
    hub = HubPeer("ana", "sip:ana@127.0.0.1:9", [first, second], preview_decision="skip")
    await hub.start()
    simulator = DialerSimulator(hub.url, password=PASSWORD, mode="preview", pacing_s=0.05)
    try:
        async with running(simulator):
            for _ in range(400):
                if len(hub.creates) >= 2:
                    break
                await asyncio.sleep(0.02)
    finally:
        await hub.stop()
    # The skip made the agent ready again: a second preview came, and no INVITE ever went out
    # (the agent's address is a discard port that would have failed the call).
    assert [c.mode for c in hub.creates][:2] == ["preview", "preview"]
    assert simulator.stats.calls_placed == 0
    assert simulator.stats.previews_dropped >= 1
