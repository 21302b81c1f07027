"""Accounts carry their open promise, and seeded calls their recording, from a real hub store.

Runs on SQLite and PostgreSQL: the promise a pop shows is read in one statement over the
promises table and the history's promise and payment events, so both dialects must agree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Any

import pytest
from sqlalchemy import insert, select

from sync.hub import records
from sync.hub.db import make_engine, session_factory
from sync.hub.models import Account, Debtor, HistoryEventRow, PromiseRow, User
from sync.hub.portfolio import CONNECTED_OUTCOMES
from sync.hub.server import Hub
from sync.protocol import (
    AccountPromise,
    CreateHandoff,
    EndHandoff,
    HandoffCreated,
    HandoffOffer,
    Instalment,
    SetAgentState,
    WriteAck,
)

from .conftest import rows
from .test_call_flow import SIP, hand_off, promise, ready_agent_and_dialer

NOW = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)  # noon in Mexico City
TODAY = dt.date(2026, 11, 23)


@pytest.mark.asyncio
async def test_a_promise_saved_during_the_call_is_pending_on_the_next_pop(hub: Hub) -> None:
    ws, dialer = await ready_agent_and_dialer(hub)
    async with ws, dialer:
        created = await hand_off(dialer)
        offer = await ws.receive_type(HandoffOffer)
        first_due = dt.date.today() + dt.timedelta(days=5)
        plan = [
            Instalment(amount_cents=50_000, due_date=first_due + dt.timedelta(days=30 * i))
            for i in range(3)
        ]
        sent = promise(offer, str(uuid.uuid4()), due_date=first_due, instalments=plan)
        assert isinstance(await ws.request(sent), WriteAck)
        await dialer.send(EndHandoff(handoff_id=created.handoff_id, reason="completed"))
        await ws.send(SetAgentState(state="ready", sip_uri=SIP))
        again = await dialer.request(
            CreateHandoff(agent="ana", campaign="temprana", debtor_id=offer.debtor.id, ref="2")
        )
        assert isinstance(again, HandoffCreated) and again.debtor_id == offer.debtor.id, again
        pop = await ws.receive_type(HandoffOffer)
    account = next(a for a in pop.debtor.accounts if a.id == sent.account_id)
    shown = account.open_promise
    assert shown is not None
    assert (shown.state, shown.amount_cents, shown.due_date, shown.instalments) == (
        "pending",
        150_000,
        first_due,
        3,
    )
    assert abs(shown.promised_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def _event(debtor: int, account: int, days_ago: int, channel: str, **detail: Any) -> dict[str, Any]:
    return {
        "debtor_id": debtor, "channel": channel, "direction": None, "account_id": account,
        "occurred_at": NOW - dt.timedelta(days=days_ago), "summary": "x", "detail": detail,
    }  # fmt: skip


def _due(days_from_today: int) -> str:
    return (TODAY + dt.timedelta(days=days_from_today)).isoformat()


def test_each_account_shows_the_promise_the_rules_pick(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with session_factory(engine)() as session:
            debtor = Debtor(
                first_name="Prueba", last_name="Promesas", region="Jalisco",
                timezone="America/Mexico_City",
            )  # fmt: skip
            session.add(debtor)
            session.flush()
            ids = []
            for _ in range(6):
                account = Account(
                    debtor_id=debtor.id, product="telecom", number_masked="**** 0001",
                    balance_cents=900_000, currency="MXN", days_past_due=40,
                    minimum_payment_cents=10_000, segment="media", status="open",
                )  # fmt: skip
                session.add(account)
                session.flush()
                ids.append(account.id)
            pending_over_broken, broken, old, paid, unpaid, saved = ids
            agent = session.scalar(select(User.id).where(User.username == "ana"))
            d = debtor.id
            session.execute(
                insert(HistoryEventRow),
                [
                    # A newer broken one does not hide the pending one.
                    _event(d, pending_over_broken, 6, "promise", amount_cents=10_000,
                           due_date=_due(3), outcome="pending"),
                    _event(d, pending_over_broken, 2, "promise", amount_cents=20_000,
                           due_date=_due(-1), outcome="broken"),
                    _event(d, broken, 12, "promise", amount_cents=30_000,
                           due_date=_due(-10), outcome="broken"),
                    _event(d, broken, 50, "promise", amount_cents=31_000,
                           due_date=_due(-45), outcome="kept"),
                    # Resolved more than 30 days ago: nothing to show.
                    _event(d, old, 60, "promise", amount_cents=40_000,
                           due_date=_due(-40), outcome="kept"),
                    # Lapsed while recorded as pending: the payments decide.
                    _event(d, paid, 9, "promise", amount_cents=50_000,
                           due_date=_due(-2), outcome="pending"),
                    _event(d, paid, 5, "payment", amount_cents=30_000, method="OXXO"),
                    _event(d, paid, 4, "payment", amount_cents=20_000, method="SPEI"),
                    _event(d, unpaid, 9, "promise", amount_cents=50_000,
                           due_date=_due(-2), outcome="pending"),
                    _event(d, unpaid, 20, "payment", amount_cents=90_000, method="SPEI"),
                    # An imported event without the promise's terms is not a promise to show.
                    _event(d, saved, 1, "promise"),
                ],
            )  # fmt: skip
            session.add(
                PromiseRow(
                    key=str(uuid.uuid4()), handoff_id=None, debtor_id=d, account_id=saved,
                    agent_id=agent, amount_cents=60_000, currency="MXN",
                    due_date=TODAY + dt.timedelta(days=1),
                    instalments=[{"amount_cents": 30_000, "due_date": _due(1)},
                                 {"amount_cents": 30_000, "due_date": _due(31)}],
                    payment_channel=None, created_at=NOW - dt.timedelta(hours=3),
                )
            )  # fmt: skip
            session.commit()
            profile = records.debtor_profile(session, d, now=NOW)
    finally:
        engine.dispose()
    assert profile is not None
    shown = {a.id: a.open_promise for a in profile.accounts}

    def state(account_id: int) -> tuple[str, int] | None:
        found: AccountPromise | None = shown[account_id]
        return None if found is None else (found.state, found.amount_cents)

    assert state(pending_over_broken) == ("pending", 10_000)
    assert state(broken) == ("broken", 30_000)
    assert state(old) is None
    assert state(paid) == ("kept", 50_000)
    assert state(unpaid) == ("broken", 50_000)
    assert state(saved) == ("pending", 60_000)
    assert shown[saved] is not None and shown[saved].instalments == 2
    assert shown[saved].promised_at == NOW - dt.timedelta(hours=3)
    assert shown[broken] is not None and shown[broken].due_date == TODAY - dt.timedelta(days=10)


def test_seeded_connected_calls_link_their_recording_without_debtor_data(
    database_url: str,
) -> None:
    calls = rows(database_url, "SELECT id, detail FROM history_events WHERE channel = 'call'")
    assert calls
    linked = 0
    for event_id, detail in calls:
        fields = json.loads(str(detail))
        link = fields.get("recording")
        if fields["disposition"] in CONNECTED_OUTCOMES:
            # Named by the event id alone: no phone, name or account in the address.
            assert link == f"https://recordings.example.invalid/{event_id}.wav"
            assert re.fullmatch(r"https://recordings\.example\.invalid/\d+\.wav", link)
            linked += 1
        else:
            assert link is None
    assert 0 < linked < len(calls)
