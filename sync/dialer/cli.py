"""Entry points the main `acuerdo` command calls to run the bundled dialer simulator.

`run_dialer` is the coroutine (for a caller that already runs an event loop, such as the demo
launcher); `dialer_main` wraps it for a plain command: it runs the loop, turns configuration and
login problems into one clear line on stderr and an exit code, and never shows a traceback for
them. Argument parsing belongs to the main CLI, never here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from pathlib import Path

from softphone.model import SoftphoneError
from sync.dialer.simulator import DEFAULT_VOICE_WAV, DialerSimulator, HubRefusedLogin
from sync.protocol import DialMode

log = logging.getLogger("acuerdo.dialer")

EXIT_OK = 0
EXIT_CONFIG = 2  # bad option, missing voice file, SIP port unavailable
EXIT_AUTH = 3  # the hub refused the dialer's credentials


async def run_dialer(
    hub_url: str,
    password: str,
    campaign: str = "temprana",
    mode: DialMode = "predictive",
    pacing_s: float = 1.5,
    max_calls: int | None = None,
    *,
    user: str = "dialer",
    talk_time_s: tuple[float, float] | None = None,
    voice_wav: Path = DEFAULT_VOICE_WAV,
    sip_port: int = 0,
) -> None:
    """Dial until cancelled; with `max_calls`, return once that many calls were placed and ended.

    Raises ValueError for bad options, `HubRefusedLogin` for refused credentials and
    `SoftphoneError` when the SIP endpoint cannot start.
    """
    simulator = DialerSimulator(
        hub_url,
        user=user,
        password=password,
        campaign=campaign,
        mode=mode,
        pacing_s=pacing_s,
        max_calls=max_calls,
        talk_time_s=talk_time_s,
        voice_wav=voice_wav,
        sip_port=sip_port,
    )
    running = asyncio.create_task(simulator.run(), name="dialer")
    finished = asyncio.create_task(simulator.wait_finished(), name="dialer-finished")
    try:
        await asyncio.wait({running, finished}, return_when=asyncio.FIRST_COMPLETED)
        if running.done():
            running.result()  # re-raise why the dialer stopped by itself
    finally:
        finished.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await finished
        await simulator.stop()
        stats = simulator.stats
        log.info(
            "dialer summary: %d placed, %d answered, %d unanswered, %d refused",
            stats.calls_placed,
            stats.calls_answered,
            stats.calls_unanswered,
            stats.handoffs_refused,
        )


def dialer_main(
    hub_url: str,
    password: str,
    campaign: str = "temprana",
    mode: DialMode = "predictive",
    pacing_s: float = 1.5,
    max_calls: int | None = None,
    *,
    user: str = "dialer",
    talk_time_s: tuple[float, float] | None = None,
    sip_port: int = 0,
) -> int:
    """Run the simulator in its own event loop; returns a process exit code."""
    try:
        asyncio.run(
            run_dialer(
                hub_url,
                password,
                campaign,
                mode,
                pacing_s,
                max_calls,
                user=user,
                talk_time_s=talk_time_s,
                sip_port=sip_port,
            )
        )
    except KeyboardInterrupt:
        return EXIT_OK
    except (ValueError, SoftphoneError) as exc:
        print(f"acuerdo dialer: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except HubRefusedLogin as exc:
        print(f"acuerdo dialer: {exc}", file=sys.stderr)
        return EXIT_AUTH
    return EXIT_OK
