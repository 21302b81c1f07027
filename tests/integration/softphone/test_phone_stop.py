"""Phone.stop() with a call up hangs it up and the process ends cleanly (no pjsua2 abort).

The phone runs in a child Python process (see stop_with_call.py) so that an abort, which
would kill pytest itself, shows here as a non-zero exit code.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.softphone.support import PCAP_G711A

ROOT = Path(__file__).resolve().parents[3]

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
    pytest.mark.skipif(not PCAP_G711A.exists(), reason="sip-tester's g711a.pcap is missing"),
]


def test_stop_with_a_live_call_hangs_up_and_exits_cleanly(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.integration.softphone.stop_with_call", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-3000:]}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"confirmed": True, "calls_at_stop": 1, "sipp": 0}
