"""Event streams in the store: dense numbering, replay after a number, pruning; and the
per-connection ordering that drops duplicates and waits for gaps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

from sync.hub import streams
from sync.hub.db import make_engine, migrate, session_factory
from sync.hub.floor import Connection
from sync.hub.seed import seed_users
from sync.protocol import AgentAvailability, decode_server, encode

NOW = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def availability(seq: int) -> AgentAvailability:
    return AgentAvailability(seq=seq, agent="ana", state="ready")


def test_events_are_numbered_densely_and_replayed_after_last_seq(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    migrate(url)
    engine = make_engine(url)
    try:
        seed_users(engine)
        maker = session_factory(engine)
        with maker.begin() as session:
            pushed = [streams.append(session, "me", 1, availability, NOW) for _ in range(3)]
        first = pushed[0].seq
        assert first > 1_600_000_000_001  # starts just after the wall clock
        assert [p.seq for p in pushed] == [first, first + 1, first + 2]
        assert decode_server(pushed[1].frame) == availability(first + 1)
        with maker() as session:
            assert streams.current_seq(session, 1) == first + 2
            assert streams.current_seq(session, 2) == 0
            after = streams.frames_after(session, 1, first)
            assert [seq for seq, _ in after] == [first + 1, first + 2]
            assert streams.frames_after(session, 1, first + 2) == []
            assert [s for s, _ in streams.frames_after(session, 1, 0, upto=first + 1)] == [
                first,
                first + 1,
            ]
    finally:
        engine.dispose()


def test_old_events_are_pruned_to_the_retained_count(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    migrate(url)
    engine = make_engine(url)
    try:
        seed_users(engine)
        maker = session_factory(engine)
        with maker.begin() as session:
            for _ in range(streams.RETAINED + 250):
                streams.append(session, "me", 1, availability, NOW)
        with maker() as session:
            kept = streams.frames_after(session, 1, 0)
            newest = streams.current_seq(session, 1)
        assert len(kept) == streams.RETAINED
        assert kept[-1][0] == newest
    finally:
        engine.dispose()


class _Sink:
    """Stands in for the websocket only to read what the connection queued."""


def queued(conn: Connection) -> list[int]:
    out = []
    queue = conn._queue
    while not queue.empty():
        item = queue.get_nowait()
        assert isinstance(item, bytes)
        msg = decode_server(item)
        out.append(cast(Any, msg).seq)
    return out


def frame(seq: int) -> bytes:
    return encode(availability(seq))


def test_connection_sends_in_order_once_and_reports_gaps() -> None:
    conn = Connection(cast(Any, _Sink()), "s")
    assert conn.offer(5, frame(5)) is False  # before the welcome: held
    conn.stream_seq = 3
    conn.offer(4, frame(4))
    assert queued(conn) == [4, 5]
    assert conn.offer(5, frame(5)) is False  # a duplicate is dropped
    assert conn.offer(7, frame(7)) is True  # 6 is missing: held, gap reported
    assert queued(conn) == []
    assert conn.offer(6, frame(6)) is False
    assert queued(conn) == [6, 7]
