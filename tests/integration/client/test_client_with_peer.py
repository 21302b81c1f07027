"""SyncClient against a real websockets peer on 127.0.0.1: outbox, reconnect, resume, auth."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import pytest_asyncio

from sync.client import ConnectionState, HubError, ItemState, LocalStore, SyncClient
from sync.protocol import (
    CreatePromise,
    FetchScript,
    HandoffCancel,
    ScriptData,
    ScriptUpdated,
    SubmitWrapUp,
)

from .peer import PeerHub, RecordingListener, eventually, offer

pytestmark = pytest.mark.timeout(60)

ClientFactory = Callable[..., SyncClient]


@pytest_asyncio.fixture
async def make_client(
    peer: PeerHub, store: LocalStore, listener: RecordingListener
) -> AsyncIterator[ClientFactory]:
    started: list[SyncClient] = []

    def make(**overrides: object) -> SyncClient:
        options: dict[str, object] = {
            "url": peer.url,
            "user": "ana",
            "password": "acuerdo-demo",
            "store": store,
            "listener": listener,
            "backoff_initial": 0.02,
            "backoff_max": 0.1,
            "heartbeat_s": 5.0,
        }
        options.update(overrides)
        client = SyncClient(**options)  # type: ignore[arg-type]
        started.append(client)
        return client

    yield make
    for client in started:
        await client.stop()


def promise(**overrides: object) -> CreatePromise:
    fields: dict[str, object] = {
        "key": str(uuid.uuid4()),
        "handoff_id": "h-1",
        "debtor_id": 7,
        "account_id": 70,
        "amount_cents": 150_000,
        "currency": "MXN",
        "due_date": dt.date.today() + dt.timedelta(days=7),
    }
    fields.update(overrides)
    return CreatePromise(**fields)  # type: ignore[arg-type]


async def online(client: SyncClient) -> None:
    await client.start()
    await eventually(lambda: client.connection_state is ConnectionState.ONLINE)


@pytest.mark.asyncio
async def test_promise_saved_then_synced(
    make_client: ClientFactory, peer: PeerHub, store: LocalStore, listener: RecordingListener
) -> None:
    client = make_client()
    await online(client)
    item = await client.save_promise(promise(key="p-1"))
    assert item.state is ItemState.SAVED
    assert store.get("p-1") is not None  # committed before save_promise returned
    await eventually(lambda: ItemState.SYNCED in listener.states_of("p-1"))
    assert listener.states_of("p-1") == [ItemState.SAVED, ItemState.SYNCING, ItemState.SYNCED]
    assert store.get("p-1").state is ItemState.SYNCED  # type: ignore[union-attr]
    assert peer.seen_keys == ["p-1"]
    assert client.pending_count() == 0
    assert "account 70" in item.summary and "150" not in item.summary
    # Every listener call arrived on the loop's thread, never on an executor thread.
    assert listener.threads == {threading.get_ident()}


@pytest.mark.asyncio
async def test_wrapup_goes_through_the_same_outbox(
    make_client: ClientFactory, peer: PeerHub, store: LocalStore, listener: RecordingListener
) -> None:
    client = make_client()
    await online(client)
    wrapup = SubmitWrapUp(key="w-1", handoff_id="h-1", debtor_id=7, disposition="promise")
    item = await client.save_wrapup(wrapup)
    assert (item.kind, item.state) == ("wrapup", ItemState.SAVED)
    await eventually(lambda: ItemState.SYNCED in listener.states_of("w-1"))
    assert peer.seen_keys == ["w-1"]


@pytest.mark.asyncio
async def test_drop_before_ack_resends_after_reconnect(
    make_client: ClientFactory, peer: PeerHub, store: LocalStore, listener: RecordingListener
) -> None:
    peer.drop_before_ack.add("p-drop")
    client = make_client()
    await online(client)
    await client.set_state("ready", sip_uri="sip:ana@127.0.0.1:5070")
    await client.save_promise(promise(key="p-drop"))
    await eventually(lambda: ItemState.SYNCED in listener.states_of("p-drop"))
    assert peer.seen_keys == ["p-drop", "p-drop"]  # at-least-once
    assert store.get("p-drop").state is ItemState.SYNCED  # type: ignore[union-attr]
    # The reconnect used the token and the resume point, not the password.
    assert peer.hellos[0].password == "acuerdo-demo"
    assert peer.hellos[1].password is None and peer.hellos[1].token in peer.tokens
    # The ready state was repeated on the new link.
    await eventually(lambda: len(peer.states) == 2)
    assert [s.state for s in peer.states] == ["ready", "ready"]
    assert peer.states[1].sip_uri == "sip:ana@127.0.0.1:5070"
    states = [state for state, _ in listener.connection]
    assert states.count(ConnectionState.ONLINE) == 2 and ConnectionState.OFFLINE in states


@pytest.mark.asyncio
async def test_reject_shows_the_hubs_reason(
    make_client: ClientFactory, peer: PeerHub, store: LocalStore, listener: RecordingListener
) -> None:
    peer.reject["p-bad"] = ("account_not_open", "the account is closed")
    client = make_client()
    await online(client)
    await client.save_promise(promise(key="p-bad"))
    await eventually(lambda: ItemState.REJECTED in listener.states_of("p-bad"))
    final = store.get("p-bad")
    assert final is not None and final.reason == "the account is closed"
    assert listener.items[-1].reason == "the account is closed"
    assert client.pending_count() == 0


@pytest.mark.asyncio
async def test_new_client_over_the_same_store_resends_unsynced_items(
    peer: PeerHub, store_path: Path
) -> None:
    # First desk session: one item in flight (never acked), one saved while offline.
    peer.hold_writes = True
    first_store = LocalStore(store_path)
    first = SyncClient(
        peer.url, "ana", "acuerdo-demo", first_store, RecordingListener(), backoff_initial=0.02
    )
    await online(first)
    await first.save_promise(promise(key="p-flight"))
    await eventually(lambda: peer.seen_keys == ["p-flight"])
    await peer.stop()  # the hub goes away; the next item cannot leave the desk
    await eventually(lambda: first.connection_state is not ConnectionState.ONLINE)
    await first.save_promise(promise(key="p-offline"))
    assert first.pending_count() == 2
    await first.stop()
    first_store.close()

    # The desk comes back (new process): a new client over the same file resends both.
    peer.hold_writes = False
    await peer.start()
    second_store = LocalStore(store_path)
    listener = RecordingListener()
    second = SyncClient(
        peer.url, "ana", "acuerdo-demo", second_store, listener, backoff_initial=0.02
    )
    try:
        await online(second)

        def synced() -> set[str]:
            return {i.key for i in listener.items if i.state is ItemState.SYNCED}

        await eventually(lambda: synced() == {"p-flight", "p-offline"})
        assert peer.seen_keys == ["p-flight", "p-flight", "p-offline"]
        assert second.pending_count() == 0
    finally:
        await second.stop()
        second_store.close()


@pytest.mark.asyncio
async def test_seq_resume_ignores_duplicates_and_persists_last_seq(
    make_client: ClientFactory, peer: PeerHub, store: LocalStore, listener: RecordingListener
) -> None:
    client = make_client()
    await online(client)
    await peer.push(offer(1))
    await peer.push(offer(2))
    await eventually(lambda: len(listener.offers) == 2)
    await eventually(lambda: store.last_seq() == 2)
    # Repeats of what was already seen are dropped; the next one is delivered.
    await peer.push(offer(2, "h-dup"), record=False)
    await peer.push(offer(1, "h-dup"), record=False)
    await peer.push(HandoffCancel(seq=3, handoff_id="h-2", reason="customer hung up"))
    await eventually(lambda: len(listener.cancels) == 1)
    assert [o.handoff_id for o in listener.offers] == ["h-1", "h-2"]
    await eventually(lambda: store.last_seq() == 3)

    # After a drop the client resumes from 3; even a peer that replays everything
    # does not make the desk show an offer twice.
    peer.replay_all = True
    peer.drop_all()
    await eventually(lambda: len(peer.hellos) == 2)
    assert peer.hellos[1].last_seq == 3
    await peer.push(offer(4))
    await eventually(lambda: len(listener.offers) == 3)
    assert [o.seq for o in listener.offers] == [1, 2, 4]
    assert len(listener.cancels) == 1
    await eventually(lambda: store.last_seq() == 4)


@pytest.mark.asyncio
async def test_other_stream_events_reach_the_listener_in_sequence(
    make_client: ClientFactory, peer: PeerHub, store: LocalStore, listener: RecordingListener
) -> None:
    client = make_client()
    await online(client)
    await peer.push(offer(1))
    await peer.push(ScriptUpdated(seq=2, script_id="early-stage-mx", version=2))
    await eventually(lambda: len(listener.events) == 1)
    assert listener.events[0] == ScriptUpdated(seq=2, script_id="early-stage-mx", version=2)
    await eventually(lambda: store.last_seq() == 2)
    await peer.push(ScriptUpdated(seq=2, script_id="early-stage-mx", version=2), record=False)
    await peer.push(offer(3))
    await eventually(lambda: len(listener.offers) == 2)
    assert len(listener.events) == 1  # the repeat was dropped like any seen event


@pytest.mark.asyncio
async def test_restarted_hub_stream_is_not_ignored(
    make_client: ClientFactory, peer: PeerHub, store: LocalStore, listener: RecordingListener
) -> None:
    store.set_last_seq(500)  # from before the hub restarted with a fresh stream
    client = make_client()
    await online(client)
    await eventually(lambda: store.last_seq() == 0)
    await peer.push(offer(1))
    await eventually(lambda: len(listener.offers) == 1)


@pytest.mark.asyncio
async def test_auth_failed_stops_retrying_until_the_password_changes(
    make_client: ClientFactory, peer: PeerHub, listener: RecordingListener
) -> None:
    client = make_client(password="wrong")
    await client.start()
    await eventually(lambda: listener.state is ConnectionState.AUTH_FAILED)
    # Many backoff periods later there has still been exactly one attempt.
    await asyncio.sleep(0.5)
    assert len(peer.hellos) == 1
    assert client.connection_state is ConnectionState.AUTH_FAILED
    await client.update_password("acuerdo-demo")
    await eventually(lambda: client.connection_state is ConnectionState.ONLINE)
    assert len(peer.hellos) == 2


@pytest.mark.asyncio
async def test_refused_token_falls_back_to_the_password(
    make_client: ClientFactory, peer: PeerHub, listener: RecordingListener
) -> None:
    client = make_client()
    await online(client)
    peer.refuse_tokens = True
    peer.drop_all()
    await eventually(lambda: len(listener.welcomes) == 2)
    assert [(h.password is not None, h.token is not None) for h in peer.hellos] == [
        (True, False),
        (False, True),
        (True, False),
    ]
    assert ConnectionState.AUTH_FAILED not in [state for state, _ in listener.connection]


@pytest.mark.asyncio
async def test_no_password_and_refused_token_is_auth_failed(
    make_client: ClientFactory, peer: PeerHub, store: LocalStore, listener: RecordingListener
) -> None:
    first = make_client()
    await online(first)
    await first.stop()
    # A desk started without the password logs in with the saved token...
    second = make_client(password=None)
    await online(second)
    assert peer.hellos[-1].token is not None
    await second.stop()
    # ...and reports AUTH_FAILED once that token is refused.
    peer.refuse_tokens = True
    third = make_client(password=None)
    await third.start()
    await eventually(lambda: third.connection_state is ConnectionState.AUTH_FAILED)


@pytest.mark.asyncio
async def test_requests_are_correlated_by_ref(make_client: ClientFactory, peer: PeerHub) -> None:
    client = make_client()
    await online(client)
    slow = asyncio.create_task(client.request(FetchScript(script_id="slow-300")))
    fast = asyncio.create_task(client.request(FetchScript(script_id="fast", version=2)))
    fast_reply = await fast
    assert not slow.done()
    slow_reply = await slow
    assert isinstance(fast_reply, ScriptData) and fast_reply.script_id == "fast"
    assert fast_reply.version == 2
    assert isinstance(slow_reply, ScriptData) and slow_reply.script_id == "slow-300"

    with pytest.raises(HubError) as refused:
        await client.request(FetchScript(script_id="missing"))
    assert refused.value.code == "not_found"

    with pytest.raises(TimeoutError):
        await client.request(FetchScript(script_id="never"), timeout=0.3)


@pytest.mark.asyncio
async def test_request_fails_fast_when_offline_or_dropped(
    make_client: ClientFactory, peer: PeerHub
) -> None:
    client = make_client()
    with pytest.raises(ConnectionError):
        await client.request(FetchScript(script_id="fast"))
    await online(client)
    waiting = asyncio.create_task(client.request(FetchScript(script_id="never"), timeout=30))
    await eventually(lambda: len(client._connection._waiters) == 1)
    peer.drop_all()
    with pytest.raises(ConnectionError):
        await waiting


@pytest.mark.asyncio
async def test_heartbeat_detects_a_hub_that_stops_answering(
    make_client: ClientFactory, peer: PeerHub, listener: RecordingListener
) -> None:
    client = make_client(heartbeat_s=0.1)
    await online(client)
    peer.go_silent()  # the socket stays open; nothing comes back
    await eventually(lambda: len(listener.welcomes) == 2, timeout=5)
    details = [detail for state, detail in listener.connection if state is ConnectionState.OFFLINE]
    assert any("DeadLink" in detail for detail in details)


@pytest.mark.asyncio
async def test_bad_input_is_a_clear_error(make_client: ClientFactory) -> None:
    with pytest.raises(ValueError, match="ws://"):
        make_client(url="http://127.0.0.1:1")
    client = make_client()
    with pytest.raises(ValueError, match="agent state"):
        await client.set_state("napping")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wrapup = SubmitWrapUp(key="w", handoff_id=None, debtor_id=1, disposition="x")
        await client.save_promise(wrapup)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="request"):
        await client.request(promise())
    first = await client.save_promise(promise(key="same"))
    again = await client.save_promise(promise(key="same"))
    assert again == first
    with pytest.raises(ValueError, match="already used"):
        await client.save_promise(promise(key="same", account_id=71))
