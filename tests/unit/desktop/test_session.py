"""The agent session with a real (offline) SyncClient and LocalStore: pop, promise, wrap-up.

No hub is running: the outbox commits locally (state "saved") exactly as it does when the
network is down, which is the behaviour under test. The softphone is absent (None), which the
session must survive (screen pop and wrap-up still work).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import msgspec
import pytest
import pytest_asyncio
from pytestqt.qtbot import QtBot

from desktop.adapters.sync_signals import SyncSignals
from desktop.agent.own_calls import OwnCalls
from desktop.agent.promise_rules import PromiseDraft
from desktop.agent.session import OWN_CALL_PREFIX, AgentSession
from desktop.common.formatting import format_datetime
from scripts_engine import bundled_scripts_dir, load_script
from sync.client import LocalStore, SyncClient
from sync.protocol import (
    CallbackItem,
    CreatePromise,
    HandoffCancel,
    SubmitWrapUp,
    decode_client,
)
from tests.unit.desktop.conftest import make_offer


@pytest_asyncio.fixture
async def desk(
    tmp_path: Path, qapp: object, request: pytest.FixtureRequest
) -> AsyncIterator[tuple[AgentSession, LocalStore]]:
    store = LocalStore(tmp_path / "desktop.sqlite")
    signals = SyncSignals()
    # Port 9 on loopback: nothing listens; the client is never started anyway.
    client = SyncClient("ws://127.0.0.1:9", "ana", "pw", store, signals)
    # A test may shorten the offer/INVITE pairing wait: @pytest.mark.parametrize("desk", [0.0]).
    wait_s = float(getattr(request, "param", 3.0))
    session = AgentSession(client, None, "Ana López", "en_US", pairing_wait_s=wait_s)
    signals.item_changed.connect(session.on_item)
    script = load_script(bundled_scripts_dir() / "early-stage-mx.json")
    session.scripts._cache[(script.id, script.version)] = script
    yield session, store
    session.router.stop()
    await session.drain()
    await client.stop()
    store.close()


@pytest.mark.asyncio
async def test_offer_pops_the_screen(desk: tuple[AgentSession, LocalStore], qtbot: QtBot) -> None:
    session, _ = desk
    offer = make_offer()
    with qtbot.waitSignal(session.screen_popped):
        session.on_offer(offer)
    assert session.state == "on_call"
    assert session.accounts.rowCount() == 1
    assert session.history.rowCount() == 3
    assert session.script.current is not None
    assert session.script.current.node_id == "greet"


@pytest.mark.asyncio
async def test_promise_and_wrap_up_go_through_the_durable_outbox(
    desk: tuple[AgentSession, LocalStore], qtbot: QtBot
) -> None:
    session, store = desk
    session.on_offer(make_offer(handoff_id="h-9"))
    session.script.choose("right_party")
    due = dt.date.today() + dt.timedelta(days=3)
    item = await session.save_promise(PromiseDraft(5001, 120000, "MXN", due))
    assert str(item.state) == "saved"
    assert session.outbox.state_of(item.key) == "saved"
    with qtbot.waitSignal(session.wrapup_started):
        session.hang_up()  # no softphone call: the handoff still ends into wrap-up
    assert session.state == "wrap_up"
    wrapup = await session.submit_wrapup("promise_to_pay", "ok")
    assert session.state == "ready" and session.offer is None
    sent = {i.key: decode_client(payload) for i, payload in store.pending()}
    promise = sent[item.key]
    assert isinstance(promise, CreatePromise)
    assert (promise.handoff_id, promise.account_id, promise.amount_cents, promise.due_date) == (
        "h-9",
        5001,
        120000,
        due,
    )
    closing = sent[wrapup.key]
    assert isinstance(closing, SubmitWrapUp)
    assert (
        msgspec.structs.astuple(closing)[2:]
        == msgspec.structs.astuple(
            SubmitWrapUp(
                key=wrapup.key,
                handoff_id="h-9",
                debtor_id=1042,
                disposition="promise_to_pay",
                notes="ok",
                script_id="early-stage-mx",
                script_version=1,
                script_path=["greet", "verify"],
            )
        )[2:]
    )


@pytest.mark.asyncio
async def test_cancel_before_the_call_clears_the_screen(
    desk: tuple[AgentSession, LocalStore], qtbot: QtBot
) -> None:
    session, _ = desk
    session.on_offer(make_offer(handoff_id="h-5"))
    with qtbot.waitSignal(session.screen_cleared):
        session.on_cancel(HandoffCancel(seq=2, handoff_id="h-5", reason="abandoned"))
    assert session.state == "ready"
    assert session.accounts.rowCount() == 0


@pytest.mark.asyncio
async def test_a_replayed_offer_does_not_reset_the_call(
    desk: tuple[AgentSession, LocalStore], qtbot: QtBot
) -> None:
    session, _ = desk
    offer = make_offer(handoff_id="h-6")
    session.on_offer(offer)
    session.script.choose("right_party")
    with qtbot.assertNotEmitted(session.screen_popped):
        session.on_offer(offer)
    assert session.script.path == ("greet", "verify")


@pytest.mark.asyncio
@pytest.mark.parametrize("desk", [0.0], indirect=True)
async def test_an_own_call_pops_without_waiting_for_a_dialer_invite(
    desk: tuple[AgentSession, LocalStore], qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    session, _ = desk
    caplog.set_level(logging.INFO, logger="acuerdo.desktop")
    with qtbot.waitSignal(session.screen_popped):
        session.pop_own_call(make_offer(handoff_id=f"{OWN_CALL_PREFIX}cb-7"), 7)
    assert session.state == "on_call" and session.current_callback_id == 7
    session.router.check_expired()  # the wait (0 s here) is over: nothing was held for it
    assert "found no INVITE" not in caplog.text
    # A dialer's offer, by contrast, waits for its INVITE and says when none came.
    session.clear_screen()
    session.on_offer(make_offer(handoff_id="h-8"))
    session.router.check_expired()
    assert "offer h-8 found no INVITE within the wait" in caplog.text


@pytest.mark.asyncio
async def test_offline_a_callback_opens_from_the_cache_dated_when_it_was_saved(
    desk: tuple[AgentSession, LocalStore], qtbot: QtBot
) -> None:
    session, store = desk
    offer = make_offer()
    debtor = offer.debtor
    before = dt.datetime.now(dt.UTC)
    store.remember_debtor(
        debtor.id, msgspec.json.encode(debtor), msgspec.json.encode(offer.history), True
    )
    after = dt.datetime.now(dt.UTC)
    assert session.cached_debtor is not None
    own = OwnCalls(session, session.request, session.cached_debtor, None, session.dial_settings)
    # The client never connected: the hub cannot be asked, the desk's cache answers.
    data, saved_at = await own.open_debtor(debtor.id)
    assert data is not None and data.debtor == debtor
    assert saved_at is not None and before <= saved_at <= after
    # Not the newest history event (days older): the note must say how old the copy is.
    assert saved_at > max(e.occurred_at for e in offer.history.events)
    item = CallbackItem(
        id=7,
        debtor_id=debtor.id,
        debtor_name="",
        due_at=after,
        for_agent="ana",
        note="",
        campaign="temprana",
        handoff_id=None,
    )
    notes: list[str] = []
    own.offline_notice.connect(notes.append)
    own.dial_callback(item)
    for _ in range(200):  # the callback opens on the asyncio loop
        if notes:
            break
        await asyncio.sleep(0.01)
    expected = format_datetime(saved_at, "en_US")
    assert notes == [f"Offline — showing saved data from {expected}."]
    assert session.offer is not None and session.current_callback_id == 7
    own.stop()
