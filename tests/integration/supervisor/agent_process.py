"""Run as a separate process: the agent's softphone for the supervisor desk's monitor test.

pjsua2 allows one Endpoint per process and the supervisor's Phone runs in the test, so the
agent's Phone (tests.integration.softphone.monitor_support.AgentDesk: user "ana", a tone as
its microphone, the test hub secret's grant key, answers every call) runs here. Prints
"READY <contact uri>", then "MONITOR <mode or None>" for every monitor event; exits when
stdin closes or after --seconds.
Usage: python -m tests.integration.supervisor.agent_process
"""

from __future__ import annotations

import argparse
import select
import sys

from softphone.model import MonitorInfo
from tests.integration.softphone.monitor_support import AgentDesk
from tests.integration.softphone.support import pump_until


class Announcing(AgentDesk):
    def on_monitor(self, info: MonitorInfo) -> None:
        super().on_monitor(info)
        print(f"MONITOR {info.mode}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    desk = Announcing()
    print(f"READY {desk.phone.contact_uri}", flush=True)

    def stdin_closed() -> bool:
        readable, _, _ = select.select([sys.stdin], [], [], 0)
        return bool(readable) and sys.stdin.readline() == ""

    pump_until(desk.phone.pump, stdin_closed, args.seconds)
    desk.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
