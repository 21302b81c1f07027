"""A hub in its own OS process (``run_hub`` on a free loopback port), for tests that kill one.

``hub_process`` starts it and always reaps it (SIGKILL when still running);
``wait_listening`` waits until it accepts connections. Options are passed to
``run_hub`` (e.g. shrunk process heartbeat and timeout). It must never leave a
process running after the test.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from .postgres import free_port


@contextmanager
def hub_process(url: str, **options: float) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = free_port()
    extra = "".join(f", {name}={value!r}" for name, value in options.items())
    code = (
        "import asyncio, sys\n"
        "from sync.hub.server import run_hub\n"
        f"asyncio.run(run_hub(sys.argv[1], '127.0.0.1', int(sys.argv[2]){extra}))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, url, str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process, port
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


async def wait_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    async with asyncio.timeout(30):
        while True:
            assert process.poll() is None, "the hub process exited"
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.1)
                continue
            writer.close()
            await writer.wait_closed()
            return
