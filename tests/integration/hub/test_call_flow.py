"""One call end to end through a real hub: availability, handoff, promise, wrap-up, paging."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import pytest

from sync.hub.server import Hub
from sync.protocol import (
    AgentAvailability,
    CreateHandoff,
    CreatePromise,
    DebtorData,
    EndHandoff,
    Error,
    FetchDebtor,
    FetchHistory,
    FetchScript,
    HandoffCancel,
    HandoffCreated,
    HandoffOffer,
    HistoryData,
    ScriptData,
    SetAgentState,
    SubmitWrapUp,
    WriteAck,
    WriteReject,
)

from .conftest import Peer, connect_peer, rows

SIP = "sip:ana@127.0.0.1:5099"


async def ready_agent_and_dialer(hub: Hub, agent: str = "ana") -> tuple[Peer, Peer]:
    dialer, _ = await connect_peer(hub, "dialer")
    ws, _ = await connect_peer(hub, agent)
    await ws.send(SetAgentState(state="ready", sip_uri=SIP))
    seen = await dialer.receive_type(AgentAvailability)
    assert (seen.agent, seen.state, seen.sip_uri) == (agent, "ready", SIP)
    return ws, dialer


async def hand_off(dialer: Peer, agent: str = "ana", ref: str = "c1") -> HandoffCreated:
    created = await dialer.request(CreateHandoff(agent=agent, campaign="temprana", ref=ref))
    assert isinstance(created, HandoffCreated), created
    return created


def promise(offer: HandoffOffer, key: str, **changes: object) -> CreatePromise:
    account = next(a for a in offer.debtor.accounts if a.status == "open")
    fields: dict[str, object] = {
        "key": key,
        "handoff_id": offer.handoff_id,
        "debtor_id": offer.debtor.id,
        "account_id": account.id,
        "amount_cents": 150_000,
        "currency": "MXN",
        "due_date": dt.date.today() + dt.timedelta(days=7),
        "ref": f"p-{key[:8]}",
    }
    fields.update(changes)
    return CreatePromise(**fields)  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_full_call_flow_stores_the_promise_exactly_once(hub: Hub, database_url: str) -> None:
    ws, dialer = await ready_agent_and_dialer(hub)
    async with ws, dialer:
        created = await hand_off(dialer)
        assert created.agent == "ana" and created.sip_uri == SIP and created.mode == "predictive"
        offer = await ws.receive_type(HandoffOffer)
        assert offer.handoff_id == created.handoff_id
        assert offer.debtor.id == created.debtor_id
        assert offer.debtor.accounts and offer.debtor.contact_points
        assert any(a.segment == "temprana" for a in offer.debtor.accounts)
        assert 0 < len(offer.history.events) <= 50
        assert offer.history.total >= len(offer.history.events)
        assert offer.script_id == "early-stage-mx" and offer.script_version >= 1
        busy = await dialer.receive_type(AgentAvailability)
        assert (busy.agent, busy.state) == ("ana", "on_call")

        key = str(uuid.uuid4())
        ack = await ws.request(promise(offer, key))
        assert isinstance(ack, WriteAck) and not ack.duplicate and ack.kind == "promise"
        again = await ws.request(promise(offer, key, ref="retry"))
        assert isinstance(again, WriteAck)
        assert again.duplicate and again.result_id == ack.result_id and again.ref == "retry"
        assert rows(database_url, "SELECT count(*) FROM promises WHERE key = ?", key) == [(1,)]

        wrap_key = str(uuid.uuid4())
        wrapup = SubmitWrapUp(
            key=wrap_key,
            handoff_id=offer.handoff_id,
            debtor_id=offer.debtor.id,
            disposition="promise",
            notes="Acordó pagar el viernes",
            script_id=offer.script_id,
            script_version=offer.script_version,
            script_path=["greet", "verify", "offer"],
            ref="w1",
        )
        wrapped = await ws.request(wrapup)
        assert isinstance(wrapped, WriteAck) and wrapped.kind == "wrapup" and not wrapped.duplicate
        repeat = await ws.request(wrapup)
        assert isinstance(repeat, WriteAck) and repeat.duplicate
        assert rows(database_url, "SELECT script_path FROM wrapups WHERE key = ?", wrap_key) == [
            ('["greet", "verify", "offer"]',)
        ]
        assert rows(database_url, "SELECT state FROM handoffs WHERE id = ?", offer.handoff_id) == [
            ("wrapped",)
        ]
        audited = rows(database_url, "SELECT action FROM audit_log ORDER BY id")
        assert {("handoff.create",), ("promise.create",), ("wrapup.create",)} <= set(audited)

        await ws.send(SetAgentState(state="ready"))
        again_ready = await dialer.receive_type(AgentAvailability)
        assert (again_ready.state, again_ready.sip_uri) == ("ready", SIP)
        second = await hand_off(dialer, ref="c2")
        # Lowest id first, never the same debtor twice in the hub's lifetime.
        assert second.debtor_id > created.debtor_id


@pytest.mark.asyncio
async def test_concurrent_repeats_of_one_key_store_one_row(hub: Hub, database_url: str) -> None:
    ws, dialer = await ready_agent_and_dialer(hub)
    async with ws, dialer:
        await hand_off(dialer)
        offer = await ws.receive_type(HandoffOffer)
        twin, _ = await connect_peer(hub, "ana")
        async with twin:
            key = str(uuid.uuid4())
            answers = await asyncio.gather(
                ws.request(promise(offer, key, ref="a")),
                twin.request(promise(offer, key, ref="b")),
            )
        assert all(isinstance(a, WriteAck) for a in answers)
        acks = [a for a in answers if isinstance(a, WriteAck)]
        assert sorted(a.duplicate for a in acks) == [False, True]
        assert acks[0].result_id == acks[1].result_id
        assert rows(database_url, "SELECT count(*) FROM promises WHERE key = ?", key) == [(1,)]


@pytest.mark.asyncio
async def test_business_rejections_are_recorded_and_repeated(hub: Hub, database_url: str) -> None:
    ws, dialer = await ready_agent_and_dialer(hub)
    async with ws, dialer:
        await hand_off(dialer)
        offer = await ws.receive_type(HandoffOffer)
        cases = {
            "due_date_past": {"due_date": dt.date.today() - dt.timedelta(days=3)},
            "invalid_amount": {"amount_cents": 0},
            "unknown_account": {"account_id": 999_999},
            "currency_mismatch": {"currency": "USD"},
        }
        for code, changes in cases.items():
            key = str(uuid.uuid4())
            reject = await ws.request(promise(offer, key, **changes))
            assert isinstance(reject, WriteReject) and reject.code == code, reject
            repeat = await ws.request(promise(offer, key, ref="again"))
            # The original answer, even though the repeat itself would now be acceptable.
            assert isinstance(repeat, WriteReject) and repeat.code == code
        closed = next((a for a in offer.debtor.accounts if a.status != "open"), None)
        if closed is not None:
            reject = await ws.request(promise(offer, str(uuid.uuid4()), account_id=closed.id))
            assert isinstance(reject, WriteReject) and reject.code == "account_not_open"
        stranger = promise(offer, str(uuid.uuid4()), handoff_id=None, debtor_id=30)
        reject = await ws.request(stranger)
        assert isinstance(reject, WriteReject) and reject.code == "not_assigned"
        assert rows(database_url, "SELECT count(*) FROM promises") == [(0,)]
        assert rows(database_url, "SELECT count(*) FROM write_results WHERE outcome='rejected'")[0][
            0
        ] == len(cases) + 1 + (closed is not None)


@pytest.mark.asyncio
async def test_dialer_errors_and_agent_fetch_permissions(hub: Hub) -> None:
    dialer, _ = await connect_peer(hub, "dialer")
    ws, _ = await connect_peer(hub, "luis")
    async with dialer, ws:
        for agent, code in (("luis", "agent_not_ready"), ("ghost", "unknown_agent")):
            reply = await dialer.request(CreateHandoff(agent=agent, campaign="temprana", ref=agent))
            assert isinstance(reply, Error) and reply.code == code
        refused = await ws.request(FetchDebtor(debtor_id=1, ref="f"))
        assert isinstance(refused, Error) and refused.code == "forbidden"
        script = await ws.request(FetchScript(script_id="early-stage-mx", ref="s"))
        assert isinstance(script, ScriptData) and script.document["id"] == "early-stage-mx"
        missing = await ws.request(FetchScript(script_id="nope", ref="s2"))
        assert isinstance(missing, Error) and missing.code == "unknown_script"
    supervisor, _ = await connect_peer(hub, "carmen")
    async with supervisor:
        data = await supervisor.request(FetchDebtor(debtor_id=1, ref="f"))
        assert isinstance(data, DebtorData) and data.debtor.id == 1
        unknown = await supervisor.request(FetchDebtor(debtor_id=10_000, ref="g"))
        assert isinstance(unknown, Error) and unknown.code == "unknown_debtor"


@pytest.mark.asyncio
async def test_history_pages_walk_back_without_gaps_or_repeats(hub: Hub) -> None:
    supervisor, _ = await connect_peer(hub, "carmen")
    async with supervisor:
        seen: list[int] = []
        before: int | None = None
        total = -1
        while True:
            reply = await supervisor.request(
                FetchHistory(debtor_id=2, before_id=before, limit=7, ref=f"h{before}")
            )
            assert isinstance(reply, HistoryData)
            page = reply.page
            total = page.total
            seen.extend(e.id for e in page.events)
            times = [e.occurred_at for e in page.events]
            assert times == sorted(times, reverse=True)
            if page.next_before_id is None:
                break
            assert page.next_before_id == page.events[-1].id
            before = page.next_before_id
        assert seen == sorted(seen, reverse=True)
        assert len(seen) == len(set(seen)) == total >= 5
        bad = await supervisor.request(FetchHistory(debtor_id=2, limit=0, ref="bad"))
        assert isinstance(bad, Error) and bad.code == "invalid"


@pytest.mark.asyncio
async def test_end_handoff_cancels_the_offer_and_frees_the_agent(hub: Hub) -> None:
    ws, dialer = await ready_agent_and_dialer(hub)
    async with ws, dialer:
        created = await hand_off(dialer)
        await ws.receive_type(HandoffOffer)
        assert (await dialer.receive_type(AgentAvailability)).state == "on_call"
        await dialer.send(EndHandoff(handoff_id=created.handoff_id, reason="abandoned"))
        cancel = await ws.receive_type(HandoffCancel)
        assert cancel.handoff_id == created.handoff_id and cancel.reason == "abandoned"
        assert (await dialer.receive_type(AgentAvailability)).state == "ready"
        unknown = await dialer.request(EndHandoff(handoff_id="nope", ref="e"))
        assert isinstance(unknown, Error) and unknown.code == "unknown_handoff"
