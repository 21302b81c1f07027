"""The agent session with a real (offline) SyncClient and LocalStore: pop, promise, wrap-up.

No hub is running: the outbox commits locally (state "saved") exactly as it does when the
network is down, which is the behaviour under test. The softphone is absent (None), which the
session must survive (screen pop and wrap-up still work).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import msgspec
import pytest
import pytest_asyncio
from pytestqt.qtbot import QtBot

from desktop.adapters.sync_signals import SyncSignals
from desktop.agent.promise_rules import PromiseDraft
from desktop.agent.session import AgentSession
from scripts_engine import bundled_scripts_dir, load_script
from sync.client import LocalStore, SyncClient
from sync.protocol import CreatePromise, HandoffCancel, SubmitWrapUp, decode_client
from tests.unit.desktop.conftest import make_offer


@pytest_asyncio.fixture
async def desk(tmp_path: Path, qapp: object) -> AsyncIterator[tuple[AgentSession, LocalStore]]:
    store = LocalStore(tmp_path / "desktop.sqlite")
    signals = SyncSignals()
    # Port 9 on loopback: nothing listens; the client is never started anyway.
    client = SyncClient("ws://127.0.0.1:9", "ana", "pw", store, signals)
    session = AgentSession(client, None, "Ana López", "en_US")
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
