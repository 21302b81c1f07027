"""Run as a separate process: an agent's Phone that auto-answers one call and reports it.

pjsua2 allows one Endpoint per process, so a test that drives the dialer's SipCaller in its own
process runs the agent's Phone here. Prints "READY <contact uri>", answers when asked to
auto-answer, and when the call ends prints "ENDED <CallInfo as JSON>" and exits 0; exits 2 if
no call ended within the time limit.
Usage: python -m tests.integration.softphone.agent_phone_process
"""

from __future__ import annotations

import dataclasses
import json
import sys

from softphone import Phone, PhoneConfig
from tests.integration.softphone.support import AnsweringListener, pump_until

TIME_LIMIT_S = 30.0


def main() -> int:
    listener = AnsweringListener()
    phone = Phone(PhoneConfig(), listener)
    listener.phone = phone
    phone.start()
    print(f"READY {phone.contact_uri}", flush=True)

    def ended() -> bool:
        return any(change.state == "disconnected" for change in listener.changes)

    finished = pump_until(phone.pump, ended, TIME_LIMIT_S)
    phone.stop()
    if not finished:
        return 2
    final = next(change for change in listener.changes if change.state == "disconnected")
    print(f"ENDED {json.dumps(dataclasses.asdict(final))}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
