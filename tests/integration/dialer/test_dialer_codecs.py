"""The dialer's SIP side offers the agent phone's codecs: G.722, then G.711, never speex.

Two speex calls in one pjsua2 2.15.1 process corrupt each other's audio (softphone/codecs.py),
and the simulator holds many calls at once, so its real endpoint must carry the same policy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pjsua2 as pj
import pytest

from softphone.codecs import PRIORITIES
from sync.dialer.sip_caller import SipCaller

ROOT = Path(__file__).resolve().parents[3]
VOICE = ROOT / "resources" / "audio" / "customer_es.wav"

pytestmark = pytest.mark.sip


@pytest.fixture
def caller() -> Iterator[SipCaller]:
    caller = SipCaller(voice_wav=VOICE)
    caller.start()
    try:
        yield caller
    finally:
        caller.stop()


def test_the_dialer_prefers_g722_then_g711_and_never_offers_speex(caller: SipCaller) -> None:
    priorities: dict[str, int] = {}
    for codec in pj.Endpoint.instance().codecEnum2():
        name = str(codec.codecId).split("/", 1)[0]
        priorities[name] = max(priorities.get(name, 0), int(codec.priority))
    assert priorities.get("speex", 0) == 0  # 0 = disabled: never offered nor accepted
    offered = sorted((p, n) for n, p in priorities.items() if p > 0)
    assert [name for _, name in reversed(offered)][:3] == ["G722", "PCMU", "PCMA"]
    assert PRIORITIES["G722"] > PRIORITIES["PCMU"] > PRIORITIES["PCMA"]
