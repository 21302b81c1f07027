"""Run as a separate process: a far-end Phone that answers every call, talks a sine tone and
records what it hears (left channel of each call's WAV), for features baresip cannot check.

pjsua2 allows one Endpoint per process, so the test's own Phone talks to this one over
loopback. Prints "READY <contact uri>", then "ENDED <CallInfo JSON>" per finished call; exits
when stdin closes or after --seconds.
Usage: python -m tests.integration.softphone.peer_phone_process --tone 1000 --record DIR
       [--transport tls --cert C --key K --ca CA] [--srtp off|optional|mandatory]
       [--codec PCMA] (offer/answer this codec first, as a G.711 dialer or PBX would)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import select
import sys
from pathlib import Path

from softphone import CallInfo, Phone, PhoneConfig


class AnswerEverything:
    def __init__(self, record: Path) -> None:
        self.phone: Phone | None = None
        self.record = record
        self.to_answer: list[int] = []
        self.to_record: list[int] = []

    def on_incoming(self, call: CallInfo) -> None:
        self.to_answer.append(call.call_id)

    def on_call_changed(self, call: CallInfo) -> None:
        if call.state == "confirmed" and not call.recording and call.call_id not in self.to_record:
            self.to_record.append(call.call_id)
        if call.state == "disconnected":
            print(f"ENDED {json.dumps(dataclasses.asdict(call))}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tone", type=float, default=1000.0)
    parser.add_argument("--record", type=Path, required=True)
    parser.add_argument("--transport", default="udp")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--ca")
    parser.add_argument("--srtp", default="off")
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--codec", default="")
    args = parser.parse_args()
    from tests.integration.softphone.support import HeadsetStandIn, pump_until

    listener = AnswerEverything(args.record)
    config = PhoneConfig(
        user="peer",
        transport=args.transport,
        tls_cert_file=args.cert,
        tls_key_file=args.key,
        tls_ca_file=args.ca,
        srtp=args.srtp,
    )
    phone = Phone(config, listener)
    listener.phone = phone
    phone.start()
    if args.codec:
        import pjsua2 as pj

        library = pj.Endpoint.instance()
        for codec in library.codecEnum2():
            if codec.codecId.split("/", 1)[0] == args.codec:
                library.codecSetPriority(codec.codecId, 255)
    headset = HeadsetStandIn(phone, args.tone).start()
    print(f"READY {phone.contact_uri}", flush=True)

    def step() -> bool:
        while listener.to_answer:
            phone.answer(listener.to_answer.pop())
        while listener.to_record:
            call_id = listener.to_record.pop()
            if phone.call(call_id) is not None:
                phone.start_recording(call_id, args.record / f"call{call_id}.wav")
        readable, _, _ = select.select([sys.stdin], [], [], 0)
        return bool(readable) and sys.stdin.readline() == ""

    pump_until(phone.pump, step, args.seconds)
    headset.stop()
    phone.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
