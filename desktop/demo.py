"""``acuerdo demo``: the hub, the dialer simulator and the desktop, together on loopback.

The hub and the dialer run as child processes (pjsua2 allows one endpoint per
process, and the desktop's softphone needs its own), the desktop runs here.
With ``--headless`` a scripted agent drives the real, offscreen window and one
line of JSON with the run's figures goes to stdout. This module starts and
stops processes; it must never reach into their internals.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from desktop.cli import DEMO_PASSWORD, data_dir

log = logging.getLogger("acuerdo.demo")

DEMO_AGENT = "ana"
HUB_START_TIMEOUT_S = 180.0  # first start seeds the portfolio
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def run_demo(args: argparse.Namespace) -> int:
    if args.headless:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        root = args.data_dir or Path(tempfile.mkdtemp(prefix="acuerdo-demo-"))
    else:
        root = data_dir(args.data_dir, "demo")
    root.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    hub_url = f"ws://127.0.0.1:{port}"
    logs = (root / "demo-services.log").open("ab")
    children: list[subprocess.Popen[bytes]] = []
    floor: Any = None  # a supervisor's demo: autopilot agents working beside her
    try:
        children.append(_start_hub(root, port, args.debtors, logs))
        _wait_for_port(port, children[0])
        trunk_port = _free_port(socket.SOCK_DGRAM)
        children.append(_start_dialer(hub_url, args, logs, trunk_port))
        # The desk's own calls (callbacks, manual dial) go out through the simulator.
        os.environ.setdefault("ACUERDO_SIP_TRUNK", f"sip:127.0.0.1:{trunk_port}")
        from desktop.supervisor.demo_agents import start_floor

        floor = start_floor(getattr(args, "user", None) or "", hub_url, root, args.locale, logs)
        return _run_desktop(hub_url, root, args)
    finally:
        if floor is not None:
            floor.stop()
        for child in reversed(children):
            _stop(child)
        logs.close()


def _start_hub(root: Path, port: int, debtors: int, logs: IO[bytes]) -> subprocess.Popen[bytes]:
    url = f"sqlite:///{root / 'hub.sqlite'}"
    cmd = ["hub", "--db", url, "--port", str(port), "--seed-demo", str(debtors)]
    return _spawn(cmd, logs)


def _start_dialer(
    hub_url: str, args: argparse.Namespace, logs: IO[bytes], sip_port: int
) -> subprocess.Popen[bytes]:
    pacing = args.pacing if args.pacing is not None else (0.3 if args.headless else 2.0)
    cmd = ["dialer", "--hub", hub_url, "--mode", args.mode, "--pacing", str(pacing)]
    cmd += ["--sip-port", str(sip_port)]
    from desktop.supervisor.demo_agents import FLOOR_USERS

    # A supervisor's floor keeps working for as long as the demo runs: no call limit then.
    if args.headless and (getattr(args, "user", None) or "") not in FLOOR_USERS:
        cmd += ["--calls", str(args.calls)]
    return _spawn(cmd, logs)


def _spawn(cmd: list[str], logs: IO[bytes]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ACUERDO_DIALER_PASSWORD": DEMO_PASSWORD}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "-v", *cmd],
        stdin=subprocess.DEVNULL,
        stdout=logs,
        stderr=logs,
        env=env,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )


def _die_with_parent() -> None:
    """In the child, before exec: get SIGINT (a clean stop) if the demo dies, even by SIGKILL.

    Without it a demo killed from outside leaves its hub and dialer running and
    holding their ports. Called between fork and exec, so it only makes a syscall.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGINT)


def _run_desktop(hub_url: str, root: Path, args: argparse.Namespace) -> int:
    from desktop.app import DesktopOptions, run_desktop

    metrics: dict[str, Any] = {}
    user = getattr(args, "user", None) or DEMO_AGENT
    opts = DesktopOptions(
        hub_url=hub_url,
        user=user,
        password=DEMO_PASSWORD,
        data_dir=root / "desktop",
        locale=args.locale,
        autopilot=args.headless,
        calls=args.calls if args.headless else 0,
        headless=args.headless,
        on_metrics=metrics.update,
        screenshot=args.screenshot,
    )
    if not args.headless:
        return run_desktop(opts)
    with _stdout_reserved_for_result() as result:
        code = run_desktop(opts)
        result.write(json.dumps(metrics, sort_keys=True) + "\n")
    # Only an agent's autopilot reports figures; a team lead's headless run takes a picture.
    return code if metrics or user != DEMO_AGENT else (code or 1)


@contextlib.contextmanager
def _stdout_reserved_for_result() -> Iterator[IO[str]]:
    """Send everything written to fd 1 to stderr, keeping the real stdout for the JSON line.

    pjlib prints its start-up banner on stdout before any log setting applies;
    the headless demo promises one line of JSON there and nothing else.
    """
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        with os.fdopen(os.dup(saved), "w", encoding="utf-8") as result:
            yield result
            result.flush()
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def _free_port(kind: socket.SocketKind = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, hub: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + HUB_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if hub.poll() is not None:
            raise SystemExit(f"the hub exited during start-up (code {hub.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the hub did not start listening within {HUB_START_TIMEOUT_S:.0f} s")


def _stop(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is not None:
        return
    # SIGINT lets asyncio.run unwind: calls are hung up, the database closed.
    child.send_signal(signal.SIGINT if os.name != "nt" else signal.SIGTERM)
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait(timeout=5)
