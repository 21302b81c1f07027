"""Several hub URLs: a desk whose first hub is down moves on to the next one by itself."""

from __future__ import annotations

import pytest

from sync.client import ConnectionState, LocalStore, SyncClient

from .peer import PeerHub, RecordingListener, eventually

pytestmark = pytest.mark.timeout(60)


@pytest.mark.asyncio
async def test_next_url_is_tried_when_the_first_is_down(
    store: LocalStore, listener: RecordingListener
) -> None:
    down, up = PeerHub(), PeerHub()
    await down.start()
    await up.start()
    down_url = down.url
    await down.stop()
    client = SyncClient(
        [down_url, up.url], "ana", "acuerdo-demo", store, listener, backoff_initial=0.02
    )
    try:
        await client.start()
        await eventually(lambda: client.connection_state is ConnectionState.ONLINE)
        assert [hello.user for hello in up.hellos] == ["ana"]
    finally:
        await client.stop()
        await up.stop()


@pytest.mark.parametrize("urls", [[], ["ws://127.0.0.1:1", "http://127.0.0.1:2"], [None]])
def test_bad_url_lists_are_refused(
    urls: list[str], store: LocalStore, listener: RecordingListener
) -> None:
    with pytest.raises(ValueError, match="URL"):
        SyncClient(urls, "ana", "acuerdo-demo", store, listener)
