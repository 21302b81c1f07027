"""The ``acuerdo`` command: one entry point with a subcommand per role of the program.

``acuerdo desktop`` runs the negotiator's app, ``acuerdo hub`` the central
server, ``acuerdo dialer`` the dialer simulator and ``acuerdo demo`` all three
on loopback. Each subcommand imports only what it needs, so the hub and the
dialer never load Qt. This module parses arguments and delegates; it must
never hold application logic.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

DEMO_PASSWORD = "acuerdo-demo"  # published demo credential, seeded by the hub's demo portfolio
DEFAULT_HUB_URL = "ws://127.0.0.1:8765"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    if args.command is None:
        parser.print_help()
        return 2
    return int(args.run(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="acuerdo", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="hub + dialer simulator + desktop, all on loopback")
    demo.add_argument("--headless", action="store_true", help="offscreen; a scripted agent works")
    demo.add_argument("--calls", type=int, default=5, help="calls for --headless (default 5)")
    demo.add_argument("--debtors", type=int, default=2000, help="portfolio size on first start")
    demo.add_argument("--data-dir", type=Path, default=None, help="where the demo keeps its data")
    demo.add_argument("--locale", default="es_MX", choices=["es_MX", "en_US"])
    demo.add_argument("--mode", default="predictive", choices=["predictive", "progressive"])
    demo.add_argument("--pacing", type=float, default=None, help="seconds between calls")
    demo.add_argument(
        "--screenshot", type=Path, default=None, help="--headless: save the first call's screen"
    )
    demo.set_defaults(run=_run_demo)

    hub = sub.add_parser("hub", help="run the central hub")
    hub.add_argument("--db", default=None, help="SQLAlchemy URL (default: SQLite in data dir)")
    hub.add_argument("--host", default="127.0.0.1")
    hub.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    hub.add_argument("--seed-demo", type=int, default=None, metavar="N", help="seed N debtors")
    hub.set_defaults(run=_run_hub)

    dialer = sub.add_parser("dialer", help="run the dialer simulator against a hub")
    dialer.add_argument("--hub", default=DEFAULT_HUB_URL)
    dialer.add_argument("--user", default="dialer")
    dialer.add_argument("--campaign", default="temprana")
    dialer.add_argument("--mode", default="predictive", choices=["predictive", "progressive"])
    dialer.add_argument("--pacing", type=float, default=1.5, help="seconds after ready")
    dialer.add_argument("--calls", type=int, default=None, help="stop after N calls")
    dialer.set_defaults(run=_run_dialer)

    desk = sub.add_parser("desktop", help="run the negotiator's desktop")
    desk.add_argument("--hub", default=DEFAULT_HUB_URL)
    desk.add_argument("--user", default=None)
    desk.add_argument("--locale", default="es_MX", choices=["es_MX", "en_US"])
    desk.add_argument("--sip-port", type=int, default=0)
    desk.add_argument("--data-dir", type=Path, default=None)
    desk.set_defaults(run=_run_desktop)
    return parser


def _configure_logging(verbosity: int) -> None:
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def data_dir(explicit: Path | None = None, *parts: str) -> Path:
    import platformdirs

    base = explicit or Path(platformdirs.user_data_dir("acuerdo", appauthor=False))
    path = base.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _secret_from_env(name: str) -> str | None:
    # Troubleshooting and service accounts: secrets may come from the environment,
    # never from a command-line argument (visible to every user in `ps`).
    return os.environ.get(name) or None


def _run_hub(args: argparse.Namespace) -> int:
    from sync.hub.server import run_hub

    url = args.db or f"sqlite:///{data_dir(None, 'hub') / 'hub.sqlite'}"
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_hub(url, args.host, args.port, args.seed_demo))
    return 0


def _run_dialer(args: argparse.Namespace) -> int:
    from sync.dialer.cli import run_dialer

    password = _secret_from_env("ACUERDO_DIALER_PASSWORD") or DEMO_PASSWORD
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            run_dialer(
                hub_url=args.hub,
                password=password,
                campaign=args.campaign,
                mode=args.mode,
                pacing_s=args.pacing,
                max_calls=args.calls,
            )
        )
    return 0


def _run_desktop(args: argparse.Namespace) -> int:
    from desktop.app import DesktopOptions, run_desktop

    opts = DesktopOptions(
        hub_url=args.hub,
        user=args.user,
        password=_secret_from_env("ACUERDO_PASSWORD"),
        data_dir=data_dir(args.data_dir, "desktop"),
        locale=args.locale,
        sip_port=args.sip_port,
    )
    return run_desktop(opts)


def _run_demo(args: argparse.Namespace) -> int:
    from desktop.demo import run_demo

    return run_demo(args)


if __name__ == "__main__":
    sys.exit(main())
