"""Supervisor floor figures: frame time and GUI-thread CPU under a busy floor; listen to audio.

The production ``SupervisorWindow`` (floor table sorted by state, monitor strip, KPI charts)
is shown offscreen with 500 agents. For ``SECONDS`` of wall time, 50 board deltas a second
arrive as wire bytes (``board.delta`` JSON); every 16.7 ms frame decodes the deltas due,
hands them to the model (applied in 100 ms batches, as on the desk) and lets Qt run: its
timers (the batch, the one-second tick, the KPI redraw) and the repaint of whatever became
dirty (a row that moves re-sorts and repaints the visible floor). The frame time is that
work; the GUI thread's CPU is its thread time over the wall time. A burst frame applies a
whole second's 50 deltas at once. "Listen clicked → supervisor hears audio" comes from
``tests.bench.supervisor_listen.measure_listen_to_audio`` (real phones) when that module
exists. Medians and p95 beside each goal; none is a pass/fail test.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import random
import sys
import time
from collections.abc import Iterator
from typing import Any

from tests.bench import Figure, median, percentile

BENCH = "supervisor"
AGENTS = 500
RATE = 50  # board deltas per second
FRAME_S = 1 / 60
SECONDS = float(os.environ.get("ACUERDO_BENCH_SUPERVISOR_S", "10"))
BURSTS = 40
STATES = ("ready", "on_call", "wrap_up", "not_ready")


def _entry(rng: random.Random, i: int, now: dt.datetime) -> Any:
    from sync.protocol import BoardEntry

    state = rng.choice(STATES)
    on_call = state == "on_call"
    return BoardEntry(
        agent=f"agent{i:03d}",
        display_name=f"Agente {i:03d}",
        state=state,  # type: ignore[arg-type]
        since=now - dt.timedelta(seconds=rng.randint(0, 900)),
        pause_code="break" if state == "not_ready" else None,
        campaign=rng.choice(("temprana", "tardia")) if state != "not_ready" else None,
        handoff_id=f"h{i}" if on_call else None,
        debtor_ref=f"…{i % 100:02d}" if on_call else None,
        call_started_at=now - dt.timedelta(seconds=rng.randint(0, 900)) if on_call else None,
        mos=round(rng.uniform(2.8, 4.4), 1) if on_call else None,
        script_node=rng.choice(("greeting", "verify", "offer", "close")) if on_call else None,
        contacts_today=rng.randint(0, 40),
        promises_today=rng.randint(0, 12),
        help_message="¿Puedo condonar intereses?" if rng.random() < 0.02 else None,
    )


def _measure() -> dict[str, list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.supervisor.floor_model import FloorModel
    from desktop.supervisor.monitor import MonitorSession
    from desktop.supervisor.window import SupervisorWindow
    from sync.protocol import BoardDelta, decode_server, encode

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    model = FloorModel()
    model.apply_snapshot(1, [_entry(rng, i, now) for i in range(AGENTS)], now)

    async def offline(*_: object) -> object:
        raise ConnectionError

    window = SupervisorWindow(model, MonitorSession(offline, None), "Bench")
    window.resize(1280, 820)
    window.show()
    app.processEvents()
    seq = 1

    def wire_delta() -> bytes:
        nonlocal seq
        seq += 1
        entry = _entry(rng, rng.randrange(AGENTS), dt.datetime.now(dt.UTC))
        return encode(BoardDelta(seq=seq, entry=entry))

    frame_cpu_ms: list[float] = []

    def frame(frames: list[bytes]) -> float:
        started, cpu = time.perf_counter(), time.thread_time()
        for raw in frames:
            delta = decode_server(raw)
            assert isinstance(delta, BoardDelta)
            model.push(delta.seq, delta.entry)  # the desk's path: batched every 100 ms
        # Qt paints what the deltas made dirty (and the timers' work) right here.
        app.processEvents()
        # CPU time too: on a shared machine, wall time also counts other processes' turns.
        frame_cpu_ms.append((time.thread_time() - cpu) * 1000)
        return (time.perf_counter() - started) * 1000

    frame_ms: list[float] = []
    due = 0.0
    wall0, cpu0 = time.perf_counter(), time.thread_time()
    next_frame = wall0
    while time.perf_counter() - wall0 < SECONDS:
        due += RATE * FRAME_S
        count, due = int(due), due - int(due)
        frame_ms.append(frame([wire_delta() for _ in range(count)]))
        next_frame += FRAME_S
        pause = next_frame - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
    wall, cpu = time.perf_counter() - wall0, time.thread_time() - cpu0
    bursts = []
    for _ in range(BURSTS):
        frame([wire_delta() for _ in range(RATE)])
        started = time.perf_counter()
        model.flush()  # the whole second's deltas in one batch, painted at once
        app.processEvents()
        bursts.append((time.perf_counter() - started) * 1000)
    window.allow_close()
    window.close()
    steady_cpu = frame_cpu_ms[: len(frame_ms)]
    return {"frame": frame_ms, "frame_cpu": steady_cpu, "cpu": [100 * cpu / wall], "burst": bursts}


def _listen_to_audio() -> list[float] | None:
    if importlib.util.find_spec("tests.bench.supervisor_listen") is None:
        print(
            "bench supervisor: tests/bench/supervisor_listen.py is missing; "
            "the listen-to-audio figure is skipped",
            file=sys.stderr,
        )
        return None
    from tests.bench import supervisor_listen

    result = supervisor_listen.measure_listen_to_audio()
    return [float(v) for v in (result if isinstance(result, list | tuple) else [result])]


def run() -> Iterator[Figure]:
    figures = _measure()
    frames = figures["frame"]
    yield Figure(
        BENCH, "floor_500_agents_50_per_s_frame_ms_p50", median(frames), "ms", 16.0, "lower"
    )
    yield Figure(
        BENCH, "floor_500_agents_50_per_s_frame_ms_p95", percentile(frames, 95), "ms", 16.0, "lower"
    )
    yield Figure(
        BENCH,
        "floor_500_agents_50_per_s_frame_cpu_ms_p95",
        percentile(figures["frame_cpu"], 95),
        "ms",
        16.0,
        "lower",
    )
    yield Figure(BENCH, "floor_gui_thread_cpu_pct", figures["cpu"][0], "%", None, "lower")
    yield Figure(
        BENCH,
        "floor_burst_50_deltas_frame_ms_p95",
        percentile(figures["burst"], 95),
        "ms",
        None,
        "lower",
    )
    listen = _listen_to_audio()
    if listen:
        yield Figure(BENCH, "listen_click_to_audio_ms_p50", median(listen), "ms", 500.0, "lower")
        yield Figure(BENCH, "listen_click_to_audio_ms_max", max(listen), "ms", None, "lower")
