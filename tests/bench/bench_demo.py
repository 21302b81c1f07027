"""The first real call path end to end: offer received to screen pop, INVITE to answer.

Runs the real headless demo (hub, dialer simulator placing SIP calls, the
desktop offscreen with its scripted agent) several times and reports medians
of each run's p50, so one slow start does not decide the figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.bench import Figure, median

RUNS = int(os.environ.get("ACUERDO_BENCH_RUNS", "3"))
CALLS = int(os.environ.get("ACUERDO_BENCH_CALLS", "10"))


def _one_run(workdir: Path) -> dict[str, float]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop.cli",
            "demo",
            "--headless",
            "--calls",
            str(CALLS),
            "--debtors",
            "300",
            "--data-dir",
            str(workdir),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> Iterator[Figure]:
    results = []
    for i in range(RUNS):
        with tempfile.TemporaryDirectory(prefix=f"acuerdo-bench-demo-{i}-") as tmp:
            results.append(_one_run(Path(tmp)))
    yield Figure(
        "demo",
        "handoff_to_screen_ms_p50",
        median(r["handoff_to_screen_ms_p50"] for r in results),
        "ms",
        50.0,
        "lower",
    )
    yield Figure(
        "demo",
        "invite_to_answer_ms_p50",
        median(r["invite_to_answer_ms_p50"] for r in results),
        "ms",
        20.0,
        "lower",
    )
    yield Figure(
        "demo",
        "promises_synced_ratio",
        median(r["promises_synced"] / max(1, r["calls"]) for r in results),
        "ratio",
        1.0,
        "higher",
    )
