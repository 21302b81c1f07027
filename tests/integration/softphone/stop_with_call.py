"""Run as a separate process: a Phone with a live call from sipp is stopped, twice.

A Call that outlives pjsua2's libDestroy() aborts the whole process, which a test inside the
pytest process could not survive; so this runs alone and reports on stdout (one JSON line) and
by its exit code: 0 only if the call was up, stop() returned and sipp saw our BYE.
Usage: python -m tests.integration.softphone.stop_with_call <workdir>
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from softphone import Phone, PhoneConfig
from tests.integration.softphone.support import AnsweringListener, Sipp, pump_until


def main(workdir: Path) -> int:
    listener = AnsweringListener()
    phone = Phone(PhoneConfig(), listener)
    listener.phone = phone
    phone.start()
    sipp = Sipp.calling(
        "uac_agent_hangs_up.xml", phone.contact_uri, workdir, "-key", "handoff", "h-stop"
    )

    def up() -> bool:
        info = phone.call(listener.incoming[0].call_id) if listener.incoming else None
        return info is not None and info.state == "confirmed" and info.rx_rtp_packets > 0

    confirmed = pump_until(phone.pump, up, 10)
    # A snapshot kept past stop() must be harmless: it is a plain value, not a pjsua2 object.
    kept = phone.calls()
    phone.stop()
    phone.stop()  # idempotent
    sipp_code, _ = sipp.finish(20)
    print(json.dumps({"confirmed": confirmed, "calls_at_stop": len(kept), "sipp": sipp_code}))
    return 0 if confirmed and sipp_code == 0 else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
