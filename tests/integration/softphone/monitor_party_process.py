"""Run as a separate process: a customer or a supervisor Phone for the monitor tests.

pjsua2 allows one Endpoint per process, so the agent's Phone runs in the test and the other
two parties run here, each talking its own sine tone (HeadsetStandIn) and recording what it
hears (the left channel of its call's WAV). Driven by lines on stdin, answering on stdout:
  CALL <uri> <handoff>      -> "CALL <id>"   (the customer: a handoff call to the agent)
  MONITOR <uri> <token>     -> "CALL <id>"   (the supervisor: Phone.start_monitor)
  CHANGE <id> <token>       -> "CHANGING"    (Phone.change_monitor; outcome as "MONITOR ...")
  HANGUP <id>               -> "HUNG"
It also prints "READY <uri>", "STATE <id> <state> <sip status>", "REC <id> <monotonic start>",
"MONITOR <json MonitorInfo>" and "AUDIO <ms>" (first loud frame after MONITOR, for the bench).
Exits when stdin closes or after --seconds.
Usage: python -m tests.integration.softphone.monitor_party_process --user carmen --tone 1400
       --record DIR
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import select
import sys
import time
from pathlib import Path

from softphone import CallInfo, Phone, PhoneConfig
from softphone.model import MonitorInfo

LOUD = 0.05  # peak of a frame that carries a tone (the tones are at 0.3 of full scale)


class Party:
    def __init__(self, record: Path) -> None:
        self.phone: Phone | None = None
        self.record = record
        self.to_record: list[int] = []
        self.listen_since: float | None = None

    def on_incoming(self, call: CallInfo) -> None:
        assert self.phone is not None
        self.phone.reject(call.call_id, 486)  # nobody calls a customer or a supervisor here

    def on_call_changed(self, call: CallInfo) -> None:
        print(f"STATE {call.call_id} {call.state} {call.sip_status}", flush=True)
        if call.state == "confirmed" and not call.recording and call.call_id not in self.to_record:
            self.to_record.append(call.call_id)

    def on_monitor(self, info: MonitorInfo) -> None:
        print(f"MONITOR {json.dumps(dataclasses.asdict(info))}", flush=True)


def _command(phone: Phone, party: Party, line: str) -> None:
    words = line.split()
    if not words:
        return
    if words[0] == "CALL":
        call_id = phone.make_call(words[1], handoff_id=words[2])
        print(f"CALL {call_id}", flush=True)
    elif words[0] == "MONITOR":
        # Frames of the last call may still sit in the speaker ring and its level meter.
        speaker = phone._headset.speaker
        speaker.clear()
        speaker.last = speaker.silence
        party.listen_since = time.monotonic()
        print(f"CALL {phone.start_monitor(words[1], words[2])}", flush=True)
    elif words[0] == "CHANGE":
        phone.change_monitor(int(words[1]), words[2])
        print("CHANGING", flush=True)
    elif words[0] == "HANGUP":
        info = phone.call(int(words[1]))
        if info is not None and info.confirmed_at is not None:
            up = time.monotonic() - info.confirmed_at
            print(f"RTP {info.rx_rtp_packets} in {up:.2f} s {info.quality}", flush=True)
        phone.hangup(int(words[1]))
        print("HUNG", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", default="party")
    parser.add_argument("--tone", type=float, required=True)
    parser.add_argument("--record", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    from tests.integration.softphone.monitor_support import private_rtp_port
    from tests.integration.softphone.support import HeadsetStandIn, pump_until

    party = Party(args.record)
    phone = Phone(PhoneConfig(user=args.user, rtp_port=private_rtp_port()), party)
    party.phone = phone
    phone.start()
    headset = HeadsetStandIn(phone, args.tone).start()
    print(f"READY {phone.contact_uri}", flush=True)

    def step() -> bool:
        while party.to_record:
            call_id = party.to_record.pop()
            if phone.call(call_id) is not None:
                phone.start_recording(call_id, args.record / f"{args.user}-{call_id}.wav")
                print(f"REC {call_id} {time.monotonic()}", flush=True)
        if party.listen_since is not None and phone.audio_levels().speaker >= LOUD:
            elapsed_ms = (time.monotonic() - party.listen_since) * 1000
            print(f"AUDIO {elapsed_ms:.1f}", flush=True)
            party.listen_since = None
        readable, _, _ = select.select([sys.stdin], [], [], 0)
        if not readable:
            return False
        line = sys.stdin.readline()
        if line == "":
            return True
        _command(phone, party, line)
        return False

    pump_until(phone.pump, step, args.seconds)
    headset.stop()
    phone.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
