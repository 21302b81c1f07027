"""The ``acuerdo`` command: one entry point with a subcommand per role of the program.

``acuerdo desktop`` runs the negotiator's app, ``acuerdo hub`` the central
server, ``acuerdo dialer`` the dialer simulator and ``acuerdo demo`` all three
on loopback; ``setup``, ``settings`` and ``diagnostics`` are for the desk's
first run, IT and support, and ``acuerdo --self-test`` proves an install works.
Each subcommand imports only what it needs, so the hub and the dialer never
load Qt. Desk commands log to the rotating, masked file (desktop.common.logs);
the hub and the dialer log to stderr. This module parses arguments and
delegates; it must never hold application logic.
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
from typing import Any

DIAL_MODE_CHOICES = ["predictive", "progressive", "preview"]
DEMO_PASSWORD = "acuerdo-demo"  # published demo credential, seeded by the hub's demo portfolio
DEFAULT_HUB_URL = "ws://127.0.0.1:8765"


DESK_COMMANDS = frozenset({"desktop", "demo", "setup", "settings", "diagnostics"})


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.self_test_sip:
        from desktop.selftest import sip_child

        return sip_child()
    if args.sip_probe:
        from desktop.diagnostics.sip_probe import sip_probe_main

        return sip_probe_main()
    if args.self_test:
        from desktop.selftest import main_self_test

        return main_self_test()
    if args.command is None:
        parser.print_help()
        return 2
    if args.command in DESK_COMMANDS:
        _configure_desk_logging(args.verbose)
    else:
        _configure_logging(args.verbose)
    return int(args.run(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="acuerdo", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    parser.add_argument(
        "--self-test", action="store_true", help="check this install works; one JSON line"
    )
    parser.add_argument("--self-test-sip", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sip-probe", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="hub + dialer simulator + desktop, all on loopback")
    demo.add_argument("--headless", action="store_true", help="offscreen; a scripted agent works")
    demo.add_argument("--calls", type=int, default=5, help="calls for --headless (default 5)")
    demo.add_argument("--debtors", type=int, default=2000, help="portfolio size on first start")
    demo.add_argument("--data-dir", type=Path, default=None, help="where the demo keeps its data")
    demo.add_argument("--locale", default="es_MX", choices=["es_MX", "en_US"])
    demo.add_argument(
        "--user", default="ana", help="demo user to sign in as (roberto: the script editor)"
    )
    demo.add_argument("--mode", default="predictive", choices=DIAL_MODE_CHOICES)
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
    dialer.add_argument("--mode", default="predictive", choices=DIAL_MODE_CHOICES)
    dialer.add_argument("--pacing", type=float, default=1.5, help="seconds after ready")
    dialer.add_argument("--calls", type=int, default=None, help="stop after N calls")
    dialer.add_argument(
        "--sip-port", type=int, default=0, help="SIP port; agents dial out through it (trunk)"
    )
    dialer.set_defaults(run=_run_dialer)

    desk = sub.add_parser("desktop", help="run the negotiator's desktop")
    desk.add_argument("--hub", default=None, help="hub URL (default: settings hub_url)")
    desk.add_argument("--user", default=None)
    desk.add_argument("--locale", default=None, choices=["es_MX", "en_US"])
    desk.add_argument("--sip-port", type=int, default=None)
    desk.add_argument("--data-dir", type=Path, default=None)
    desk.add_argument("--no-wizard", action="store_true", help="skip the first-run wizard")
    _add_set_option(desk)
    desk.set_defaults(run=_run_desktop)

    setup = sub.add_parser("setup", help="first-run wizard: SIP account and audio devices")
    _add_set_option(setup)
    setup.set_defaults(run=_run_setup)

    settings = sub.add_parser("settings", help="the settings dialog, or --show for a table")
    settings.add_argument("--show", action="store_true", help="print values and their source")
    _add_set_option(settings)
    settings.set_defaults(run=_run_settings)

    diagnostics = sub.add_parser("diagnostics", help="checks for IT and support")
    diagnostics.add_argument("--headless", action="store_true", help="print JSON, no window")
    diagnostics.add_argument("--bundle", type=Path, default=None, help="write a support zip")
    _add_set_option(diagnostics)
    diagnostics.set_defaults(run=_run_diagnostics)

    write_policy = sub.add_parser(
        "write-policy", help="installers: write the machine policy from KEY=VALUE properties"
    )
    write_policy.add_argument("--out", type=Path, default=None, help="default: this OS's path")
    write_policy.add_argument("--lock", default="1", help="1 = lock the keys, 0 = presets only")
    write_policy.add_argument("values", nargs="*", metavar="KEY=VALUE")
    write_policy.set_defaults(run=_run_write_policy)
    return parser


def _add_set_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a setting for this run (troubleshooting; beats the policy)",
    )


def _configure_logging(verbosity: int) -> None:
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _configure_desk_logging(verbosity: int) -> None:
    from desktop.common.logs import install_desk_logging

    level = logging.DEBUG if verbosity >= 2 else logging.INFO
    stderr = logging.WARNING if verbosity == 0 else level
    install_desk_logging(level=level, stderr_level=stderr)


def _settings(args: argparse.Namespace) -> Any:
    """The layered settings, or SystemExit(2) with the reason (bad policy, bad --set)."""
    from desktop.settings import PolicyError, SettingValueError, load_settings, parse_overrides

    try:
        settings = load_settings(parse_overrides(getattr(args, "overrides", [])))
    except (PolicyError, SettingValueError, KeyError) as exc:
        print(f"acuerdo: {exc.args[0] if isinstance(exc, KeyError) else exc}", file=sys.stderr)
        raise SystemExit(2) from None
    logging.getLogger().setLevel(settings.text("log_level") if not args.verbose else logging.DEBUG)
    for problem in settings.problems:
        logging.getLogger("acuerdo.settings").warning("%s", problem)
    return settings


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
                sip_port=args.sip_port,
            )
        )
    return 0


def _run_desktop(args: argparse.Namespace) -> int:
    from desktop.app import DesktopOptions, run_desktop

    settings = _settings(args)
    if settings.first_run and not args.no_wizard:
        from desktop.settings.firstrun import run_first_run

        if run_first_run(settings) != 0:
            return 1
    opts = DesktopOptions.from_settings(
        settings,
        hub_url=args.hub,
        locale=args.locale,
        sip_port=args.sip_port,
        user=args.user,
        password=_secret_from_env("ACUERDO_PASSWORD"),
        data_dir=data_dir(args.data_dir, "desktop"),
    )
    return run_desktop(opts)


def _run_setup(args: argparse.Namespace) -> int:
    from desktop.settings.firstrun import run_first_run

    return run_first_run(_settings(args))


def _run_settings(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.show:
        for resolved in settings.visible():
            print(f"{resolved.setting.key:<16} {resolved.value!s:<32} {resolved.layer}")
        return 0
    from desktop.settings.window import run_settings_dialog

    return run_settings_dialog(settings)


def _run_write_policy(args: argparse.Namespace) -> int:
    from desktop.settings import PolicyError, SettingValueError, policy_path
    from desktop.settings.policy_writer import policy_values, write_policy

    try:
        lock = args.lock.strip() not in {"0", "false", "no", ""}
        path = write_policy(args.out or policy_path(), policy_values(args.values), lock)
    except (PolicyError, SettingValueError, KeyError) as exc:
        print(f"acuerdo: {exc.args[0] if isinstance(exc, KeyError) else exc}", file=sys.stderr)
        return 2
    print(f"policy written: {path}")
    return 0


def _run_diagnostics(args: argparse.Namespace) -> int:
    from desktop.diagnostics.cli import run_diagnostics

    return run_diagnostics(_settings(args), headless=args.headless, bundle=args.bundle)


def _run_demo(args: argparse.Namespace) -> int:
    from desktop.demo import run_demo

    return run_demo(args)


if __name__ == "__main__":
    sys.exit(main())
