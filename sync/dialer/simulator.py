"""The bundled dialer simulator: paces calls to ready agents and rings them with a customer leg.

It logs in to the hub over websockets as the dialer service user, follows `AgentAvailability`
events, asks the hub for a handoff when the `Pacer` says so, and then INVITEs the agent's
softphone through `SipCaller` carrying the handoff id. In preview mode the agent sees the debtor
first: the INVITE waits for the hub's `PreviewGo` (then it asks the phone to answer by itself,
since the agent asked for the call), and is never placed if the agent skips (their state leaves
on_call) or nobody decides within `preview_timeout_s`. The same SIP endpoint is the trunk for
the agents' own outgoing calls. The customer leg plays a recorded voice
and hangs up after a random talk time, or waits for the agent to hang up. pjsua2 is pumped from
this asyncio loop, so every pjsua2 call stays on the loop's thread. This module must never
import the hub, the desktop client or Qt, and never log a debtor's personal data (it only ever
sees agent names, handoff ids and debtor ids).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from softphone.model import SoftphoneError, UnknownCallError
from sync.dialer.hub_link import HubLink, HubRefusedLogin
from sync.dialer.pacing import DIAL_MODES, Dial, Pacer
from sync.dialer.sip_caller import SipCaller
from sync.protocol import (
    AgentAvailability,
    CreateHandoff,
    DialMode,
    EndHandoff,
    Error,
    HandoffCreated,
    PreviewGo,
    ServerMessage,
)

__all__ = ["DEFAULT_VOICE_WAV", "DialerSimulator", "DialerStats", "HubRefusedLogin"]

log = logging.getLogger("acuerdo.dialer")

DEFAULT_VOICE_WAV: Final = (
    Path(__file__).resolve().parents[2] / "resources" / "audio" / "customer_es.wav"
)
_PUMP_INTERVAL_S: Final = 0.01
_WATCH_INTERVAL_S: Final = 0.02
_REPLY_TIMEOUT_S: Final = 10.0
_HANGUP_GRACE_S: Final = 2.0
_EARLY_GO_KEPT: Final = 64  # go-aheads that overtook their handoff's reply


@dataclass
class DialerStats:
    """Plain counters for the demo's summary line and the benchmarks."""

    calls_placed: int = 0
    calls_answered: int = 0
    calls_unanswered: int = 0
    handoffs_refused: int = 0
    previews_called: int = 0
    previews_dropped: int = 0  # skipped by the agent, or nobody decided in time
    hub_sessions: int = 0
    invite_to_confirmed_ms: list[float] = field(default_factory=list)


@dataclass
class _CustomerLeg:
    agent: str
    handoff_id: str
    ring_deadline: float
    answered: bool = False
    hangup_at: float | None = None
    hangup_sent: bool = False


@dataclass
class _Preview:
    """A preview handoff waiting for the agent's decision: "call", or why it was dropped."""

    agent: str
    decided: asyncio.Future[str]


class DialerSimulator:
    """A predictive/progressive/preview dialer that bridges simulated customers to agents."""

    def __init__(
        self,
        hub_url: str,
        *,
        user: str = "dialer",
        password: str,
        campaign: str = "temprana",
        mode: DialMode = "predictive",
        pacing_s: float = 1.5,
        max_calls: int | None = None,
        talk_time_s: tuple[float, float] | None = None,
        voice_wav: Path = DEFAULT_VOICE_WAV,
        sip_host: str = "127.0.0.1",
        sip_port: int = 0,
        ring_timeout_s: float = 30.0,
        preview_timeout_s: float = 120.0,
        retry_s: float = 3.0,
        backoff_initial_s: float = 0.5,
        backoff_max_s: float = 10.0,
        rng: random.Random | None = None,
    ) -> None:
        if mode not in DIAL_MODES:
            raise ValueError(f"unknown dial mode {mode!r}; expected one of {sorted(DIAL_MODES)}")
        if talk_time_s is not None and not 0 <= talk_time_s[0] <= talk_time_s[1]:
            raise ValueError(f"talk_time_s must be (low, high), 0 <= low <= high: {talk_time_s!r}")
        if not campaign:
            raise ValueError("campaign must not be empty")
        if not Path(voice_wav).is_file():
            raise ValueError(f"customer voice WAV not found: {voice_wav}")
        self._campaign = campaign
        self._talk_time_s = talk_time_s
        self._voice_wav = Path(voice_wav)
        self._sip_host = sip_host
        self._sip_port = sip_port
        self._ring_timeout_s = ring_timeout_s
        self._preview_timeout_s = preview_timeout_s
        self._retry_s = retry_s
        self._rng = rng or random.Random()
        self._pacer = Pacer(mode=mode, pacing_s=pacing_s, max_calls=max_calls)
        self._hub = HubLink(
            hub_url,
            user,
            password,
            self._on_availability,
            self._on_hub_connection,
            on_event=self._on_hub_event,
            backoff_initial_s=backoff_initial_s,
            backoff_max_s=backoff_max_s,
        )
        self.stats = DialerStats()

        self._caller: SipCaller | None = None
        self._legs: dict[int, _CustomerLeg] = {}
        self._previews: dict[str, _Preview] = {}
        # Per agent, how many times they left on_call: a preview whose agent left between the
        # request and our reading of the reply was skipped before we started waiting.
        self._departures: dict[str, int] = {}
        self._early_go: list[str] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._connected = asyncio.Event()
        self._finished = asyncio.Event()
        self._launching = 0
        self._run_task: asyncio.Task[Any] | None = None
        self._stopping = False

    # ------------------------------------------------------------------ public API

    async def run(self) -> None:
        """Dial until cancelled (or `stop()`); hangs up and shuts SIP down on the way out.

        Raises `HubRefusedLogin` if the hub refuses the credentials, `SoftphoneError` if the
        SIP endpoint cannot start.
        """
        self._run_task = asyncio.current_task()
        caller = SipCaller(bind_host=self._sip_host, port=self._sip_port, voice_wav=self._voice_wav)
        caller.on_call_ended = self._on_call_ended
        caller.start()
        self._caller = caller
        pump = asyncio.create_task(self._pump_forever(caller), name="dialer-sip-pump")
        pacing = asyncio.create_task(self._pace_forever(), name="dialer-pacing")
        try:
            await self._hub.run()
        finally:
            pacing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pacing
            await self._shutdown(caller, pump)

    async def stop(self) -> None:
        """Stop `run()`: launch nothing more, hang up every customer leg, then shut down.

        Legs are hung up while the hub connection is still open, so a leg that was still
        ringing gets its `EndHandoff` through.
        """
        task = self._run_task
        if task is None or task.done():
            return
        self._stopping = True
        for preview in self._previews.values():
            if not preview.decided.done():
                preview.decided.set_result("dialer stopping")
        self._hang_up_all()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + _HANGUP_GRACE_S
        while (self._legs or self._launching) and loop.time() < deadline:
            await asyncio.sleep(_WATCH_INTERVAL_S)
        await self._hub.close()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def wait_connected(self) -> None:
        """Return once the hub has welcomed us (the demo starts agents after this)."""
        await self._connected.wait()

    async def wait_finished(self) -> None:
        """Return once `max_calls` calls were placed and all of them ended (never if unlimited)."""
        await self._finished.wait()

    @property
    def calls_in_progress(self) -> int:
        return len(self._legs)

    @property
    def trunk_address(self) -> str | None:
        """Where agents send their own calls (`sip:<number>@` this), once SIP is up."""
        caller = self._caller
        if caller is None:
            return None
        return caller.contact_uri.split("@", 1)[1]

    @property
    def trunk_calls_answered(self) -> int:
        return self._caller.trunk_calls_answered if self._caller is not None else 0

    # ------------------------------------------------------------------ hub events

    def _on_availability(self, event: AgentAvailability) -> None:
        self._pacer.agent_changed(event.agent, event.state, event.sip_uri)
        if event.state != "on_call":
            self._departures[event.agent] = self._departures.get(event.agent, 0) + 1
            # The agent left the previewed debtor (skipped, hung up, signed out): no call.
            for preview in self._previews.values():
                if preview.agent == event.agent and not preview.decided.done():
                    preview.decided.set_result(f"agent {event.state}")
        self._wake.set()

    def _on_hub_event(self, event: ServerMessage) -> None:
        if not isinstance(event, PreviewGo):
            return
        preview = self._previews.get(event.handoff_id)
        if preview is None:
            self._early_go = [*self._early_go[-_EARLY_GO_KEPT:], event.handoff_id]
        elif not preview.decided.done():
            preview.decided.set_result("call")

    def _on_hub_connection(self, up: bool) -> None:
        if up:
            self.stats.hub_sessions += 1
            self._connected.set()
        else:
            self._connected.clear()
            # The hub replays availability when we log in again; until then nobody is ready.
            self._pacer.forget_availability()
        self._wake.set()

    # ------------------------------------------------------------------ pacing and launching

    async def _pace_forever(self) -> None:
        while True:
            self._wake.clear()
            if self._hub.connected and not self._stopping:
                for dial in self._pacer.due():
                    self._launching += 1
                    self._spawn(self._launch(dial))
            self._check_finished()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._pacer.next_due_in())

    async def _launch(self, dial: Dial) -> None:
        try:
            await self._launch_one(dial)
        finally:
            self._launching -= 1
            self._wake.set()

    async def _launch_one(self, dial: Dial) -> None:
        request = CreateHandoff(agent=dial.agent, campaign=self._campaign, mode=dial.mode)
        departures = self._departures.get(dial.agent, 0)
        try:
            reply = await self._hub.request(request, _REPLY_TIMEOUT_S)
        except (ConnectionError, TimeoutError) as exc:
            log.warning("no handoff for agent %s (%s); will retry", dial.agent, exc or "timeout")
            self._pacer.dial_refused(dial.agent, self._retry_s)
            return
        if not isinstance(reply, HandoffCreated):
            code = reply.code if isinstance(reply, Error) else type(reply).__name__
            log.warning("hub refused handoff for agent %s: %s", dial.agent, code)
            self.stats.handoffs_refused += 1
            self._pacer.dial_refused(dial.agent, self._retry_s)
            return
        if dial.mode == "preview":
            if not await self._preview_decided(dial, reply, departures):
                return
            # The agent asked for this call: their phone may answer it by itself.
            dial = replace(dial, auto_answer=True)
        self._ring(dial, reply)

    async def _preview_decided(self, dial: Dial, handoff: HandoffCreated, departures: int) -> bool:
        """Wait for the agent to call or skip the previewed debtor; True means call now."""
        handoff_id = handoff.handoff_id
        if handoff_id in self._early_go:
            self._early_go.remove(handoff_id)
            outcome = "call"
        elif self._departures.get(dial.agent, 0) != departures:
            outcome = "agent left"
        else:
            decided: asyncio.Future[str] = asyncio.get_running_loop().create_future()
            self._previews[handoff_id] = _Preview(dial.agent, decided)
            try:
                async with asyncio.timeout(self._preview_timeout_s):
                    outcome = await decided
            except TimeoutError:
                outcome = "preview_timeout"
            finally:
                self._previews.pop(handoff_id, None)
            if outcome in ("preview_timeout", "dialer stopping"):
                await self._end_handoff(handoff_id, outcome)
        if outcome == "call":
            self.stats.previews_called += 1
            return True
        log.info("preview %s for agent %s not called (%s)", handoff_id, dial.agent, outcome)
        self.stats.previews_dropped += 1
        self._pacer.call_ended(dial.agent, answered=False)
        return False

    def _ring(self, dial: Dial, handoff: HandoffCreated) -> None:
        caller = self._caller
        assert caller is not None
        if self._stopping:
            self._pacer.dial_refused(dial.agent, self._retry_s)
            self._spawn(self._end_handoff(handoff.handoff_id, "dialer stopping"))
            return
        try:
            call_id = caller.place_call(handoff.sip_uri, handoff.handoff_id, dial.auto_answer)
        except (ValueError, SoftphoneError) as exc:  # bad target URI or SIP stack refusal
            log.error("could not call agent %s: %s", dial.agent, exc)
            self._pacer.dial_refused(dial.agent, self._retry_s)
            self._spawn(self._end_handoff(handoff.handoff_id, "call_failed"))
            return
        now = asyncio.get_running_loop().time()
        self._legs[call_id] = _CustomerLeg(
            agent=dial.agent,
            handoff_id=handoff.handoff_id,
            ring_deadline=now + self._ring_timeout_s,
        )
        self.stats.calls_placed += 1
        log.info(
            "calling agent %s for handoff %s (debtor %d, %s)",
            dial.agent,
            handoff.handoff_id,
            handoff.debtor_id,
            dial.mode,
        )
        self._spawn(self._watch(call_id))

    async def _end_handoff(self, handoff_id: str, reason: str) -> None:
        if not await self._hub.send(EndHandoff(handoff_id=handoff_id, reason=reason)):
            log.warning("hub offline: end of handoff %s not sent", handoff_id)

    # ------------------------------------------------------------------ customer legs

    async def _watch(self, call_id: int) -> None:
        """Follow one customer leg: note the answer, ring timeout and simulated hang-up."""
        caller = self._caller
        assert caller is not None
        loop = asyncio.get_running_loop()
        leg = self._legs[call_id]
        # pjsua reuses call ids: stop as soon as the registry holds another leg under this id.
        while self._legs.get(call_id) is leg:
            self._note_answer(call_id, leg)
            now = loop.time()
            give_up = not leg.answered and now >= leg.ring_deadline
            talked_enough = leg.hangup_at is not None and now >= leg.hangup_at
            if (give_up or talked_enough) and not leg.hangup_sent:
                leg.hangup_sent = True
                log.info(
                    "customer hangs up handoff %s (%s)",
                    leg.handoff_id,
                    "talk time over" if talked_enough else "no answer",
                )
                try:
                    caller.hangup(call_id)
                except SoftphoneError as exc:  # it ended on its own meanwhile
                    log.debug("hang-up of call %s skipped: %s", call_id, exc)
            await asyncio.sleep(_WATCH_INTERVAL_S)

    def _note_answer(self, call_id: int, leg: _CustomerLeg) -> None:
        if leg.answered or self._caller is None:
            return
        try:
            state = self._caller.call_state(call_id)
        except UnknownCallError:
            return
        if state.confirmed_at is None:
            return
        leg.answered = True
        self.stats.calls_answered += 1
        if state.invite_sent_at is not None:
            self.stats.invite_to_confirmed_ms.append(
                (state.confirmed_at - state.invite_sent_at) * 1000.0
            )
        if self._talk_time_s is not None:
            talk = self._rng.uniform(*self._talk_time_s)
            leg.hangup_at = asyncio.get_running_loop().time() + talk

    def _on_call_ended(self, call_id: int, sip_status: int | None, reason: str) -> None:
        # Runs inside SipCaller.pump(), on the loop thread; never raise back into pjsua2.
        try:
            leg = self._legs.get(call_id)
            if leg is None:
                return
            self._note_answer(call_id, leg)
            del self._legs[call_id]
            self._pacer.call_ended(leg.agent, answered=leg.answered)
            if not leg.answered:
                self.stats.calls_unanswered += 1
                # A predictive call connects the customer before any agent picks up: one no
                # agent answered is an abandoned call, the figure regulators cap (kpi.fetch).
                why = "abandoned" if self._pacer.mode == "predictive" else "not answered"
                log.info("handoff %s %s (%s)", leg.handoff_id, why, reason)
                self._spawn(self._end_handoff(leg.handoff_id, why))
            log.info(
                "handoff %s call ended (status %s, answered %s)",
                leg.handoff_id,
                sip_status,
                leg.answered,
            )
            self._wake.set()
            self._check_finished()
        except Exception:
            log.exception("error handling end of call %s", call_id)

    def _check_finished(self) -> None:
        if self._pacer.exhausted and not self._legs and self._launching == 0:
            self._finished.set()

    # ------------------------------------------------------------------ plumbing

    def _hang_up_all(self) -> None:
        caller = self._caller
        if caller is None:
            return
        for call_id, leg in list(self._legs.items()):
            if not leg.hangup_sent:
                leg.hangup_sent = True
                try:
                    caller.hangup(call_id)
                except SoftphoneError as exc:
                    log.debug("hang-up of call %s skipped: %s", call_id, exc)

    async def _pump_forever(self, caller: SipCaller) -> None:
        while True:
            try:
                caller.pump()
            except Exception:
                log.exception("SIP pump failed")
            await asyncio.sleep(_PUMP_INTERVAL_S)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("dialer task failed", exc_info=task.exception())

    async def _shutdown(self, caller: SipCaller, pump: asyncio.Task[None]) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._hang_up_all()
        # Let the BYEs go out and their answers come back before the stack is torn down.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + _HANGUP_GRACE_S
        while self._legs and loop.time() < deadline:
            await asyncio.sleep(_PUMP_INTERVAL_S)
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pump
        # Ends reported during the grace period may have queued EndHandoff sends; let them finish.
        await asyncio.gather(*self._tasks, return_exceptions=True)
        caller.stop()
        self._caller = None
        log.info(
            "dialer stopped: %d placed, %d answered",
            self.stats.calls_placed,
            self.stats.calls_answered,
        )
