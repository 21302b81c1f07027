"""Callbacks, contact updates and call quality through a real hub: stored once, or refused."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from sync.hub.server import Hub
from sync.protocol import (
    CallQuality,
    HandoffOffer,
    ScheduleCallback,
    SubmitWrapUp,
    UpdateContact,
    WriteAck,
    WriteReject,
)

from .conftest import Peer, rows
from .test_call_flow import hand_off, ready_agent_and_dialer


async def on_call(hub: Hub) -> tuple[Peer, Peer, HandoffOffer]:
    ws, dialer = await ready_agent_and_dialer(hub)
    await hand_off(dialer)
    return ws, dialer, await ws.receive_type(HandoffOffer)


def soon(hours: int = 2) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)


@pytest.mark.asyncio
async def test_callback_is_stored_once_and_repeat_gets_the_same_answer(
    hub: Hub, database_url: str
) -> None:
    ws, dialer, offer = await on_call(hub)
    async with ws, dialer:
        key = str(uuid.uuid4())
        msg = ScheduleCallback(
            key=key, debtor_id=offer.debtor.id, due_at=soon(), for_agent="ana", note="tarde",
            handoff_id=offer.handoff_id, ref="cb1",
        )  # fmt: skip
        first = await ws.request(msg)
        assert isinstance(first, WriteAck) and first.kind == "callback", first
        again = await ws.request(ScheduleCallback(**{**_fields(msg), "ref": "cb2"}))
        assert isinstance(again, WriteAck) and again.duplicate
        assert again.result_id == first.result_id
        anyone = await ws.request(
            ScheduleCallback(key=str(uuid.uuid4()), debtor_id=offer.debtor.id, due_at=soon(3),
                             ref="cb3")
        )  # fmt: skip
        assert isinstance(anyone, WriteAck), anyone
    stored = rows(database_url, "SELECT debtor_id, for_agent_id, state FROM callbacks ORDER BY id")
    assert len(stored) == 2
    assert stored[0][0] == offer.debtor.id and stored[0][1] is not None
    assert stored[1][1] is None and stored[1][2] == "scheduled"
    assert rows(database_url, "SELECT count(*) FROM write_results WHERE key = ?", key) == [(1,)]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"due_at": dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)}, "due_at_past"),
        ({"due_at": dt.datetime(2031, 1, 1, 10, 0)}, "invalid_due_at"),
        ({"debtor_id": 999_999}, "unknown_debtor"),
        ({"handoff_id": None, "debtor_id": "other"}, "not_assigned"),
        ({"for_agent": "carmen"}, "unknown_agent"),
    ],
)
async def test_callback_business_rejections(
    hub: Hub, database_url: str, change: dict[str, object], code: str
) -> None:
    ws, dialer, offer = await on_call(hub)
    async with ws, dialer:
        if change.get("debtor_id") == "other":
            change = {**change, "debtor_id": offer.debtor.id % 30 + 1}
        fields: dict[str, object] = {
            "key": str(uuid.uuid4()), "debtor_id": offer.debtor.id, "due_at": soon(),
            "handoff_id": offer.handoff_id, "ref": "cb", **change,
        }  # fmt: skip
        answer = await ws.request(ScheduleCallback(**fields))  # type: ignore[arg-type]
        assert isinstance(answer, WriteReject), answer
        assert (answer.kind, answer.code) == ("callback", code)
    assert rows(database_url, "SELECT count(*) FROM callbacks") == [(0,)]


@pytest.mark.asyncio
async def test_contact_updates_flag_and_add_numbers(hub: Hub, database_url: str) -> None:
    ws, dialer, offer = await on_call(hub)
    point = offer.debtor.contact_points[0]
    async with ws, dialer:
        wrong = UpdateContact(
            key=str(uuid.uuid4()),
            debtor_id=offer.debtor.id,
            action="wrong_number",
            contact_point_id=point.id,
            ref="w",
        )
        ack = await ws.request(wrong)
        assert isinstance(ack, WriteAck) and ack.kind == "contact" and ack.result_id == point.id
        assert rows(database_url, "SELECT valid FROM contact_points WHERE id = ?", point.id) in (
            [(False,)],
            [(0,)],
        )
        new = UpdateContact(
            key=str(uuid.uuid4()),
            debtor_id=offer.debtor.id,
            action="new_number",
            value="+52 (55) 1234-5678",
            ref="n",
        )
        added = await ws.request(new)
        assert isinstance(added, WriteAck), added
        repeat = await ws.request(UpdateContact(**{**_fields(new), "ref": "n2"}))
        assert isinstance(repeat, WriteAck) and repeat.duplicate
        assert repeat.result_id == added.result_id
        stored = rows(
            database_url,
            "SELECT debtor_id, value FROM contact_points WHERE id = ?",
            added.result_id,
        )
        assert stored == [(offer.debtor.id, "+525512345678")]
        bad = await ws.request(
            UpdateContact(
                key=str(uuid.uuid4()),
                debtor_id=offer.debtor.id,
                action="new_number",
                value="12ab",
                ref="b",
            )
        )
        assert isinstance(bad, WriteReject) and bad.code == "invalid_phone"
        other = offer.debtor.id % 30 + 1
        foreign = rows(database_url, "SELECT id FROM contact_points WHERE debtor_id = ?", other)
        stolen = await ws.request(
            UpdateContact(
                key=str(uuid.uuid4()),
                debtor_id=offer.debtor.id,
                action="wrong_number",
                contact_point_id=int(foreign[0][0]),
                ref="s",
            )
        )
        assert isinstance(stolen, WriteReject) and stolen.code == "unknown_contact_point"
        not_mine = await ws.request(
            UpdateContact(
                key=str(uuid.uuid4()),
                debtor_id=other,
                action="valid",
                contact_point_id=int(foreign[0][0]),
                ref="m",
            )
        )
        assert isinstance(not_mine, WriteReject) and not_mine.code == "not_assigned"


@pytest.mark.asyncio
async def test_wrapup_keeps_call_quality_and_refuses_nonsense(hub: Hub, database_url: str) -> None:
    ws, dialer, offer = await on_call(hub)
    async with ws, dialer:
        quality = CallQuality(mos=4.2, loss_pct=0.5, jitter_ms=12.0, rtt_ms=80.0, codec="opus")
        wrap = SubmitWrapUp(key=str(uuid.uuid4()), handoff_id=offer.handoff_id,
                            debtor_id=offer.debtor.id, disposition="callback", quality=quality,
                            ref="q")  # fmt: skip
        ack = await ws.request(wrap)
        assert isinstance(ack, WriteAck), ack
        bad = SubmitWrapUp(key=str(uuid.uuid4()), handoff_id=offer.handoff_id,
                           debtor_id=offer.debtor.id, disposition="callback",
                           quality=CallQuality(mos=9.0), ref="q2")  # fmt: skip
        rejected = await ws.request(bad)
        assert isinstance(rejected, WriteReject) and rejected.code == "invalid_quality"
    (stored,) = rows(database_url, "SELECT quality FROM wrapups WHERE id = ?", ack.result_id)
    assert json.loads(str(stored[0])) == {
        "mos": 4.2, "loss_pct": 0.5, "jitter_ms": 12.0, "rtt_ms": 80.0, "codec": "opus",
    }  # fmt: skip


def _fields(msg: ScheduleCallback | UpdateContact) -> dict[str, object]:
    return {f: getattr(msg, f) for f in msg.__struct_fields__}
