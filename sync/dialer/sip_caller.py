"""The dialer simulator's SIP side: places the customer leg to an agent's phone and talks on it.

For each handoff the simulator decides on, `SipCaller.place_call` INVITEs the agent's softphone
with `X-Acuerdo-Handoff: <id>` (and `Call-Info: ...;answer-after=0` for predictive calls) and,
once the call is up, loops a recorded customer voice into it so real RTP reaches the agent. It
also plays the trunk for agents' own outgoing calls (callbacks, manual dial): an INVITE to
`sip:<digits>@<this host:port>` is answered and hears the same customer voice; any other INVITE
is refused with 404. It reuses the softphone's endpoint bootstrap and call legs (one pjsua2
Endpoint per process, pumped by its owner, `threadCnt = 0`). It must never be pumped from two
threads, and never log anything about the debtor beyond the handoff id (never a dialled number).
"""

from __future__ import annotations

import logging
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pjsua2 as pj

from softphone.codecs import apply_codec_policy
from softphone.endpoint import EndpointSettings, SipEndpoint
from softphone.headers import handoff_headers
from softphone.leg import CallLeg, call_op
from softphone.model import CallState, SoftphoneError, UnknownCallError

log = logging.getLogger("acuerdo.dialer")

CallEnded = Callable[[int, int | None, str], None]  # (call id, last SIP status, reason)

_KEEP_FINISHED = 256  # final states kept for call_state() after a call is cleaned up
_MAX_CALLS = 32  # pjsua's compiled-in ceiling
# The request line of a trunk call: a phone number (optionally +) as the user part.
_TRUNK_REQUEST = re.compile(r"^INVITE\s+sips?:(\+?[0-9]{3,20})@", re.IGNORECASE)


def trunk_number(invite: str) -> str | None:
    """The dialled number of an INVITE sent to the trunk, or None if it names no number."""
    first_line = invite.lstrip().split("\r\n", 1)[0].split("\n", 1)[0]
    found = _TRUNK_REQUEST.match(first_line)
    return found.group(1) if found else None


@dataclass(frozen=True)
class PlacedCall:
    """A snapshot of one customer leg the dialer placed."""

    call_id: int
    handoff_id: str | None
    state: CallState
    sip_status: int | None
    reason: str
    invite_sent_at: float | None  # time.monotonic() when the INVITE went out
    confirmed_at: float | None  # time.monotonic() when the call became CONFIRMED
    rx_rtp_packets: int


class SipCaller:
    """Places handoff INVITEs and plays the customer's voice into each answered call."""

    def __init__(self, bind_host: str = "127.0.0.1", port: int = 0, *, voice_wav: Path) -> None:
        voice_wav = Path(voice_wav)
        if not voice_wav.is_file():
            raise ValueError(f"customer voice WAV not found: {voice_wav}")
        self.on_call_ended: CallEnded | None = None
        self._bind_host = bind_host
        self._voice_wav = voice_wav
        self._endpoint = SipEndpoint(
            EndpointSettings(
                user="dialer",
                display_name="Acuerdo Dialer",
                bind_host=bind_host,
                port=port,
                max_calls=_MAX_CALLS,
            ),
            on_invite=self._trunk_invite,
        )
        self._players: dict[int, pj.AudioMediaPlayer] = {}
        # Players and end events produced inside callbacks, handled on the next pump.
        self._retired_players: list[pj.AudioMediaPlayer] = []
        self._ended: list[PlacedCall] = []
        self._finished: OrderedDict[int, PlacedCall] = OrderedDict()
        # Calls agents placed through us as their trunk (callbacks, manual dial).
        self.trunk_calls_answered = 0
        self.trunk_calls_refused = 0

    @property
    def contact_uri(self) -> str:
        return self._endpoint.contact_uri

    def start(self) -> None:
        self._endpoint.start()
        # The agent's phone's policy (speex off): the dialer holds dozens of calls at once,
        # and two speex calls in one pjsua 2.15.1 process corrupt each other's audio.
        apply_codec_policy(pj.Endpoint.instance())

    def pump(self) -> None:
        """Let pjsua2 run, then release ended calls and tell `on_call_ended` about them."""
        self._endpoint.pump(0)
        self._retired_players.clear()
        ended, self._ended = self._ended, []
        for final in ended:
            if self.on_call_ended is None:
                continue
            try:
                self.on_call_ended(final.call_id, final.sip_status, final.reason)
            except Exception:
                log.exception("on_call_ended failed for call %s", final.call_id)

    def place_call(self, target_uri: str, handoff_id: str, auto_answer: bool) -> int:
        """INVITE `target_uri` for this handoff; returns the call id. Raises on bad input."""
        if not target_uri.startswith(("sip:", "sips:")) or any(c in target_uri for c in " \r\n"):
            raise ValueError(f"not a SIP URI: {target_uri!r}")
        headers = handoff_headers(handoff_id, auto_answer, self._bind_host)
        leg = CallLeg(self._endpoint.account, self, "outgoing")
        leg.handoff_id = handoff_id
        leg.answer_after_s = 0.0 if auto_answer else None
        prm = call_op()
        for name, value in headers:
            header = pj.SipHeader()
            header.hName = name
            header.hValue = value
            prm.txOption.headers.append(header)
        leg.invite_at = time.monotonic()
        try:
            leg.makeCall(target_uri, prm)
        except pj.Error as exc:
            raise SoftphoneError(f"cannot call {target_uri}: {exc.reason}") from None
        leg.call_id = leg.getId()
        self._endpoint.adopt(leg)
        self._finished.pop(leg.call_id, None)
        log.info("placed call %s for handoff %s", leg.call_id, handoff_id)
        return int(leg.call_id)

    def hangup(self, call_id: int) -> None:
        leg = self._endpoint.leg(call_id)
        try:
            leg.hangup(call_op())
        except pj.Error as exc:
            raise SoftphoneError(f"cannot hang up call {call_id}: {exc.reason}") from None

    def call_state(self, call_id: int) -> PlacedCall:
        """The call's state now, or its final state if it already ended (recent calls only)."""
        try:
            return _placed(self._endpoint.leg(call_id))
        except UnknownCallError:
            finished = self._finished.get(call_id)
            if finished is None:
                raise
            return finished

    def stop(self) -> None:
        """Hang up every call and destroy pjsua2; idempotent, never raises."""
        self._endpoint.stop(release=self._release_players)

    def _trunk_invite(self, call_id: int, message: str, source: str, arrived: float) -> None:
        """An agent dials a customer through us: answer a number, refuse anything else."""
        leg = CallLeg(self._endpoint.account, self, "incoming", call_id)
        leg.invite_at = arrived
        self._endpoint.adopt(leg)
        if trunk_number(message) is None:
            self.trunk_calls_refused += 1
            leg.silent = True
            log.info("trunk call %s from %s refused: no number in the request", call_id, source)
            leg.hangup(call_op(404, "Not Found"))
            return
        self.trunk_calls_answered += 1
        log.info("trunk call %s from %s answered", call_id, source)
        leg.answer(call_op(200))

    # --- LegObserver -----------------------------------------------------------------------

    def leg_media_ready(self, leg: CallLeg, audio: pj.AudioMedia) -> None:
        player = self._players.get(leg.call_id)
        if player is not None:
            player.startTransmit(audio)  # media was re-negotiated; keep talking on the new slot
        elif leg.state == "confirmed":
            self._start_voice(leg, audio)

    def leg_changed(self, leg: CallLeg) -> None:
        # CONFIRMED and the media update come in either order; whichever is second starts the
        # voice.
        if leg.state == "confirmed" and leg.call_id not in self._players:
            audio = leg.audio()
            if audio is not None:
                self._start_voice(leg, audio)
        if leg.ended:
            player = self._players.pop(leg.call_id, None)
            if player is not None:
                self._retired_players.append(player)
            final = _placed(leg)
            self._finished[leg.call_id] = final
            while len(self._finished) > _KEEP_FINISHED:
                self._finished.popitem(last=False)
            self._ended.append(final)

    # --- internals ---------------------------------------------------------------------------

    def _start_voice(self, leg: CallLeg, audio: pj.AudioMedia) -> None:
        player = pj.AudioMediaPlayer()
        player.createPlayer(str(self._voice_wav), 0)  # 0 = loop until the call ends
        player.startTransmit(audio)
        self._players[leg.call_id] = player

    def _release_players(self) -> None:
        self._players.clear()
        self._retired_players.clear()


def _placed(leg: CallLeg) -> PlacedCall:
    info = leg.snapshot()
    return PlacedCall(
        call_id=info.call_id,
        handoff_id=info.handoff_id,
        state=info.state,
        sip_status=info.sip_status,
        reason=info.reason,
        invite_sent_at=leg.invite_at,
        confirmed_at=info.confirmed_at,
        rx_rtp_packets=info.rx_rtp_packets,
    )
