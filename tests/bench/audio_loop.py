"""An honest end-to-end figure for the device bridge: the time a sound takes to go round.

The phone's speaker is pointed at the same PulseAudio null sink its microphone listens to, and
sipp echoes every RTP packet back. A short noise burst played into that sink therefore goes
mic -> bridge -> RTP -> sipp -> jitter buffer -> bridge -> speaker -> the sink -> mic again,
and again, fainter each time (speaker volume 0.5). One recorder on the sink's monitor hears
every pass on one clock, so the spacing of the passes (autocorrelation peak) is the loop time
with no timestamp guesswork. pjsua's own jitter-buffer delay (from RTCP stream stats) is
subtracted; what is left is both directions of the device bridge plus pjsua's packetisation.
The echo canceller is off: its job is to break exactly this loop.
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import numpy as np

from softphone import Phone, PhoneConfig
from softphone.model import AudioPrefs
from tests.integration.softphone.pulse import RATE, PulseServer
from tests.integration.softphone.support import AnsweringListener, Sipp, pump_until


def _burst_file(path: Path) -> Path:
    rng = np.random.default_rng(5)
    burst = np.zeros(RATE * 3)
    burst[: RATE // 50] = 0.5 * rng.standard_normal(RATE // 50)  # 20 ms of noise, then quiet
    path.write_bytes((np.clip(burst, -1, 1) * 32767).astype(np.int16).tobytes())
    return path


def loop_period_ms(samples: np.ndarray) -> float | None:
    """Spacing of the repeats in a recording of a circulating burst (40..500 ms), or None."""
    x = samples.astype(np.float64) / 32768.0
    if x.size < RATE or float(np.abs(x).max()) < 0.01:
        return None
    envelope = np.convolve(x**2, np.ones(32) / 32, mode="same")
    envelope -= envelope.mean()
    corr = np.fft.irfft(np.abs(np.fft.rfft(envelope, 2 * x.size)) ** 2)[: x.size]
    low, high = int(0.04 * RATE), int(0.5 * RATE)
    lag = low + int(np.argmax(corr[low:high]))
    return lag * 1000.0 / RATE


def measure(workdir: Path, server: PulseServer, rounds: int = 5) -> dict[str, float]:
    """Median loop time, jitter-buffer delay and what is left for the bridge (ms)."""
    listener = AnsweringListener()
    prefs = AudioPrefs(
        headset_output="mic", headset_input="mic.monitor", speaker_volume=0.5, echo_cancel=False
    )
    phone = Phone(PhoneConfig(audio=prefs), listener)
    listener.phone = phone
    phone.start()
    loops: list[float] = []
    jbufs: list[float] = []
    burst = _burst_file(workdir / "burst.raw")
    try:
        Sipp.calling(
            "uac_echo.xml", phone.contact_uri, workdir, "-rtp_echo", "-key", "handoff", "h-loop",
            "-d", "20000",
        )  # fmt: skip
        pump_until(phone.pump, lambda: bool(listener.incoming), 10)
        call_id = listener.incoming[0].call_id
        pump_until(phone.pump, lambda: False, 1.5)  # jitter buffer settles
        for i in range(rounds):
            result: list[np.ndarray] = []
            path = workdir / f"loop{i}.wav"
            worker = threading.Thread(
                target=lambda out=result, to=path: out.append(server.capture("mic", 1.8, to))
            )
            worker.start()
            pump_until(phone.pump, lambda: False, 0.3)
            player = subprocess.Popen(
                ["pacat", "-p", "-d", "mic", "--raw", "--format=s16le", f"--rate={RATE}",
                 "--channels=1", str(burst)],
                env=server.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            pump_until(phone.pump, lambda w=worker: not w.is_alive(), 10)
            player.kill()
            player.wait()
            worker.join()
            period = loop_period_ms(result[0])
            if period is not None:
                loops.append(period)
            # No local keeps the leg: a Call referenced past libDestroy() aborts the process.
            jbufs.append(float(phone._endpoint.leg(call_id).getStreamStat(0).jbuf.avgDelayMsec))
            pump_until(phone.pump, lambda: False, 0.5)  # let the last repeats die away
    finally:
        phone.stop()
        Sipp.reap_all()
    if not loops:
        return {}
    loop = float(np.median(loops))
    jbuf = float(np.median(jbufs))
    return {"loop_ms": loop, "jbuf_ms": jbuf, "bridge_round_trip_ms": loop - jbuf}
