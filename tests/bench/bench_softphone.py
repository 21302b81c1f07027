"""Softphone figures: INVITE->200 latency, answer->first audio, bridge latency, CPU per call.

Runs the real Phone on loopback against sipp (the customer legs) and, for the audio figures, a
private PulseAudio daemon with null sinks (skipped with a note when PulseAudio is absent).
- invite_to_200: sipp's own response-time trace (-trace_rtt) over 200 auto-answered calls
  at 15/s (under the flood guard's per-source budget, so no 503 skews it).
- answer_to_first_audio: our own answer() until PortAudio's output callback first takes a
  real frame of the call (the scenario's auto-answer request is not acted on here).
- bridge latency each way: PortAudio's reported stream latency plus the mean depth of the ring
  buffer in that direction (sampled every 10 ms during a call) plus one bridge frame (FRAME_MS).
- bridge round trip (audio_loop.py): a burst circulating speaker -> mic through sipp's echo, its
  period read off one recording (one clock), minus pjsua's jitter-buffer delay. This is the
  measured figure; the per-direction ones above are estimates from the parts.
- CPU per call: this process's CPU time over 5 s with 1 and 4 echoed calls, minus idle, per call
  (no devices); and with the PulseAudio devices and one call, echo canceller off and on.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from softphone import Phone, PhoneConfig
from softphone.audio.port import FRAME_MS
from softphone.model import AudioPrefs
from tests.bench import Figure, median, percentile
from tests.bench.audio_loop import measure as measure_loop
from tests.integration.softphone.pulse import PulseServer
from tests.integration.softphone.support import (
    SCENARIOS,
    AnsweringListener,
    Sipp,
    free_udp_port,
    port_of,
    pump_until,
)

BENCH = "softphone"
CALLS = 200
# One sipp source: the flood guard admits FloodLimits.for_calls(4).per_source (21) new INVITEs
# a second from one source and answers the rest 503; 20/s sat on that edge (a burst of sipp's
# pacing got some 503s, skewing the figure). 15/s stays clear of it.
RATE = 15


def _invite_to_200(workdir: Path) -> list[float]:
    listener = AnsweringListener()
    phone = Phone(PhoneConfig(), listener)
    listener.phone = phone
    phone.start()
    try:
        cmd = [
            "sipp",
            "-sf",
            str(SCENARIOS / "uac_handoff.xml"),
            "-i",
            "127.0.0.1",
            "-mi",
            "127.0.0.1",
            "-mp",
            str(free_udp_port()),
            "-p",
            str(free_udp_port()),
            f"127.0.0.1:{port_of(phone.contact_uri)}",
            "-s",
            "agent",
            "-key",
            "handoff",
            "h-bench",
            "-d",
            "50",
            "-r",
            str(RATE),
            "-l",
            "3",
            "-m",
            str(CALLS),
            "-nostdin",
            "-trace_rtt",
            "-rtt_freq",
            "1",
            "-timeout",
            "60s",
        ]
        proc = subprocess.Popen(
            cmd, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        pump_until(phone.pump, lambda: proc.poll() is not None, 90)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    finally:
        phone.stop()
    samples: list[float] = []
    for path in workdir.glob("*_rtt.csv"):
        with path.open() as handle:
            for row in csv.reader(handle, delimiter=";"):
                # Date_ms;response_time_ms;rtd_no (sipp 3.6: whole milliseconds)
                if len(row) >= 2 and row[0][:1].isdigit():
                    samples.append(float(row[1]))
    return samples


def _audio_figures(workdir: Path) -> dict[str, float] | None:
    if shutil.which("pulseaudio") is None or shutil.which("sipp") is None:
        return None
    server = PulseServer(workdir / "pulse")
    server.runtime.mkdir()
    server.start()
    saved = {k: os.environ.get(k) for k in ("PULSE_SERVER", "XDG_RUNTIME_DIR")}
    os.environ["PULSE_SERVER"] = server.env["PULSE_SERVER"]
    os.environ["XDG_RUNTIME_DIR"] = server.env["XDG_RUNTIME_DIR"]
    figures: dict[str, float] = {}
    try:
        listener = AnsweringListener()
        prefs = AudioPrefs(headset_output="headset", headset_input="mic.monitor")
        phone = Phone(PhoneConfig(audio=prefs), listener)
        phone.start()
        try:
            headset = phone._headset  # the bench reads the bridge's own counters
            first: list[float] = []
            for i in range(5):
                Sipp.calling(
                    "uac_echo.xml",
                    phone.contact_uri,
                    workdir,
                    "-rtp_echo",
                    "-key",
                    "handoff",
                    f"h-a{i}",
                    "-d",
                    "1500",
                )
                pump_until(phone.pump, lambda: bool(listener.incoming), 10)
                call_id = listener.incoming[-1].call_id
                # The clock starts at our own answer (nobody auto-answers: listener.phone is
                # unset). Frames left from the last call are dropped and the stamp reset
                # only now: while the INVITE rang, PortAudio popped those leftovers and set
                # the stamp early (a negative figure, -120 ms, once).
                headset.speaker.clear()
                headset.speaker.first_pop_at = None
                answered = time.monotonic()
                phone.answer(call_id)
                pump_until(phone.pump, lambda: headset.speaker.first_pop_at is not None, 5)
                if headset.speaker.first_pop_at is not None:
                    first.append((headset.speaker.first_pop_at - answered) * 1000)
                depth_in: list[int] = []
                depth_out: list[int] = []

                def sample(din: list[int] = depth_in, dout: list[int] = depth_out) -> bool:
                    din.append(len(headset.mic))
                    dout.append(len(headset.speaker))
                    return False

                pump_until(phone.pump, sample, 1.0)
                pump_until(phone.pump, lambda: not phone.calls(), 10)
                listener.incoming.clear()
            streams = headset.streams
            assert streams is not None and streams._in is not None and streams._out is not None
            figures["answer_to_first_audio_ms"] = median(first)
            figures["stream_in_ms"] = streams._in.stream.latency * 1000
            figures["stream_out_ms"] = streams._out.stream.latency * 1000
            figures["bridge_in_ms"] = (
                streams._in.stream.latency * 1000
                + FRAME_MS * sum(depth_in) / len(depth_in)
                + FRAME_MS
            )
            figures["bridge_out_ms"] = (
                streams._out.stream.latency * 1000
                + FRAME_MS * sum(depth_out) / len(depth_out)
                + FRAME_MS
            )
            figures.update(_device_cpu(phone, listener, workdir))
        finally:
            phone.stop()
        (workdir / "loop").mkdir()
        figures.update(measure_loop(workdir / "loop", server))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        server.stop()
        Sipp.reap_all()
    return figures


def _device_cpu(phone: Phone, listener: AnsweringListener, workdir: Path) -> dict[str, float]:
    """CPU of one echoed call with real devices, echo canceller off then on (median of 3)."""
    Sipp.calling(
        "uac_echo.xml", phone.contact_uri, workdir, "-rtp_echo", "-key", "handoff", "h-cpu",
        "-d", "20000",
    )  # fmt: skip
    pump_until(phone.pump, lambda: bool(listener.incoming), 10)
    phone.answer(listener.incoming[-1].call_id)
    pump_until(phone.pump, lambda: False, 1.0)
    prefs = phone.config.audio
    assert prefs is not None
    out: dict[str, list[float]] = {}
    for label, on in (("off", False), ("on", True), ("off", False), ("on", True)):
        phone.set_devices(replace(prefs, echo_cancel=on))
        cpu0, wall0 = time.process_time(), time.monotonic()
        pump_until(phone.pump, lambda: False, 3.0)
        pct = (time.process_time() - cpu0) / (time.monotonic() - wall0) * 100
        out.setdefault(f"cpu_devices_ec_{label}", []).append(pct)
    for call in phone.calls():
        phone.hangup(call.call_id)
    pump_until(phone.pump, lambda: not phone.calls(), 5)
    return {key: median(values) for key, values in out.items()}


def _cpu_per_call(workdir: Path, calls: int) -> tuple[float, float]:
    listener = AnsweringListener()
    phone = Phone(PhoneConfig(), listener)
    listener.phone = phone
    phone.start()
    try:

        def measure(seconds: float) -> float:
            cpu0, wall0 = time.process_time(), time.monotonic()
            pump_until(phone.pump, lambda: False, seconds)
            return (time.process_time() - cpu0) / (time.monotonic() - wall0) * 100

        idle = measure(2.0)
        for i in range(calls):
            Sipp.calling(
                "uac_echo.xml",
                phone.contact_uri,
                workdir,
                "-rtp_echo",
                "-key",
                "handoff",
                f"h-cpu{i}",
                "-d",
                "15000",
            )
        pump_until(
            phone.pump,
            lambda: len([c for c in phone.calls() if c.state == "confirmed"]) == calls,
            10,
        )
        busy = measure(5.0)
    finally:
        phone.stop()
        Sipp.reap_all()
    return idle, (busy - idle) / calls


def run() -> Iterator[Figure]:
    with tempfile.TemporaryDirectory(prefix="acuerdo-bench-softphone-") as tmp:
        work = Path(tmp)
        (work / "rtt").mkdir()
        samples = _invite_to_200(work / "rtt")
        if samples:
            yield Figure(BENCH, "invite_to_200_ms_p50", median(samples), "ms", None, "lower")
            yield Figure(
                BENCH, "invite_to_200_ms_p95", percentile(samples, 95), "ms", 20.0, "lower"
            )
            yield Figure(
                BENCH, "invite_to_200_calls", float(len(samples)), "calls", 200.0, "higher"
            )
        (work / "audio").mkdir()
        audio = _audio_figures(work / "audio")
        if audio:
            yield Figure(
                BENCH,
                "answer_to_first_audio_ms",
                audio["answer_to_first_audio_ms"],
                "ms",
                60.0,
                "lower",
            )
            yield Figure(
                BENCH, "bridge_added_latency_mic_ms", audio["bridge_in_ms"], "ms", 40.0, "lower"
            )
            for key in ("stream_in_ms", "stream_out_ms"):
                yield Figure(BENCH, f"portaudio_{key}", audio[key], "ms", None, "lower")
            yield Figure(
                BENCH,
                "bridge_added_latency_speaker_ms",
                audio["bridge_out_ms"],
                "ms",
                40.0,
                "lower",
            )
            if "loop_ms" in audio:
                yield Figure(BENCH, "audio_loop_ms", audio["loop_ms"], "ms", None, "lower")
                yield Figure(BENCH, "audio_loop_jbuf_ms", audio["jbuf_ms"], "ms", None, "lower")
                yield Figure(
                    BENCH,
                    "bridge_round_trip_measured_ms",
                    audio["bridge_round_trip_ms"],
                    "ms",
                    80.0,
                    "lower",
                )
            for key in ("cpu_devices_ec_off", "cpu_devices_ec_on"):
                yield Figure(BENCH, f"{key}_pct", audio[key], "% core", 5.0, "lower")
        for calls in (1, 4):
            (work / f"cpu{calls}").mkdir()
            idle, per_call = _cpu_per_call(work / f"cpu{calls}", calls)
            yield Figure(BENCH, f"cpu_pct_per_call_{calls}_calls", per_call, "% core", 5.0, "lower")
        yield Figure(BENCH, "cpu_pct_idle", idle, "% core", None, "lower")
