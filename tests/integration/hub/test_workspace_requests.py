"""The agent workspace's requests through a real hub: KPIs, callbacks, queued messages,
do-not-call flags and preview decisions."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from sync.hub.db import make_engine
from sync.hub.server import Hub
from sync.protocol import (
    AgentAvailability,
    CallbackList,
    CreateHandoff,
    DebtorData,
    DecidePreview,
    Done,
    EndHandoff,
    Error,
    FetchCallbacks,
    FetchDebtor,
    FetchKpis,
    HandoffCancel,
    HandoffCreated,
    HandoffOffer,
    KpiData,
    PreviewGo,
    QueueMessage,
    ScheduleCallback,
    SetAgentState,
    SubmitWrapUp,
    UpdateContact,
    WriteAck,
    WriteReject,
)

from .conftest import connect_peer, rows
from .test_call_flow import hand_off, promise, ready_agent_and_dialer
from .test_callbacks_contacts_quality import on_call, soon


def execute(database_url: str, sql: str, **params: object) -> None:
    engine = make_engine(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql), params)
    finally:
        engine.dispose()


@pytest.mark.asyncio
async def test_kpis_for_the_agent_and_the_floor(hub: Hub) -> None:
    ws, dialer, offer = await on_call(hub)
    boss, _ = await connect_peer(hub, "carmen")
    async with ws, dialer, boss:
        assert isinstance(await ws.request(promise(offer, str(uuid.uuid4()))), WriteAck)
        wrap = SubmitWrapUp(
            key=str(uuid.uuid4()),
            handoff_id=offer.handoff_id,
            debtor_id=offer.debtor.id,
            disposition="promise_to_pay",
            right_party="verified",
            ref="w",
        )
        assert isinstance(await ws.request(wrap), WriteAck)
        await ws.send(SetAgentState(state="ready"))
        await dialer.receive_type(AgentAvailability)
        await dialer.receive_type(AgentAvailability)
        second = await hand_off(dialer, ref="c2")
        await dialer.send(EndHandoff(handoff_id=second.handoff_id, reason="abandoned"))
        await ws.receive_type(HandoffCancel)
        mine = await ws.request(FetchKpis(scope="agent", ref="k"))
        assert isinstance(mine, KpiData), mine
        k = mine.kpis
        assert (k.scope, k.contacts, k.right_party_contacts, k.promises) == ("agent", 1, 1, 1)
        assert k.promised_cents == 150_000 and (k.goal_promises, k.abandon_limit_pct) == (12, 3.0)
        assert k.abandon_rate_pct == 50.0
        assert k.occupancy_pct is not None and 0.0 < k.occupancy_pct <= 100.0
        assert k.avg_handle_s is not None and k.avg_handle_s >= 0
        assert sum(p.value for p in k.contacts_by_hour) == 1
        assert k.contacts_by_hour[0].at == k.since
        # The seeded portfolio has kept and broken promises taken by the demo agents.
        assert k.kept_rate_by_week and k.kept_rate_pct is not None
        floor = await boss.request(FetchKpis(scope="floor", ref="f"))
        assert isinstance(floor, KpiData) and floor.kpis.scope == "floor"
        assert floor.kpis.contacts == 1 and floor.kpis.goal_promises == 12 * 8
        for peer, scope in ((ws, "floor"), (boss, "agent")):
            refused = await peer.request(FetchKpis(scope=scope, ref="x"))  # type: ignore[arg-type]
            assert isinstance(refused, Error) and refused.code == "forbidden"


@pytest.mark.asyncio
async def test_callbacks_are_listed_opened_and_closed_by_a_wrap_up(
    hub: Hub, database_url: str
) -> None:
    ws, dialer, offer = await on_call(hub)
    luis, _ = await connect_peer(hub, "luis")
    async with ws, dialer, luis:
        for for_agent, ref in ((None, "open"), ("ana", "mine")):
            scheduled = ScheduleCallback(
                key=str(uuid.uuid4()),
                debtor_id=offer.debtor.id,
                due_at=soon(),
                handoff_id=offer.handoff_id,
                for_agent=for_agent,
                note="Llamar después de la quincena",
                ref=ref,
            )
            assert isinstance(await ws.request(scheduled), WriteAck)
        listed = await ws.request(FetchCallbacks(ref="l"))
        assert isinstance(listed, CallbackList)
        assert [(c.for_agent, c.campaign) for c in listed.callbacks] == [
            (None, "temprana"),
            ("ana", "temprana"),
        ]
        assert listed.callbacks[0].debtor_name == offer.debtor.full_name
        # Luis never worked temprana: neither the list nor the debtor is his.
        empty = await luis.request(FetchCallbacks(ref="l0"))
        assert isinstance(empty, CallbackList) and empty.callbacks == []
        closed = await luis.request(FetchDebtor(debtor_id=offer.debtor.id, ref="d0"))
        assert isinstance(closed, Error) and closed.code == "forbidden"
        execute(
            database_url,
            "INSERT INTO handoffs (id, agent_id, debtor_id, campaign, mode, script_id, "
            "script_version, created_at, state) SELECT 'h-luis', id, :debtor, 'temprana', "
            "'predictive', 'early-stage-mx', 1, CURRENT_TIMESTAMP, 'wrapped' FROM users "
            "WHERE username = 'luis'",
            debtor=offer.debtor.id % 30 + 1,
        )
        shared = await luis.request(FetchCallbacks(ref="l1"))
        assert isinstance(shared, CallbackList)
        assert [c.for_agent for c in shared.callbacks] == [None]
        opened = await luis.request(FetchDebtor(debtor_id=offer.debtor.id, ref="d1"))
        assert isinstance(opened, DebtorData)
        done = SubmitWrapUp(
            key=str(uuid.uuid4()),
            handoff_id=None,
            debtor_id=offer.debtor.id,
            disposition="no_answer_voicemail",
            callback_id=shared.callbacks[0].id,
            ref="w",
        )
        assert isinstance(await luis.request(done), WriteAck)
        after = await luis.request(FetchCallbacks(ref="l2"))
        assert isinstance(after, CallbackList) and after.callbacks == []
        wrong = SubmitWrapUp(**{**_fields(done), "key": str(uuid.uuid4()), "callback_id": 999})
        rejected = await ws.request(wrong)
        assert isinstance(rejected, WriteReject) and rejected.code == "unknown_callback"
    states = rows(database_url, "SELECT state FROM callbacks ORDER BY id")
    assert states == [("done",), ("scheduled",)]


@pytest.mark.asyncio
async def test_queued_messages_become_outgoing_history_and_bad_ones_are_rejected(
    hub: Hub, database_url: str
) -> None:
    ws, dialer, offer = await on_call(hub)
    debtor = offer.debtor
    phone = next(p for p in debtor.contact_points if p.kind == "phone")
    email_points = [p for p in debtor.contact_points if p.kind == "email"]
    foreign = rows(database_url, "SELECT id FROM contact_points WHERE debtor_id = ?",
                   debtor.id % 30 + 1)[0][0]  # fmt: skip

    def message(**change: object) -> QueueMessage:
        fields: dict[str, object] = {
            "key": str(uuid.uuid4()), "debtor_id": debtor.id, "channel": "sms",
            "contact_point_id": phone.id, "text": "Su referencia de pago es 1234",
            "handoff_id": offer.handoff_id, "promise_key": "p-1", "ref": "m", **change,
        }  # fmt: skip
        return QueueMessage(**fields)  # type: ignore[arg-type]

    async with ws, dialer:
        ack = await ws.request(message())
        assert isinstance(ack, WriteAck) and ack.kind == "message"
        stored = rows(database_url, "SELECT channel, direction, detail FROM history_events "
                      "WHERE id = ?", ack.result_id)  # fmt: skip
        assert stored[0][:2] == ("sms", "out") and '"queued"' in str(stored[0][2])
        cases: list[tuple[dict[str, object], str]] = [
            ({"contact_point_id": foreign}, "unknown_contact_point"),
            ({"channel": "email"}, "wrong_contact_kind"),
            ({"text": " "}, "invalid_text"),
            ({"text": "x" * 4001}, "invalid_text"),
        ]
        if email_points:
            cases.append(({"contact_point_id": email_points[0].id}, "wrong_contact_kind"))
        execute(database_url, "UPDATE contact_points SET do_not_call = :t WHERE id = :i",
                t=True, i=phone.id)  # fmt: skip
        cases.append(({}, "do_not_call"))
        for change, code in cases:
            answer = await ws.request(message(**change))
            assert isinstance(answer, WriteReject) and answer.code == code, (change, answer)
        # Nor may the agent make a do-not-call point valid again.
        revalidate = UpdateContact(key=str(uuid.uuid4()), debtor_id=debtor.id, action="valid",
                                   contact_point_id=phone.id, ref="v")  # fmt: skip
        answer = await ws.request(revalidate)
        assert isinstance(answer, WriteReject) and answer.code == "do_not_call"
        execute(database_url, "UPDATE contact_points SET valid = :f, do_not_call = :f "
                "WHERE id = :i", f=False, i=phone.id)  # fmt: skip
        invalid = await ws.request(message())
        assert isinstance(invalid, WriteReject) and invalid.code == "invalid_contact_point"


@pytest.mark.asyncio
async def test_do_not_call_debtors_are_flagged_and_never_dialled(
    hub: Hub, database_url: str
) -> None:
    execute(database_url, "UPDATE debtors SET do_not_call = :t, do_not_call_reason = 'REDECO' "
            "WHERE id = 1", t=True)  # fmt: skip
    ws, dialer = await ready_agent_and_dialer(hub)
    boss, _ = await connect_peer(hub, "carmen")
    async with ws, dialer, boss:
        asked = await dialer.request(
            CreateHandoff(agent="ana", campaign="temprana", debtor_id=1, ref="dnc")
        )
        assert isinstance(asked, Error) and asked.code == "do_not_call"
        created = await dialer.request(CreateHandoff(agent="ana", campaign="any", ref="next"))
        assert isinstance(created, HandoffCreated) and created.debtor_id != 1
        profile = await boss.request(FetchDebtor(debtor_id=1, ref="p"))
        assert isinstance(profile, DebtorData)
        assert (profile.debtor.do_not_call, profile.debtor.do_not_call_reason) == (True, "REDECO")


@pytest.mark.asyncio
async def test_preview_call_goes_to_the_dialer_and_skip_ends_the_handoff(
    hub: Hub, database_url: str
) -> None:
    ws, dialer = await ready_agent_and_dialer(hub)
    luis, _ = await connect_peer(hub, "luis")
    async with ws, dialer, luis:
        preview = CreateHandoff(agent="ana", campaign="temprana", mode="preview", ref="p1")
        first = await dialer.request(preview)
        assert isinstance(first, HandoffCreated)
        await ws.receive_type(HandoffOffer)
        go = await ws.request(DecidePreview(handoff_id=first.handoff_id, action="call", ref="g"))
        assert isinstance(go, Done)
        relayed = await dialer.receive_type(PreviewGo)
        assert (relayed.handoff_id, relayed.agent, relayed.action) == (
            first.handoff_id,
            "ana",
            "call",
        )
        others = await luis.request(
            DecidePreview(handoff_id=first.handoff_id, action="skip", ref="o")
        )
        assert isinstance(others, Error) and others.code == "unknown_handoff"
        await dialer.send(EndHandoff(handoff_id=first.handoff_id, reason="done"))
        await ws.receive_type(HandoffCancel)
        await ws.send(SetAgentState(state="ready"))
        while (await dialer.receive_type(AgentAvailability)).state != "ready":
            pass
        second = await dialer.request(CreateHandoff(**{**_fields(preview), "ref": "p2"}))
        assert isinstance(second, HandoffCreated)
        skip = await ws.request(DecidePreview(handoff_id=second.handoff_id, action="skip", ref="s"))
        assert isinstance(skip, Done)
        while (await dialer.receive_type(AgentAvailability)).state != "ready":
            pass  # the agent is free for the next debtor at once
        late = await ws.request(DecidePreview(handoff_id=second.handoff_id, action="call", ref="l"))
        assert isinstance(late, Error) and late.code == "handoff_over"
    ended = rows(database_url, "SELECT state, end_reason FROM handoffs WHERE id = ?",
                 second.handoff_id)  # fmt: skip
    assert ended == [("cancelled", "skipped")]


def _fields(msg: object) -> dict[str, object]:
    return {f: getattr(msg, f) for f in msg.__struct_fields__}  # type: ignore[attr-defined]
