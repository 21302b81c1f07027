"""History filters on a real hub, on SQLite and PostgreSQL: channel, date range and text.

Each filtered walk is compared with the unfiltered walk filtered in Python, so a filter
that drops, repeats or lets through an event fails; hand-written events prove that the
text search is case-insensitive, reads detail values (not keys) and treats LIKE
wildcards literally.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from sync.hub.db import make_engine
from sync.hub.models import HistoryEventRow
from sync.hub.server import Hub
from sync.protocol import Channel, Error, FetchHistory, HistoryData, HistoryEvent

from .conftest import Peer, connect_peer

DEBTOR = 3
BASE = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def add_events(database_url: str) -> None:
    """Events old enough to sort before the seeded ones in time, with known text."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as session, session.begin():
            for i, (channel, summary, detail) in enumerate(
                [
                    ("sms", "Recordatorio de PAGO", {"status": "delivered"}),
                    ("email", "Estado de cuenta", {"subject": "Aviso para la Señora"}),
                    ("note", "Descuento 50% aplicado_x", {}),
                    ("whatsapp", "Hola", {"thread_id": "wa-991", "status": "read"}),
                    ("note", "Descuento 50 aplicado", {}),
                ]
            ):
                session.add(
                    HistoryEventRow(
                        debtor_id=DEBTOR,
                        channel=channel,
                        occurred_at=BASE + dt.timedelta(days=i),
                        summary=summary,
                        detail=detail,
                    )
                )
    finally:
        engine.dispose()


async def walk(peer: Peer, limit: int = 9, **filters: object) -> tuple[list[HistoryEvent], int]:
    events: list[HistoryEvent] = []
    before: int | None = None
    total = -1
    for turn in range(1000):
        reply = await peer.request(
            FetchHistory(debtor_id=DEBTOR, before_id=before, limit=limit, ref=f"w{turn}", **filters)  # type: ignore[arg-type]
        )
        assert isinstance(reply, HistoryData), reply
        events.extend(reply.page.events)
        total = reply.page.total
        if reply.page.next_before_id is None:
            break
        before = reply.page.next_before_id
    ids = [e.id for e in events]
    assert ids == sorted(ids, reverse=True) and len(ids) == len(set(ids))
    return events, total


async def text_ids(peer: Peer, text: str) -> set[int]:
    events, total = await walk(peer, text=text)
    assert total == len(events)
    return {e.id for e in events}


@pytest.mark.asyncio
async def test_channel_and_date_filters_match_the_unfiltered_history(
    hub: Hub, database_url: str
) -> None:
    add_events(database_url)
    peer, _ = await connect_peer(hub, "carmen")
    async with peer:
        everything, total = await walk(peer, limit=50)
        assert total == len(everything) >= 10
        channels: list[Channel] = ["sms", "note"]
        some, some_total = await walk(peer, channels=channels)
        assert [e.id for e in some] == [e.id for e in everything if e.channel in channels]
        assert some_total == len(some) >= 3
        since, until = BASE + dt.timedelta(days=1), BASE + dt.timedelta(days=3)
        window, _ = await walk(peer, since=since, until=until)
        assert [e.id for e in window] == [
            e.id for e in everything if since <= e.occurred_at < until
        ]
        assert len(window) == 2
        both, _ = await walk(peer, channels=["note"], since=since, until=until)
        assert [e.channel for e in both] == ["note"]


@pytest.mark.asyncio
async def test_text_search_is_case_insensitive_over_summary_and_detail_values(
    hub: Hub, database_url: str
) -> None:
    add_events(database_url)
    peer, _ = await connect_peer(hub, "carmen")
    async with peer:
        everything, _ = await walk(peer, limit=50)
        by_summary = {e.summary: e.id for e in everything}
        assert await text_ids(peer, "recordatorio de pago") == {by_summary["Recordatorio de PAGO"]}
        # A detail value, non-ASCII included; a key name alone matches nothing.
        assert await text_ids(peer, "Señora") == {by_summary["Estado de cuenta"]}
        assert await text_ids(peer, "wa-991") == {by_summary["Hola"]}
        assert await text_ids(peer, "thread_id") == set()
        # % and _ are the agent's characters, not wildcards.
        assert await text_ids(peer, "50%") == {by_summary["Descuento 50% aplicado_x"]}
        assert await text_ids(peer, "o_x") == {by_summary["Descuento 50% aplicado_x"]}
        assert await text_ids(peer, "no such words anywhere") == set()
        combined, _ = await walk(peer, text="descuento", channels=["sms"])
        assert combined == []


@pytest.mark.asyncio
async def test_bad_filters_get_an_error_reply(hub: Hub) -> None:
    peer, _ = await connect_peer(hub, "carmen")
    async with peer:
        await peer.ws.send(  # naive datetime: the hub cannot know which day was meant
            '{"type":"history.fetch","v":1,"ref":"n","debtor_id":3,"since":"2024-01-01T00:00:00"}'
        )
        naive = await peer.receive_type(Error)
        assert naive.code
        await peer.ws.send(
            '{"type":"history.fetch","v":1,"ref":"c","debtor_id":3,"channels":["fax"]}'
        )
        assert (await peer.receive_type(Error)).code
        long_text = await peer.request(FetchHistory(debtor_id=DEBTOR, text="x" * 201, ref="t"))
        assert isinstance(long_text, Error)
