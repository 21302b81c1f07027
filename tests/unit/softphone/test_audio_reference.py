"""The far-end history the canceller reads: a fixed lag behind the speaker, by sample count."""

from __future__ import annotations

import numpy as np

from softphone.audio.reference import LEAD_BLOCKS, EchoReference, MicEchoCanceller

BLOCK = 4


def block(value: int) -> np.ndarray:
    return np.full(BLOCK, value * 1000, dtype=np.int16)


def test_reads_trail_the_speaker_by_a_fixed_lag_and_restart_reanchors() -> None:
    ref = EchoReference(BLOCK, 16_000)
    assert not ref.read().any()  # nothing played yet: nothing to cancel
    for value in range(1, 6):
        ref.write(block(value))
    assert np.allclose(ref.read() * 32768, (5 - LEAD_BLOCKS + 1) * 1000)
    ref.write(block(6))
    assert np.allclose(ref.read() * 32768, (6 - LEAD_BLOCKS + 1) * 1000)  # one in, one out
    assert np.allclose(ref.read() * 32768, 6000)  # the reader caught up with the speaker ...
    assert not ref.read().any()  # ... and waits: a block not played yet has no echo
    ref.restart()
    ref.write(block(7))
    assert np.allclose(ref.read() * 32768, (7 - LEAD_BLOCKS + 1) * 1000)
    assert ref.realigned == 2


def test_disabled_canceller_passes_the_mic_and_keeps_the_reference_in_step() -> None:
    echo = MicEchoCanceller(BLOCK, 16_000, enabled=False)
    echo.reference.write(block(1))
    mic = block(3)
    assert np.array_equal(echo.process(mic), mic)
    echo.canceller.enabled = True
    assert echo.process(mic).dtype == np.int16
