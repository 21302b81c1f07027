"""The headless demo in preview mode: each debtor pops first and the autopilot presses "Call now".

Runs ``acuerdo demo --headless --mode preview`` as a user would, with the preview countdown off
(``ACUERDO_PREVIEW_COUNTDOWN_S=0``), so a call can only happen because "Call now" was pressed;
then looks at the hub's database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

CALLS = 3

pytestmark = [pytest.mark.e2e, pytest.mark.sip]


def test_preview_demo_calls_every_debtor_through_call_now(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "desktop.cli", "demo", "--headless", "--mode", "preview"]
    cmd += ["--calls", str(CALLS), "--debtors", "60", "--data-dir", str(tmp_path)]
    env = {**os.environ, "ACUERDO_PREVIEW_COUNTDOWN_S": "0"}
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    services_log = tmp_path / "demo-services.log"
    services = services_log.read_text(errors="replace") if services_log.exists() else ""
    assert done.returncode == 0, (
        f"demo exited {done.returncode}\nstderr:\n{done.stderr[-4000:]}\n"
        f"services:\n{services[-4000:]}"
    )
    metrics = json.loads(done.stdout.splitlines()[0])
    assert metrics["calls"] == CALLS
    assert metrics["answered"] == CALLS
    assert metrics["calls_with_audio"] == CALLS
    assert metrics["promises_synced"] == metrics["promises_saved"] == CALLS
    with sqlite3.connect(tmp_path / "hub.sqlite") as hub:
        handoffs = hub.execute("SELECT mode, state FROM handoffs").fetchall()
        decided = hub.execute(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'preview.call'"
        ).fetchone()[0]
    assert handoffs == [("preview", "wrapped")] * CALLS
    assert decided == CALLS
