"""Run as a separate process: stop a Phone with four calls up and audio flowing, many times.

Each round starts a Phone (no OS devices; `HeadsetStandIn` feeds and drains the headset port
as PortAudio would), takes four echoed sipp calls, waits until the agent hears its own tone
back on every call, and calls `stop()` with the calls still up. The media clock calls the
headset port every 20 ms, so a port released while the clock runs aborts or segfaults the
process; that is why this runs alone and reports by exit code and one JSON line on stdout.
Usage: python -m tests.integration.softphone.audio_stop_process <workdir> <rounds>
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from softphone import Phone, PhoneConfig
from tests.integration.softphone.support import AnsweringListener, HeadsetStandIn, Sipp, pump_until

CALLS = 4


def _round(workdir: Path, index: int) -> dict[str, int]:
    listener = AnsweringListener()
    phone = Phone(PhoneConfig(), listener)
    listener.phone = phone
    phone.start()
    headset = HeadsetStandIn(phone, 440.0).start()
    try:
        for n in range(CALLS):
            Sipp.calling(
                "uac_echo.xml", phone.contact_uri, workdir, "-rtp_echo", "-key", "handoff",
                f"h-stop{index}-{n}", "-d", "15000",
            )  # fmt: skip

        def flowing() -> bool:
            calls = phone.calls()
            return len(calls) == CALLS and all(c.rx_rtp_packets > 0 for c in calls)

        pump_until(phone.pump, flowing, 10)
        mark = len(headset.heard)
        pump_until(phone.pump, lambda: len(headset.heard) >= mark + 10, 2)  # 200 ms more
        heard = np.frombuffer(headset.heard_since(mark), dtype=np.int16)
        calls_up = len([c for c in phone.calls() if c.state == "confirmed"])
        loud = int(np.abs(heard.astype(np.int32)).max()) if heard.size else 0
        phone.stop()  # four calls up, frames moving both ways through the headset port
    finally:
        headset.stop()
        phone.stop()
        Sipp.reap_all()
    return {"calls_up": calls_up, "peak_heard": loud}


def main(workdir: Path, rounds: int) -> int:
    results = [_round(workdir, i) for i in range(rounds)]
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
