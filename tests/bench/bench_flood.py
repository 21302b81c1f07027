"""Flood figures: the INVITE rate the phone survives, and how fast it answers a normal call
during and right after a flood.

Each rate runs the real Phone (max_calls 2) in a child process against sipp's uac_flood.xml
for 5 s, so an abort inside pjlib costs one figure, not the benchmark. A rate is survived when
the child lives and sipp got a final answer to every INVITE. During the 200/s flood a second
sipp places normal handoff calls (another source port) until the phone answers one; the figure
is the time from the first attempt to the answer, refusals (486/503) and retries included.
After the flood, one more normal call: launch to answer.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tests.bench import Figure

BENCH = "flood"
RATES = (100, 200, 400)
SECONDS = 5
GOAL_RATE = 200.0


def _child(rate: int, workdir: Path) -> dict[str, float]:
    from softphone import Phone, PhoneConfig
    from tests.integration.softphone.support import AnsweringListener, Sipp, pump_until

    listener = AnsweringListener()
    phone = Phone(PhoneConfig(max_calls=2), listener)
    listener.phone = phone
    phone.start()
    try:
        flood = Sipp.calling(
            "uac_flood.xml",
            phone.contact_uri,
            workdir,
            *("-r", str(rate), "-m", str(rate * SECONDS), "-l", "5000", "-d", "300"),
        )

        def answered(handoff: str) -> bool:
            return any(c.handoff_id == handoff for c in listener.incoming) and any(
                ch.handoff_id == handoff and ch.state in ("connecting", "confirmed")
                for ch in listener.changes
            )

        pump_until(phone.pump, lambda: False, 1.0)  # the flood is in full swing
        started = time.monotonic()
        during_ms = float("nan")
        while flood.running():
            normal = Sipp.calling(
                "uac_handoff.xml", phone.contact_uri, workdir, "-key", "handoff", "h-during"
            )
            pump_until(phone.pump, lambda n=normal: answered("h-during") or not n.running(), 5)
            if answered("h-during"):
                during_ms = (time.monotonic() - started) * 1000
                break
        pump_until(phone.pump, lambda: not flood.running(), SECONDS + 30)
        _code, report = flood.finish()
        failed = re.search(r"Failed call\s*\|\s*\d+\s*\|\s*(\d+)", report)
        started = time.monotonic()
        Sipp.calling("uac_handoff.xml", phone.contact_uri, workdir, "-key", "handoff", "h-after")
        after = pump_until(phone.pump, lambda: answered("h-after"), 10)
        after_ms = (time.monotonic() - started) * 1000 if after else float("nan")
        return {
            "failed": float(failed.group(1)) if failed else -1.0,
            "during_ms": during_ms,
            "after_ms": after_ms,
        }
    finally:
        phone.stop()
        Sipp.reap_all()


def _run_rate(rate: int) -> dict[str, float] | None:
    with tempfile.TemporaryDirectory() as tmp:
        code = (
            "import json, sys\nfrom pathlib import Path\n"
            "from tests.bench.bench_flood import _child\n"
            "print(json.dumps(_child(int(sys.argv[1]), Path(sys.argv[2]))))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, str(rate), tmp],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=Path(__file__).resolve().parents[2],
        )
    if out.returncode != 0:
        return None  # the process died (abort) or the flood never ended
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def run() -> Iterator[Figure]:
    if shutil.which("sipp") is None:
        print("flood: sipp not installed; skipped", file=sys.stderr)
        return
    survived = 0.0
    at_goal: dict[str, float] | None = None
    for rate in RATES:
        result = _run_rate(rate)
        if result is not None and result["failed"] == 0:
            survived = float(rate)
        if rate == int(GOAL_RATE):
            at_goal = result
    yield Figure(BENCH, "invites_per_s_survived", survived, "INVITE/s", GOAL_RATE, "higher")
    if at_goal is not None:
        yield Figure(
            BENCH, "answer_during_200_per_s_flood", at_goal["during_ms"], "ms", None, "lower"
        )
        yield Figure(BENCH, "answer_after_flood", at_goal["after_ms"], "ms", None, "lower")
