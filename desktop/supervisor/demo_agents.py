"""The supervisor demo's floor: headless autopilot agent desks as child processes.

``acuerdo demo --user carmen`` signs a supervisor in; a floor needs agents working beside
her. ``AgentFleet`` starts one child per demo agent, each the real desktop with the
autopilot on an offscreen window (``python -m desktop.supervisor.demo_agents``), taking
the dialer's calls through its own softphone, so the floor changes live and its calls can
be listened to. Each agent stays on a call for a talk time (``--talk-s``, DEMO_TALK_S by
default) so the supervisor has time to listen, coach or join by hand. A child that ends (the
autopilot's run is bounded) is started again. This
module starts and stops processes; it must never reach into the agents' desks.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

log = logging.getLogger("acuerdo.demo")

# Demo users (sync.hub.seed) who get the floor instead of a workspace.
FLOOR_USERS = frozenset({"carmen", "admin"})
DEMO_AGENTS: tuple[str, ...] = ("ana", "luis", "sofia", "diego")
CALLS_PER_RUN = 1_000
# Long enough to find a call on the board and listen in; short enough that the floor moves.
DEMO_TALK_S = (20.0, 45.0)
RESPAWN_CHECK_S = 2.0


class AgentFleet:
    def __init__(
        self, hub_url: str, root: Path, locale: str, logs: IO[bytes], agents: tuple[str, ...]
    ) -> None:
        self._hub_url, self._root, self._locale, self._logs = hub_url, root, locale, logs
        self._agents = agents
        self._children: dict[str, subprocess.Popen[bytes]] = {}
        self._stopping = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="demo-agents", daemon=True)

    def start(self) -> None:
        for agent in self._agents:
            self._children[agent] = self._spawn(agent)
        self._watcher.start()
        log.info("demo floor: %d autopilot agents started", len(self._agents))

    def stop(self) -> None:
        from desktop.demo import _stop

        self._stopping.set()
        if self._watcher.is_alive():
            self._watcher.join(timeout=RESPAWN_CHECK_S * 2)
        for child in self._children.values():
            _stop(child)

    def _watch(self) -> None:
        while not self._stopping.wait(RESPAWN_CHECK_S):
            for agent, child in list(self._children.items()):
                if child.poll() is not None and not self._stopping.is_set():
                    log.info("demo agent %s ended (%s); starting it again", agent, child.returncode)
                    self._children[agent] = self._spawn(agent)

    def _spawn(self, agent: str) -> subprocess.Popen[bytes]:
        from desktop.demo import _die_with_parent

        cmd = [sys.executable, "-m", "desktop.supervisor.demo_agents", "--hub", self._hub_url]
        cmd += ["--user", agent, "--locale", self._locale]
        cmd += ["--data-dir", str(self._root / "agents" / agent)]
        cmd += ["--talk-s", "{}-{}".format(*DEMO_TALK_S)]
        return subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=self._logs,
            stderr=self._logs,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )


def start_floor(
    user: str, hub_url: str, root: Path, locale: str, logs: IO[bytes]
) -> AgentFleet | None:
    """Agents for a supervisor's demo (None for anyone else: they are the agent)."""
    if user not in FLOOR_USERS:
        return None
    fleet = AgentFleet(hub_url, root, locale, logs, DEMO_AGENTS)
    fleet.start()
    return fleet


def main(argv: list[str] | None = None) -> int:
    """One headless autopilot agent desk against ``--hub`` (the demo's child process)."""
    from desktop.app import DesktopOptions, run_desktop
    from desktop.cli import DEMO_PASSWORD

    parser = argparse.ArgumentParser(prog="demo-agent")
    parser.add_argument("--hub", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--locale", default="es_MX")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument(
        "--talk-s", type=talk_range, default=DEMO_TALK_S, help="seconds on each call: LOW-HIGH"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.data_dir.mkdir(parents=True, exist_ok=True)
    opts = DesktopOptions(
        hub_url=args.hub,
        user=args.user,
        password=DEMO_PASSWORD,
        data_dir=args.data_dir,
        locale=args.locale,
        autopilot=True,
        headless=True,
        calls=CALLS_PER_RUN,
        talk_s=args.talk_s,
    )
    return run_desktop(opts)


def talk_range(text: str) -> tuple[float, float]:
    """``"20-45"`` (or ``"30"``) as (low, high) seconds; argparse reports a bad one."""
    low, _, high = text.partition("-")
    try:
        pair = (float(low), float(high or low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LOW-HIGH seconds, got {text!r}") from None
    if not 0 <= pair[0] <= pair[1]:
        raise argparse.ArgumentTypeError(f"expected 0 <= LOW <= HIGH, got {text!r}")
    return pair


if __name__ == "__main__":
    sys.exit(main())
