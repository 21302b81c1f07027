"""sipp as the agent's softphone, and a helper to run the dialer simulator, for dialer tests."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from sync.dialer.simulator import DialerSimulator, HubRefusedLogin

SCENARIOS = Path(__file__).parent / "scenarios"


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class AgentPhone:
    """A sipp UAS acting as the agent's softphone for exactly one call."""

    process: asyncio.subprocess.Process
    sip_uri: str

    async def exit_code(self, timeout: float = 20.0) -> tuple[int, str]:
        stdout, _ = await asyncio.wait_for(self.process.communicate(), timeout)
        return self.process.returncode or 0, stdout.decode(errors="replace")


@contextlib.asynccontextmanager
async def agent_phone(
    scenario: str, *variables: tuple[str, str], log_file: Path | None = None
) -> AsyncIterator[AgentPhone]:
    port = free_udp_port()
    args = ["-sf", str(SCENARIOS / scenario), "-i", "127.0.0.1", "-p", str(port)]
    args += ["-mi", "127.0.0.1", "-mp", str(free_udp_port()), "-m", "1", "-nostdin"]
    args += ["-timeout", "25s", "-timeout_error"]
    if log_file is not None:  # the scenario's <log> lines (what the INVITE carried)
        args += ["-trace_logs", "-log_file", str(log_file)]
    for name, value in variables:
        args += ["-set", name, value]
    process = await asyncio.create_subprocess_exec(
        "sipp", *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    try:
        yield AgentPhone(process, f"sip:ana@127.0.0.1:{port}")
    finally:
        if process.returncode is None:
            process.kill()
            await process.communicate()


@contextlib.asynccontextmanager
async def running(simulator: DialerSimulator) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(simulator.run())
    try:
        yield task
    finally:
        await simulator.stop()
        with contextlib.suppress(asyncio.CancelledError, HubRefusedLogin):
            await task
