"""Decides when the dialer launches the next call for each ready agent, as pure logic.

The `Pacer` is fed the hub's `AgentAvailability` events and the outcome of each dial attempt,
and answers one question: which agents should get a call now, and how long until the next one
might be due. It enforces a pacing delay after an agent becomes ready, at most one call per
agent, and a global cap on the number of calls placed. Time comes from an injected clock; this
module must never do I/O, sleep, or know about websockets or SIP.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, get_args

from sync.protocol import AgentState, DialMode

DIAL_MODES: Final[frozenset[str]] = frozenset(get_args(DialMode))


@dataclass(frozen=True)
class Dial:
    """One call the dialer should launch now: hand the agent a debtor, then ring them."""

    agent: str
    sip_uri: str
    mode: DialMode
    # Predictive calls ask the agent's phone to answer by itself (Call-Info answer-after=0).
    auto_answer: bool


@dataclass
class _Agent:
    state: AgentState
    sip_uri: str | None
    # Monotonic time before which no call may be launched for this agent.
    not_before: float
    # A call (handoff + SIP leg) is in flight for this agent.
    dialing: bool = False
    # After an answered call the agent must announce `ready` again before the next one.
    awaiting_ready: bool = False
    # The hub said ready again (after busy) while our call was still in flight: the agent
    # wrapped up before the dialer saw its own BYE, so that ready already counts.
    ready_again: bool = False


class Pacer:
    """Tracks agents' availability and the calls in flight; says when to dial whom."""

    def __init__(
        self,
        *,
        mode: DialMode = "predictive",
        pacing_s: float = 1.5,
        max_calls: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if mode not in DIAL_MODES:
            raise ValueError(f"unknown dial mode {mode!r}; expected one of {sorted(DIAL_MODES)}")
        if not pacing_s >= 0:  # also refuses NaN
            raise ValueError(f"pacing_s must be a number >= 0, got {pacing_s!r}")
        if max_calls is not None and max_calls < 0:
            raise ValueError(f"max_calls must be >= 0 or None, got {max_calls!r}")
        self._mode: DialMode = mode
        self._pacing_s = pacing_s
        self._max_calls = max_calls
        self._clock = clock
        self._agents: dict[str, _Agent] = {}
        self._launched = 0

    @property
    def mode(self) -> DialMode:
        return self._mode

    @property
    def calls_launched(self) -> int:
        """Calls launched so far (a refused handoff gives its slot back)."""
        return self._launched

    @property
    def exhausted(self) -> bool:
        """True once the cap is reached: no further call will ever be launched."""
        return self._max_calls is not None and self._launched >= self._max_calls

    @property
    def in_flight(self) -> int:
        return sum(1 for a in self._agents.values() if a.dialing)

    def agent_changed(self, agent: str, state: AgentState, sip_uri: str | None) -> None:
        """Apply one `AgentAvailability` event."""
        now = self._clock()
        known = self._agents.get(agent)
        if known is None:
            known = _Agent(state=state, sip_uri=sip_uri, not_before=now + self._pacing_s)
            self._agents[agent] = known
        elif state == "ready" and (known.state != "ready" or known.awaiting_ready):
            # Fresh readiness: the pacing delay starts now, whatever came before.
            known.not_before = now + self._pacing_s
            if known.dialing and known.state != "ready":
                known.ready_again = True
        known.state = state
        if sip_uri is not None or state != "ready":
            known.sip_uri = sip_uri
        if state == "ready":
            known.awaiting_ready = False

    def forget_availability(self) -> None:
        """Drop what we know of agents' states (the hub connection was lost).

        Agents with a call in flight are kept so the one-call-per-agent rule still holds; the
        hub replays availability on reconnect.
        """
        for name in [n for n, a in self._agents.items() if not a.dialing]:
            del self._agents[name]
        for known in self._agents.values():
            known.state = "not_ready"

    def due(self) -> list[Dial]:
        """The calls to launch now. Each returned agent counts as dialing until its outcome."""
        now = self._clock()
        launches: list[Dial] = []
        for name in sorted(self._agents, key=lambda n: (self._agents[n].not_before, n)):
            if self.exhausted:
                break
            known = self._agents[name]
            if not self._eligible(known) or known.not_before > now:
                continue
            assert known.sip_uri is not None  # _eligible checked it
            known.dialing = True
            known.ready_again = False
            self._launched += 1
            launches.append(
                Dial(
                    agent=name,
                    sip_uri=known.sip_uri,
                    mode=self._mode,
                    auto_answer=self._mode == "predictive",
                )
            )
        return launches

    def next_due_in(self) -> float | None:
        """Seconds until the next call could be due (0 if one is due now), None if none is."""
        if self.exhausted:
            return None
        now = self._clock()
        waits = [
            max(0.0, known.not_before - now)
            for known in self._agents.values()
            if self._eligible(known)
        ]
        return min(waits) if waits else None

    def dial_refused(self, agent: str, retry_after_s: float) -> None:
        """The handoff was refused or the call could not start: no call was placed.

        The launch slot is given back; the agent is tried again after `retry_after_s` if it
        is still ready by then.
        """
        known = self._agents.get(agent)
        if known is None or not known.dialing:
            return
        known.dialing = False
        self._launched -= 1
        known.not_before = max(known.not_before, self._clock() + max(0.0, retry_after_s))

    def call_ended(self, agent: str, answered: bool) -> None:
        """The call launched for `agent` is over.

        After an answered call the agent wraps up and tells the hub it is ready again; we wait
        for that event. A call the agent never answered did not engage them, so they are dialed
        again after the pacing delay if they are still ready.
        """
        known = self._agents.get(agent)
        if known is None or not known.dialing:
            return
        known.dialing = False
        if answered:
            known.awaiting_ready = not known.ready_again
            known.ready_again = False
        else:
            known.not_before = max(known.not_before, self._clock() + self._pacing_s)

    @staticmethod
    def _eligible(known: _Agent) -> bool:
        return (
            known.state == "ready"
            and known.sip_uri is not None
            and not known.dialing
            and not known.awaiting_ready
        )
