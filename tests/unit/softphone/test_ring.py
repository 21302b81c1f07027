"""The frame ring between the media clock and PortAudio: bounded, never blocking."""

from __future__ import annotations

import pytest

from softphone.audio.ring import FrameRing


def test_frames_come_out_in_order_and_empty_gives_silence() -> None:
    ring = FrameRing(4, depth=3)
    ring.push(b"\x01\x00\x02\x00")
    ring.push(b"\x03\x00\x04\x00")
    assert ring.pop() == b"\x01\x00\x02\x00"
    assert ring.first_pop_at is not None
    assert ring.pop() == b"\x03\x00\x04\x00"
    assert ring.pop() == bytes(4) and ring.underruns == 1
    assert ring.last == b"\x03\x00\x04\x00"


def test_overflow_drops_the_oldest_to_bound_latency() -> None:
    ring = FrameRing(2, depth=2)
    for value in (1, 2, 3):
        ring.push(bytes([value, 0]))
    assert len(ring) == 2
    assert ring.pop() == b"\x02\x00"


def test_wrong_sized_frames_are_padded_or_cut() -> None:
    ring = FrameRing(4, depth=2)
    ring.push(b"\x01")
    ring.push(b"\x01\x02\x03\x04\x05\x06")
    assert ring.pop() == b"\x01\x00\x00\x00"
    assert ring.pop() == b"\x01\x02\x03\x04"


def test_bad_geometry_is_refused() -> None:
    with pytest.raises(ValueError):
        FrameRing(3)
    with pytest.raises(ValueError):
        FrameRing(4, depth=0)
