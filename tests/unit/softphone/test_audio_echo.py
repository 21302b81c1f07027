"""The bridge's echo canceller on simulated echo paths: delay, attenuation and a little reverb.

The far end is speech-like (formant-coloured noise with a syllable rhythm) or a pair of tones;
the echo path is a delayed, attenuated copy plus an exponentially decaying reverberant tail; the
near end (the agent) is a 1 kHz tone. ERLE is echo power in / echo power left out, measured
after convergence; the agent's tone must come out within 3 dB while both sides talk.
"""

from __future__ import annotations

import numpy as np
import pytest

from softphone.audio.echo import EchoCanceller

RATE = 16_000
BLOCK = 320  # the bridge's 20 ms frame, which the canceller works on
NEAR_HZ = 1000.0


def speech_like(seconds: float, rng: np.random.Generator) -> np.ndarray:
    n = int(RATE * seconds)
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    formants = sum(
        gain / (1 + ((freqs - centre) / width) ** 2)
        for centre, width, gain in ((500, 300, 1.0), (1500, 400, 0.6), (2500, 500, 0.3))
    )
    voice = np.fft.irfft(np.fft.rfft(rng.standard_normal(n)) * formants, n)
    voice *= 0.55 + 0.45 * np.sin(2 * np.pi * 4 * np.arange(n) / RATE)  # syllables
    return 0.125 * voice / np.sqrt(np.mean(voice**2))


def echo_path(delay_ms: float, attenuation_db: float, rng: np.random.Generator) -> np.ndarray:
    delay = int(RATE * delay_ms / 1000)
    tail = int(0.04 * RATE)
    gain = 10 ** (attenuation_db / 20)
    response = np.zeros(delay + tail)
    response[delay] = gain
    decay = np.exp(-np.arange(tail - 1) / (0.008 * RATE))
    response[delay + 1 :] = 0.15 * gain * rng.standard_normal(tail - 1) * decay
    return response


def run(canceller: EchoCanceller, mic: np.ndarray, far: np.ndarray) -> np.ndarray:
    out = np.zeros_like(mic)
    for start in range(0, mic.size - BLOCK + 1, BLOCK):
        block = slice(start, start + BLOCK)
        out[block] = canceller.process(mic[block], far[block])
    return out


def power(x: np.ndarray, start_s: float, end_s: float) -> float:
    return float(np.mean(x[int(start_s * RATE) : int(end_s * RATE)] ** 2))


def tone_db(out: np.ndarray, ref: np.ndarray, start_s: float, end_s: float) -> float:
    """Level of the near-end tone in `out` relative to `ref`, by projection on the tone."""
    span = slice(int(start_s * RATE), int(end_s * RATE))
    probe = np.exp(-2j * np.pi * NEAR_HZ * np.arange(span.start, span.stop) / RATE)
    return float(20 * np.log10(abs(out[span] @ probe) / abs(ref[span] @ probe)))


def scene(
    delay_ms: float, attenuation_db: float, far: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(echo, near-end tone from 4 s to 6 s, mic = echo + tone + faint noise)."""
    echo = np.convolve(far, echo_path(delay_ms, attenuation_db, rng))[: far.size]
    t = np.arange(far.size) / RATE
    near = np.where((t >= 4) & (t < 6), 0.1 * np.sin(2 * np.pi * NEAR_HZ * t), 0.0)
    return echo, near, echo + near + 1e-4 * rng.standard_normal(far.size)


@pytest.mark.parametrize(("delay_ms", "attenuation_db"), [(20, -6), (60, -10), (120, -1)])
def test_speech_echo_is_cancelled_within_two_seconds_and_survives_double_talk(
    delay_ms: float, attenuation_db: float
) -> None:
    rng = np.random.default_rng(int(delay_ms))
    far = speech_like(8.0, rng)
    echo, near, mic = scene(delay_ms, attenuation_db, far, rng)
    canceller = EchoCanceller(BLOCK)
    out = run(canceller, mic, far)

    assert 10 * np.log10(power(echo, 1.5, 2.0) / power(out, 1.5, 2.0)) >= 20  # converged < 2 s
    assert 10 * np.log10(power(echo, 2.0, 4.0) / power(out, 2.0, 4.0)) >= 20
    assert abs(tone_db(out, near, 4.3, 6.0)) <= 3.0  # the agent's voice survives double talk
    # ... and the filter did not diverge under it: the echo is still cancelled right after.
    assert 10 * np.log10(power(echo, 6.3, 8.0) / power(out, 6.3, 8.0)) >= 20


def test_tonal_far_end_is_cancelled_and_near_end_tone_kept() -> None:
    rng = np.random.default_rng(7)
    t = np.arange(int(8 * RATE)) / RATE
    far = 0.3 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(2 * np.pi * 1200 * t)
    echo, near, mic = scene(80, -6, far, rng)
    out = run(EchoCanceller(BLOCK), mic, far)
    assert 10 * np.log10(power(echo, 1.5, 4.0) / power(out, 1.5, 4.0)) >= 20
    assert abs(tone_db(out, near, 4.3, 6.0)) <= 3.0


def test_the_agent_alone_passes_untouched_and_disabled_is_a_pass_through() -> None:
    t = np.arange(RATE) / RATE
    voice = 0.1 * np.sin(2 * np.pi * NEAR_HZ * t)
    silence = np.zeros_like(voice)
    assert np.allclose(run(EchoCanceller(BLOCK), voice, silence), voice)
    off = EchoCanceller(BLOCK)
    off.enabled = False
    noise = np.random.default_rng(3).standard_normal(voice.size) * 0.1
    assert np.array_equal(run(off, voice, noise), voice)


def test_reset_forgets_the_echo_path_and_bad_geometry_is_refused() -> None:
    rng = np.random.default_rng(11)
    far = speech_like(3.0, rng)
    _, _, mic = scene(40, -6, far, rng)
    canceller = EchoCanceller(BLOCK, tail_ms=100)
    assert canceller.partitions == 5
    run(canceller, mic, far)
    assert canceller.converged and canceller.copies > 0
    canceller.reset()
    assert not canceller.converged
    assert np.array_equal(canceller.process(mic[:BLOCK], np.zeros(BLOCK)), mic[:BLOCK])
    for bad in ({"block": 0}, {"block": BLOCK, "tail_ms": 0}, {"block": BLOCK, "rate": -1}):
        with pytest.raises(ValueError):
            EchoCanceller(**bad)  # type: ignore[arg-type]
