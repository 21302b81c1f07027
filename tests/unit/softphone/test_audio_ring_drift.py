"""The frame ring's drift control: a standing queue (pure latency) is trimmed, jitter is not."""

from __future__ import annotations

from softphone.audio.ring import FrameRing


def test_a_queue_that_never_empties_is_trimmed_after_a_window() -> None:
    ring = FrameRing(2, depth=8, trim_after=10)
    for value in range(3):  # a burst left two frames standing behind every pop
        ring.push(bytes([value, 0]))
    for step in range(10):
        ring.push(bytes([10 + step, 0]))
        ring.pop()
    assert len(ring) == 0 and ring.dropped == 3
    ring.push(b"\x63\x00")
    assert ring.pop() == b"\x63\x00"  # the newest audio comes out at once


def test_jitter_that_sometimes_empties_the_queue_costs_nothing() -> None:
    ring = FrameRing(2, depth=8, trim_after=10)
    for step in range(40):
        if step % 5 == 0:
            ring.pop()  # the consumer ran early once: the queue touched empty
        ring.push(bytes([step, 0]))
        ring.pop()
    assert ring.dropped == 0 and ring.underruns == 8


def test_without_trim_after_the_ring_behaves_as_before() -> None:
    ring = FrameRing(2, depth=4)
    for value in range(3):
        ring.push(bytes([value, 0]))
    for _ in range(30):
        ring.push(b"\x01\x00")
        ring.pop()
    assert len(ring) == 3 and ring.dropped == 0
