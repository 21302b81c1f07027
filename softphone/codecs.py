"""Which audio codecs the agent's phone offers and accepts, in what order.

pjsua's default order puts speex first. With the pjsua2 2.15.1 wheel, two speex calls up at
once in one process corrupt each other's audio within a second: each stream carries bits of
the other and comes out as loud, clipped noise (measured with tones: the customer heard their
own voice back once a supervisor's monitor leg came up; the same happens with a consult call
or a local conference). G.722 and G.711 never did. An agent's desk routinely holds two calls,
so speex is switched off here and wideband G.722 leads, then the G.711 laws every dialer and
PBX speaks. This module must never enable a codec the answer-side peer cannot decode
(pjmedia only negotiates what both sides list) and never run before the endpoint exists.
"""

from __future__ import annotations

import logging

import pjsua2 as pj

log = logging.getLogger("acuerdo.softphone")

# Higher is preferred; 0 disables. Codecs not named keep a low, non-zero priority.
PRIORITIES: dict[str, int] = {"G722": 250, "PCMU": 240, "PCMA": 230, "speex": 0}
_OTHERS = 10


def apply_codec_policy(library: pj.Endpoint) -> None:
    """Set the priorities of every codec the endpoint knows (call after libInit)."""
    for codec in library.codecEnum2():
        name = str(codec.codecId).split("/", 1)[0]
        priority = PRIORITIES.get(name, _OTHERS)
        try:
            library.codecSetPriority(codec.codecId, priority)
        except pj.Error as exc:
            log.warning("cannot set the priority of codec %s: %s", codec.codecId, exc.reason)
