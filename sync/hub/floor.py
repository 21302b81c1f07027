"""The live contact-centre floor: who is connected, each agent's state, and event routing.

The floor knows every open connection by user, each agent's dialable state
(with the SIP address the dialer must call), and each user's event stream;
pushing an event numbers it in the user's stream and queues it on every
connection of that user. Runs only on the event loop and never awaits, so a
check-then-change here is atomic; it must never touch the database or block.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from sync.protocol import AgentAvailability, AgentState, Message, encode

from .records import UserRecord
from .streams import E, EventStream, stream_base

log = logging.getLogger("acuerdo.hub")

# A client that stops reading is cut off rather than allowed to grow the hub's memory.
MAX_QUEUED = 5_000


class Connection:
    """One websocket client; all outgoing frames go through a queue so order is kept."""

    def __init__(self, websocket: ServerConnection, session_id: str) -> None:
        self.websocket = websocket
        self.session_id = session_id
        self.user: UserRecord | None = None
        # bytes: a frame; (code, reason): close; None: stop once everything before is sent.
        self._queue: asyncio.Queue[bytes | tuple[int, str] | None] = asyncio.Queue()

    @property
    def username(self) -> str | None:
        return self.user.username if self.user else None

    @property
    def role(self) -> str | None:
        return self.user.role if self.user else None

    def send(self, message: Message) -> None:
        if self._queue.qsize() >= MAX_QUEUED:
            log.warning("session %s is not reading; closing it", self.session_id)
            self.close(1008, "too many unread messages")
            return
        self._queue.put_nowait(encode(message))

    def close(self, code: int, reason: str) -> None:
        """Close after every frame queued so far has been sent."""
        self._queue.put_nowait((code, reason))

    def finish(self) -> None:
        """Stop the writer after the frames already queued."""
        self._queue.put_nowait(None)

    async def write_loop(self) -> None:
        while True:
            item = await self._queue.get()
            if item is None:
                return
            try:
                if isinstance(item, tuple):
                    await self.websocket.close(item[0], item[1])
                    return
                await self.websocket.send(item, text=True)
            except ConnectionClosed:
                return


@dataclass
class AgentPresence:
    state: AgentState = "logged_out"
    sip_uri: str | None = None
    handoff_id: str | None = None
    handoff_accepted: bool = False


class Floor:
    def __init__(self) -> None:
        self._connections: dict[str, set[Connection]] = {}
        self._streams: dict[str, EventStream] = {}
        self._dialers: set[str] = set()
        self.agents: dict[str, AgentPresence] = {}

    def stream(self, username: str) -> EventStream:
        stream = self._streams.get(username)
        if stream is None:
            stream = self._streams[username] = EventStream(base=stream_base())
        return stream

    def attach(self, conn: Connection) -> None:
        assert conn.username is not None
        self._connections.setdefault(conn.username, set()).add(conn)
        if conn.role == "dialer":
            self._dialers.add(conn.username)

    def detach(self, conn: Connection) -> None:
        """Forget a closed connection; an agent with no connection left is logged out."""
        if conn.username is None:
            return
        remaining = self._connections.get(conn.username, set())
        remaining.discard(conn)
        if remaining:
            return
        self._connections.pop(conn.username, None)
        if conn.role == "agent":
            self.set_agent_state(conn.username, "logged_out", None)

    def connected(self, username: str) -> bool:
        return bool(self._connections.get(username))

    def push(self, username: str, build: Callable[[int], E]) -> E:
        """Number an event in the user's stream and queue it on each of their connections."""
        event = self.stream(username).append(build)
        for conn in self._connections.get(username, ()):
            conn.send(event)
        return event

    def push_dialers(self, agent: str, presence: AgentPresence) -> None:
        for dialer in sorted(self._dialers):
            self.push(dialer, _availability(agent, presence))

    def presence(self, agent: str) -> AgentPresence:
        presence = self.agents.get(agent)
        if presence is None:
            presence = self.agents[agent] = AgentPresence()
        return presence

    def set_agent_state(self, agent: str, state: AgentState, sip_uri: str | None) -> bool:
        """Change an agent's state; dialers hear about it only when something changed."""
        presence = self.presence(agent)
        new_uri = sip_uri or presence.sip_uri
        if presence.state == state and presence.sip_uri == new_uri:
            return False
        presence.state = state
        presence.sip_uri = new_uri
        if state in ("ready", "logged_out", "not_ready"):
            presence.handoff_id = None
            presence.handoff_accepted = False
        self.push_dialers(agent, presence)
        return True

    def send_availability_snapshot(self, dialer: str) -> None:
        """Tell a newly connected dialer which agents are ready right now."""
        for agent, presence in sorted(self.agents.items()):
            if presence.state == "ready":
                self.push(dialer, _availability(agent, presence))

    def close_all(self, code: int, reason: str) -> None:
        for conns in list(self._connections.values()):
            for conn in list(conns):
                with contextlib.suppress(Exception):
                    conn.close(code, reason)


def _availability(agent: str, presence: AgentPresence) -> Callable[[int], AgentAvailability]:
    state, sip_uri = presence.state, presence.sip_uri
    return lambda seq: AgentAvailability(seq=seq, agent=agent, state=state, sip_uri=sip_uri)
