"""Acoustic echo canceller for the headset bridge: what the speaker plays is removed from the mic.

pjsua2's own canceller sits on the sound-device port this bridge replaces, so it never runs
here. `EchoCanceller` is a partitioned-block frequency-domain NLMS filter (overlap-save,
constrained gradient) kept in two copies: the background filter adapts, the foreground filter
makes the output and takes the background's coefficients only when they clearly cancel better.
Double talk is guarded twice: once the filter has converged, a block whose leftover is far
above what the filter usually leaves (the agent is speaking) pauses adaptation and copying, and
a background filter that diverges anyway is put back from the foreground. A small broadband
residual suppressor then takes off what the linear filter leaves while only the far end talks.

It runs on PortAudio's input thread once per block: it must never log, block, or call pjsua2,
and allocates only a few block-sized arrays per call (about 0.1 ms for a 10 ms block).
"""

from __future__ import annotations

import numpy as np

MU = 1.0  # normalised step, divided over the partitions (stable below 2)
COPY_RATIO = 0.9  # background error below this share of the foreground's: take its filter
RESET_RATIO = 4.0  # background error above this multiple of the foreground's: it diverged
CONVERGED_ERLE = 10.0  # leftover / mic power below 1/this: the filter knows the echo path
DT_FLOOR = 0.1  # double talk: leftover above this share of the mic power (and well above usual)
DT_HOLD = 10  # blocks double talk is assumed to last after it was last seen
DT_GIVE_UP = 200  # "double talk" this many blocks in a row is really a moved echo path
MIN_LEAK, MAX_LEAK = 1e-4, 0.5  # bounds of leftover echo power / echo estimate power
OVER_SUBTRACT = 2.0  # suppress a little more residual than estimated: echo is worse than noise
SUPPRESS_FLOOR = 0.1  # the suppressor never cuts more than 20 dB
WORSE_LIMIT = 25  # blocks in a row (a quarter second) of that: throw the filter away
SILENT_POWER = 1e-9  # far-end mean square below this (about -90 dBFS) is silence


class EchoCanceller:
    """Cancels echo of `reference` blocks in `mic` blocks of `block` samples (floats, +-1.0).

    `tail_ms` is the longest echo path handled (device round trip plus room); the filter has
    ceil(tail / block) partitions of `block` taps each.
    """

    def __init__(self, block: int, rate: int = 16_000, tail_ms: int = 200) -> None:
        if block <= 0 or rate <= 0 or tail_ms <= 0:
            raise ValueError("block, rate and tail_ms must be positive")
        self.block = block
        self.partitions = -(-tail_ms * rate // (1000 * block))
        self.enabled = True
        self.copies = 0  # times the foreground took the background's filter
        self.resets = 0  # times the background was put back after diverging
        self.restarts = 0  # times the filter made things worse and was thrown away
        self.reset()

    def reset(self) -> None:
        """Forget the echo path (a new device has a new one)."""
        bins, k = self.block + 1, self.partitions
        self._x = np.zeros((k, bins), dtype=np.complex128)  # far-end spectra, newest first
        self._w_back = np.zeros((k, bins), dtype=np.complex128)
        self._w_fore = np.zeros((k, bins), dtype=np.complex128)
        self._far_prev = np.zeros(self.block)
        self._zeros = np.zeros(self.block)
        self._err_power = np.zeros(bins)
        self._far_power = np.zeros(bins)
        self._err_back = self._err_fore = 0.0
        self._usual = 1.0  # smoothed leftover / mic power while only the far end talks
        self._dt_left = 0  # blocks of double-talk hold remaining
        self._dt_run = 0
        self._worse = 0  # blocks in a row where the filter added energy
        self._quiet = 0
        self._gain = 1.0
        self._leak = MAX_LEAK  # pessimistic until measured
        self._mean_e = self._mean_y = self._cov = self._var = 0.0
        self.double_talk = False

    @property
    def converged(self) -> bool:
        return self._usual * CONVERGED_ERLE < 1.0

    def process(self, mic: np.ndarray, reference: np.ndarray) -> np.ndarray:
        """The mic block with the echo of `reference` (what the speaker played) removed."""
        n = self.block
        far = np.asarray(reference, dtype=np.float64)
        near = np.asarray(mic, dtype=np.float64)
        self._x = np.roll(self._x, 1, axis=0)
        self._x[0] = np.fft.rfft(np.concatenate((self._far_prev, far)))
        self._far_prev = far
        far_level = float(np.dot(far, far)) / n
        # Blocks since the far end last made a sound: once the whole tail is quiet there is
        # no echo to cancel, and the filter need not run (the far end listens half the call).
        self._quiet = self._quiet + 1 if far_level < SILENT_POWER else 0
        if not self.enabled or self._quiet > self.partitions:
            return near
        echo_fore = np.fft.irfft((self._w_fore * self._x).sum(axis=0))[n:]
        echo_back = np.fft.irfft((self._w_back * self._x).sum(axis=0))[n:]
        err_fore = near - echo_fore
        err_back = near - echo_back
        left, mic_power = float(np.mean(err_fore**2)), float(np.mean(near**2))
        if left > mic_power > 0:
            # Cancelling never adds energy: pass the mic through instead. A filter that keeps
            # adding it is wrong (the far end is a loop of our own voice, or the path jumped):
            # start over rather than feed a howl.
            self._worse += 1
            err_fore, left = near, mic_power
            if self._worse >= WORSE_LIMIT:
                self._w_fore[:] = 0.0
                self._w_back[:] = 0.0
                self._usual, self._worse = 1.0, 0
                self.restarts += 1
        else:
            self._worse = 0
        self._detect_double_talk(left, mic_power, far_level)
        if far_level >= SILENT_POWER and not self.double_talk:
            self._adapt(err_back)
            self._choose_filter(left, float(np.mean(err_back**2)))
        return self._suppress(err_fore, left, float(np.mean(echo_fore**2)), far_level)

    def _detect_double_talk(self, left: float, mic_power: float, far_level: float) -> None:
        ratio = left / mic_power if mic_power > 0 else 0.0
        talking = self.converged and ratio > max(DT_FLOOR, 10.0 * self._usual)
        self._dt_left = DT_HOLD if talking else max(0, self._dt_left - 1)
        self._dt_run = self._dt_run + 1 if self._dt_left else 0
        if self._dt_run > DT_GIVE_UP:  # the echo path moved: learn it again
            self._usual = 1.0
            self._dt_left = self._dt_run = 0
        self.double_talk = self._dt_left > 0
        if not self.double_talk and far_level >= SILENT_POWER and mic_power > 0:
            self._usual = 0.9 * self._usual + 0.1 * min(1.0, ratio)

    def _adapt(self, error: np.ndarray) -> None:
        n, x = self.block, self._x
        self._far_power = 0.9 * self._far_power + 0.1 * (x[0].real ** 2 + x[0].imag ** 2)
        err_spec = np.fft.rfft(np.concatenate((self._zeros, error)))
        self._err_power = 0.9 * self._err_power + 0.1 * (err_spec.real**2 + err_spec.imag**2)
        # Per-bin normalisation by the far end's power, plus the leftover's: where the near end
        # is loud and the far end quiet (a bin the far end never uses, the agent talking), the
        # step shrinks instead of chasing the agent's voice.
        floor = 1e-6 * n + 1e-3 * float(self._far_power.mean())
        step = err_spec * (MU / (self.partitions * self._far_power + self._err_power + floor))
        taps = np.fft.irfft(np.conj(x) * step, axis=1)
        taps[:, n:] = 0.0  # the gradient constraint: each partition stays `block` taps long
        self._w_back += np.fft.rfft(taps, axis=1)

    def _choose_filter(self, fore: float, back: float) -> None:
        self._err_fore = 0.6 * self._err_fore + 0.4 * fore
        self._err_back = 0.6 * self._err_back + 0.4 * back
        if self._err_back < COPY_RATIO * self._err_fore:
            self._w_fore[:] = self._w_back
            self._err_fore = self._err_back
            self.copies += 1
        elif self._err_back > RESET_RATIO * self._err_fore > 0:
            self._w_back[:] = self._w_fore
            self._err_back = self._err_fore
            self.resets += 1

    def _suppress(
        self, error: np.ndarray, left: float, echo_power: float, far_level: float
    ) -> np.ndarray:
        """Broadband gain: 1 while the agent talks, down to the floor when only residual echo
        is left; quick to cut, slower to open so words keep their starts.

        The residual is the echo estimate times a leakage found by correlating how the
        leftover's power and the echo estimate's power move together (Speex's idea): the
        agent's voice does not move with the far end."""
        if not self.double_talk:
            self._track_leak(left, echo_power)
        if self.double_talk or far_level < SILENT_POWER or left <= 0:
            target = 1.0
        else:
            target = max(SUPPRESS_FLOOR, 1.0 - OVER_SUBTRACT * self._leak * echo_power / left)
        self._gain += (0.5 if target < self._gain else 0.2) * (target - self._gain)
        return error * self._gain

    def _track_leak(self, left: float, echo_power: float) -> None:
        a = 0.95
        self._mean_e = a * self._mean_e + (1 - a) * left
        self._mean_y = a * self._mean_y + (1 - a) * echo_power
        de, dy = left - self._mean_e, echo_power - self._mean_y
        self._cov = a * self._cov + (1 - a) * de * dy
        self._var = a * self._var + (1 - a) * dy * dy
        if self._var > 1e-4 * self._mean_y**2 and self._var > 0:
            self._leak = min(MAX_LEAK, max(MIN_LEAK, self._cov / self._var))
