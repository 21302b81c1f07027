"""SyncClient keeps the debtors it is handed (open ones only) and forgets them at logout."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from sync.client import ConnectionState, LocalStore, SyncClient
from sync.protocol import Account

from .peer import PeerHub, RecordingListener, eventually, offer

pytestmark = pytest.mark.timeout(60)


def account(status: str) -> Account:
    return Account(
        id=70, product="credit_card", number_masked="****1234", balance_cents=500_000,
        currency="MXN", days_past_due=40, minimum_payment_cents=50_000, segment="early",
        status=status,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.mark.asyncio
async def test_offered_debtor_is_cached_until_logout(
    peer: PeerHub, store: LocalStore, listener: RecordingListener
) -> None:
    client = SyncClient(peer.url, "ana", "acuerdo-demo", store, listener, backoff_initial=0.02)
    try:
        await client.start()
        await eventually(lambda: client.connection_state is ConnectionState.ONLINE)
        handed = offer(1)
        handed = msgspec.structs.replace(
            handed, debtor=msgspec.structs.replace(handed.debtor, accounts=[account("open")])
        )
        closed = offer(2)
        closed = msgspec.structs.replace(
            closed, debtor=msgspec.structs.replace(closed.debtor, accounts=[account("paid")])
        )
        await peer.push(handed)
        await peer.push(closed)
        await eventually(lambda: store.last_seq() == 2)
        await eventually(lambda: store.cached_debtor_ids() == [handed.debtor.id])
        cached = await client.cached_debtor(handed.debtor.id)
        assert cached is not None
        assert cached.debtor == handed.debtor and cached.history == handed.history
        assert await client.cached_debtor(closed.debtor.id) is None

        await client.logout()
        assert client.connection_state is ConnectionState.OFFLINE
        assert await client.cached_debtor(handed.debtor.id) is None
        assert store.get_value("token") is None
    finally:
        await client.stop()


@pytest.mark.asyncio
async def test_unreadable_cache_entry_is_dropped(
    store: LocalStore, listener: RecordingListener
) -> None:
    store.remember_debtor(5, b"not json", b"{}", True)
    client = SyncClient("ws://127.0.0.1:1", "ana", "acuerdo-demo", store, listener)
    assert await client.cached_debtor(5) is None
    assert store.cached_debtor_ids() == []
    assert dt.timedelta(days=7) == store.retention
