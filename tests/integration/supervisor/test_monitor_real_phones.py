"""Listen, coach, join and leave from the supervisor's desk with real phones and a real hub.

The supervisor's softphone and desk run here; the agent's softphone (grant key from the hub's
secret) and the customer's run in child processes, because pjsua2 allows one endpoint per
process. The hub signs each grant for the agent's phone, which answers the monitor leg and
rewires its conference bridge per mode (reported back as MonitorInfo lines). Which tones each
party hears is tests/integration/softphone/test_monitor_audio.py's job.
"""

from __future__ import annotations

import asyncio
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.adapters.phone_signals import PhonePump, PhoneSignals
from desktop.supervisor.desk import SupervisorDesk
from softphone import Phone, PhoneConfig
from sync.protocol import CreateHandoff, HandoffCreated
from tests.integration.hub.conftest import connect_peer
from tests.integration.softphone.monitor_support import CUSTOMER_HZ, Party

from .conftest import Floor, until

pytestmark = pytest.mark.sip
ROOT = Path(__file__).resolve().parents[3]


class AgentPhone:
    """The agent's softphone in a child process; its lines arrive on a queue."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.supervisor.agent_process"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())

    def _drain(self) -> None:
        while not self.lines.empty():
            self.seen.append(self.lines.get_nowait())

    def said(self, line: str) -> bool:
        self._drain()
        return line in self.seen

    def uri(self) -> str:
        self._drain()
        found = [s for s in self.seen if s.startswith("READY ")]
        return found[0].split(" ", 1)[1] if found else ""

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


@pytest.fixture
def agent_phone() -> Iterator[AgentPhone]:
    phone = AgentPhone()
    yield phone
    phone.close()


@pytest.fixture
def customer(tmp_path: Path) -> Iterator[Party]:
    party = Party("customer", CUSTOMER_HZ, tmp_path)
    yield party
    party.close()


@pytest.mark.asyncio
async def test_listen_coach_join_and_leave_on_a_live_call(
    floor: Floor, agent_phone: AgentPhone, customer: Party
) -> None:
    signals = PhoneSignals()
    phone = Phone(PhoneConfig(user="carmen", display_name="Carmen Díaz"), signals)
    phone.start()
    pump = PhonePump(phone)
    pump.start()
    desk = SupervisorDesk(floor.client.request, phone, "Carmen Díaz", "en_US")
    signals.call_changed.connect(desk.on_call_changed)
    dialer, _ = await connect_peer(floor.hub, "dialer")
    try:
        assert await until(lambda: bool(agent_phone.uri()), 20), "the agent's phone never started"
        ana, _ = await floor.sign_in("ana")
        await ana.set_state("ready", sip_uri=agent_phone.uri())
        await floor.wait_row("ana", lambda e: e.state == "ready")
        created = await dialer.request(CreateHandoff(agent="ana", campaign="temprana", ref="h"))
        assert isinstance(created, HandoffCreated), created
        customer.send(f"CALL {agent_phone.uri()} {created.handoff_id}")
        got: dict[str, str] = {}

        def customer_said(prefix: str) -> bool:
            line = customer.has(prefix)
            if line is not None:
                got[prefix] = line
            return prefix in got

        assert await until(lambda: customer_said("CALL"), 20)
        customer_call = got["CALL"]
        assert await until(lambda: customer_said("STATE"), 20)
        await floor.wait_row("ana", lambda e: e.state == "on_call")
        desk.model.apply_snapshot(0, floor.desk.model.entries())
        await asyncio.sleep(0.5)  # the customer's call is confirmed on the agent's phone

        desk.floor.agent_activated.emit("ana")  # Enter on the row
        assert await until(lambda: desk.monitor.heard_at is not None, 15), desk.monitor.state
        assert await until(lambda: agent_phone.said("MONITOR listen"), 10), agent_phone.seen
        assert desk.monitor.clicked_at is not None
        desk.window.actions_by_name["coach"].trigger()
        assert await until(lambda: agent_phone.said("MONITOR coach"), 10), (
            [s for s in agent_phone.seen if "pjlib" not in s][-8:],
            desk.window.notice.text(),
            desk.monitor.state,
        )
        desk.window.actions_by_name["join"].trigger()
        assert await until(lambda: agent_phone.said("MONITOR join"), 10), agent_phone.seen
        assert desk.monitor.mode == "join" and desk.monitor.state == "live"

        desk.window.actions_by_name["leave"].trigger()
        assert await until(lambda: agent_phone.said("MONITOR None"), 10), agent_phone.seen
        assert desk.monitor.state == "idle"

        # Listening again, then the customer hangs up: the session ends by itself.
        agent_phone.seen.clear()
        assert desk.floor.select_agent("ana")
        desk.window.actions_by_name["listen"].trigger()
        assert await until(lambda: agent_phone.said("MONITOR listen"), 10), agent_phone.seen
        customer.send(f"HANGUP {customer_call}")
        assert await until(lambda: desk.monitor.state == "idle", 15), desk.monitor.state
        assert desk.window.notice.text() == "The monitored call ended."
    finally:
        await desk.stop()
        await dialer.ws.close()
        pump.stop()
        phone.stop()
