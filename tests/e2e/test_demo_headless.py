"""The whole demo, headless: real hub, dialer simulator placing real SIP calls, real desktop.

Runs ``acuerdo demo --headless`` as a user would and then looks at what it
left behind: the hub's database and the desk's outbox.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

# Five, not three: pjsua reuses call ids after four calls, and the demo must still
# count and answer each call as its own.
CALLS = 5

pytestmark = [pytest.mark.e2e, pytest.mark.sip]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], Path]:
    root = tmp_path_factory.mktemp("demo")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop.cli",
            "demo",
            "--headless",
            "--calls",
            str(CALLS),
            "--debtors",
            "120",
            "--data-dir",
            str(root),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    services_log = root / "demo-services.log"
    services = services_log.read_text(errors="replace") if services_log.exists() else ""
    assert done.returncode == 0, (
        f"demo exited {done.returncode}\nstderr:\n{done.stderr[-4000:]}\n"
        f"services:\n{services[-4000:]}"
    )
    lines = done.stdout.splitlines()
    assert len(lines) == 1, f"stdout must hold exactly one JSON line, got: {done.stdout[:500]!r}"
    metrics = json.loads(lines[0])
    return metrics, root


def test_headless_demo_reports_every_call_answered_and_synced(
    demo_run: tuple[dict[str, object], Path],
) -> None:
    metrics, _ = demo_run
    assert metrics["calls"] == CALLS
    assert metrics["answered"] == CALLS
    assert metrics["promises_saved"] == CALLS
    assert metrics["promises_synced"] == CALLS
    assert metrics["calls_with_audio"] == CALLS  # real RTP from the customer's leg
    for key in ("handoff_to_screen_ms_p50", "invite_to_answer_ms_p50"):
        assert isinstance(metrics[key], (int, float)) and metrics[key] >= 0


def test_each_promise_is_exactly_one_row_in_the_hub(
    demo_run: tuple[dict[str, object], Path],
) -> None:
    _, root = demo_run
    with sqlite3.connect(root / "hub.sqlite") as hub:
        rows = hub.execute("SELECT key, amount_cents FROM promises").fetchall()
        wrapups = hub.execute("SELECT disposition FROM wrapups").fetchall()
    keys = [key for key, _ in rows]
    assert len(keys) == CALLS
    assert len(set(keys)) == CALLS
    assert all(amount > 0 for _, amount in rows)
    assert [d for (d,) in wrapups] == ["promise_to_pay"] * CALLS


def test_the_desks_outbox_has_nothing_left_to_send(
    demo_run: tuple[dict[str, object], Path],
) -> None:
    _, root = demo_run
    (store_file,) = (root / "desktop").glob("desks/ana-*/desktop.sqlite")
    with sqlite3.connect(store_file) as store:
        states = dict(store.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall())
    assert set(states) == {"synced"}
    assert states["synced"] == 2 * CALLS  # one promise and one wrap-up per call
