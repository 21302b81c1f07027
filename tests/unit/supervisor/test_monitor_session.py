"""The monitor session's own rules, with a recording phone and a scripted hub reply.

The flow against the real hub (real grants, audit rows) is in
tests/integration/supervisor; here: refusals in words, no phone, the session ending by itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from desktop.supervisor.monitor import MonitorSession
from sync.client.model import HubError
from sync.protocol import Done, MonitorGrant

from .conftest import entry


@dataclass
class Leg:
    call_id: int
    state: str


class Phone:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def start_monitor(self, sip_uri: str, token: str) -> int:
        self.calls.append(("start", sip_uri, token))
        return 7

    def change_monitor(self, call_id: int, token: str) -> None:
        self.calls.append(("change", call_id, token))

    def hangup(self, call_id: int) -> None:
        self.calls.append(("hangup", call_id))


def hub(answers: list[Any]) -> Any:
    sent: list[Any] = []

    async def request(message: Any) -> Any:
        sent.append(message)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    request.sent = sent  # type: ignore[attr-defined]
    return request


def grant(mode: str, handoff: str = "h-ana") -> MonitorGrant:
    return MonitorGrant(
        token=f"t-{mode}",
        expires_at=dt.datetime(2026, 11, 23, tzinfo=dt.UTC),
        agent="ana",
        supervisor="carmen",
        handoff_id=handoff,
        mode=mode,  # type: ignore[arg-type]
        sip_uri="sip:ana@127.0.0.1:5099",
    )


@pytest.mark.asyncio
async def test_refusals_and_a_missing_phone_are_said_in_words(qapp: object) -> None:
    notices: list[str] = []
    session = MonitorSession(hub([HubError("not_on_call", "no call")]), Phone())
    session.notice.connect(notices.append)
    assert not await session.start("ana", "Ana", "join")
    assert notices == ["The agent is no longer on a call."] and session.state == "idle"
    bare = MonitorSession(hub([]), None)
    bare.notice.connect(notices.append)
    assert not await bare.start("ana", "Ana", "listen")
    assert notices[-1] == "Monitoring needs the softphone, which is not running."


@pytest.mark.asyncio
async def test_the_session_ends_with_the_leg_or_the_agent_call(qapp: object) -> None:
    phone = Phone()
    request = hub([grant("listen"), Done(), grant("listen"), Done()])
    session = MonitorSession(request, phone)
    assert await session.start("ana", "Ana", "listen")
    assert not session.on_call_changed(Leg(99, "disconnected"))  # someone else's call
    assert not session.on_call_changed(Leg(7, "confirmed")) and session.heard_at is not None
    assert session.on_call_changed(Leg(7, "disconnected"))
    await session.leave("leg ended")
    assert phone.calls[-1] == ("hangup", 7) and session.state == "idle"
    assert type(request.sent[-1]).__name__ == "EndMonitor"

    assert await session.start("ana", "Ana", "listen")
    assert not session.on_board_entry(entry("ana", "on_call", handoff_id="h-ana"))
    assert session.on_board_entry(entry("ana", "wrap_up"))
