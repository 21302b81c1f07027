"""A demo stopped from outside takes its hub and dialer with it.

Linux only: children are found through /proc, and the demo relies on
PR_SET_PDEATHSIG so that even a SIGKILL of the demo stops them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform != "linux", reason="uses /proc and PR_SET_PDEATHSIG"),
]


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(condition, timeout: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_stopping_the_demo_stops_its_hub_and_dialer(tmp_path: Path, how: signal.Signals) -> None:
    demo = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop.cli",
            "demo",
            "--headless",
            "--calls",
            "500",
            "--debtors",
            "60",
            "--data-dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    services: set[int] = set()
    try:
        assert _wait(lambda: len(_children(demo.pid)) >= 2), "hub and dialer never started"
        services = _children(demo.pid)
        os.kill(demo.pid, how)
        demo.wait(timeout=60)
        assert _wait(lambda: not any(_alive(p) for p in services), timeout=30), (
            f"left running after {how.name}: {[p for p in services if _alive(p)]}"
        )
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
        for pid in services:  # after a failure, leave no stray hub or dialer behind
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
