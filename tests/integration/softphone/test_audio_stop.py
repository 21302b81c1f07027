"""Phone.stop() with several calls up and audio flowing never aborts, round after round.

The media clock thread calls the headset's bridge port every 20 ms; the endpoint stops that
clock before the port is released (a port released mid-tick was called while Python tore it
down: AttributeError, then a segfault in 1 of 3 bench runs). Runs in a child process
(audio_stop_process.py) so a crash shows as an exit code instead of killing pytest.
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
ROUNDS = 5

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
    pytest.mark.skipif(not PCAP_G711A.exists(), reason="sip-tester's g711a.pcap is missing"),
]


def test_stop_with_four_calls_and_audio_flowing_many_times(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.integration.softphone.audio_stop_process", str(tmp_path),
         str(ROUNDS)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-3000:]}"
    # A frame callback that raised on the media thread is printed, never propagated.
    assert "Traceback" not in done.stderr and "AttributeError" not in done.stderr
    rounds = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(rounds) == ROUNDS
    for result in rounds:
        assert result["calls_up"] == 4  # stopped with every call still up
        assert result["peak_heard"] > 3000  # the echoed 440 Hz tone (0.3 FS) reached the agent
