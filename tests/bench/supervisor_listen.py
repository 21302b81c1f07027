"""Supervisor "listen" to first audio: from `Phone.start_monitor` to the first loud frame in
the supervisor's headset, with three real Phones on loopback (goal: 500 ms).

The agent's Phone runs here, the customer (talking 500 Hz) and the supervisor in child
processes (tests/integration/softphone/monitor_party_process.py); the supervisor's process
times each attempt itself, so the figure is its own clock from the click (start_monitor) to
sound. One customer call stays up; each run dials a monitor leg with a fresh grant, waits
for audio, hangs up and waits for the agent's phone to tear the leg down. bench_supervisor.py
reports the median; run standalone to print the runs:
    python -m tests.bench.supervisor_listen [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

GOAL_MS = 500.0


def measure_listen_to_audio(runs: int = 10) -> list[float]:
    """Milliseconds from start_monitor to the supervisor hearing the call, per run."""
    from tests.integration.softphone.monitor_support import (
        CUSTOMER_HZ,
        SUPERVISOR_HZ,
        AgentDesk,
        Party,
        grant,
    )

    if runs < 1:
        raise ValueError("runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="acuerdo-listen-") as folder:
        workdir = Path(folder)
        desk = AgentDesk()
        parties = [
            Party("customer", CUSTOMER_HZ, workdir),
            Party("carmen", SUPERVISOR_HZ, workdir),
        ]
        customer, supervisor = parties
        try:
            customer.expect(desk, "READY ")
            supervisor.expect(desk, "READY ")
            customer.send(f"CALL {desk.phone.contact_uri} h-bench")
            customer.expect(desk, "CALL ")
            customer.expect(desk, "REC ")
            desk.idle(0.5)
            timings: list[float] = []
            for _ in range(runs):
                supervisor.send(f"MONITOR {desk.phone.contact_uri} {grant('listen', 'h-bench')}")
                call_id = supervisor.expect(desk, "CALL ")
                timings.append(float(supervisor.expect(desk, "AUDIO ")))
                supervisor.send(f"HANGUP {call_id}")
                supervisor.expect(desk, f"STATE {call_id} disconnected")
                if not desk.wait(lambda: desk.mode() is None):
                    raise RuntimeError("the agent's phone kept the monitor leg")
            return timings
        finally:
            for party in parties:
                if party.process.poll() is None and party.process.stdin is not None:
                    party.close()
            desk.stop()


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 10
    timings = measure_listen_to_audio(runs)
    print(" ".join(f"{t:.0f}" for t in timings))
    print(
        f"listen -> first supervisor audio: median {statistics.median(timings):.0f} ms "
        f"(goal <= {GOAL_MS:.0f} ms), max {max(timings):.0f} ms over {runs} runs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
