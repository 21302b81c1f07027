"""Event streams: numbering, replay after a sequence number, bounded ring."""

from __future__ import annotations

from sync.hub.streams import EventStream, stream_base
from sync.protocol import AgentAvailability


def availability(seq: int) -> AgentAvailability:
    return AgentAvailability(seq=seq, agent="ana", state="ready")


def test_events_are_numbered_and_replayed_after_last_seq() -> None:
    stream = EventStream(base=100)
    assert stream.seq == 100
    events = [stream.append(availability) for _ in range(3)]
    assert [e.seq for e in events] == [101, 102, 103]
    assert stream.after(101) == events[1:]
    assert stream.after(103) == []
    assert stream.after(0) == events


def test_ring_keeps_only_the_newest() -> None:
    stream = EventStream(capacity=5)
    for _ in range(12):
        stream.append(availability)
    assert [e.seq for e in stream.after(0)] == [8, 9, 10, 11, 12]
    assert stream.oldest_seq() == 8


def test_base_grows_across_restarts() -> None:
    assert stream_base() > 1_600_000_000_000
