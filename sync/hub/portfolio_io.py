"""Command line for moving a portfolio in and promises and wrap-ups out of the hub's database.

``python -m sync.hub.portfolio_io import --db URL --debtors d.csv ...`` imports
CSV files and prints a report (rejected rows go to ``rejected_<file>.csv`` in
the report folder); ``export`` writes promises or wrap-ups since a date as
CSV; ``feed`` prints the change feed after a cursor as JSON lines. The
database is migrated to the newest schema first. Bad input (missing file,
wrong columns, bad date) ends with a clear message and exit status 2, never
a traceback. It must never print or log a debtor's personal data except into
the files the operator asked for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from sqlalchemy.exc import SQLAlchemyError

from .db import make_engine, migrate, session_factory
from .portfolio_export import MAX_FEED, change_feed, export_csv
from .portfolio_import import import_portfolio
from .portfolio_rows import FileError

USAGE_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sync.hub.portfolio_io")
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help="import debtors, accounts, contacts and history")
    imp.add_argument("--db", required=True, help="the hub's database URL")
    for kind in ("debtors", "accounts", "contact-points", "history"):
        imp.add_argument(f"--{kind}", type=Path, help=f"CSV file of {kind.replace('-', ' ')}")
    imp.add_argument("--report-dir", type=Path, default=Path("."), help="for rejected rows")
    exp = commands.add_parser("export", help="promises or wrap-ups since a date, as CSV")
    exp.add_argument("--db", required=True)
    exp.add_argument("what", choices=("promises", "wrapups"))
    exp.add_argument("--since", required=True, type=_date, help="YYYY-MM-DD (UTC)")
    exp.add_argument("--out", type=Path, help="output file (default: standard output)")
    feed = commands.add_parser("feed", help="promises and wrap-ups after a cursor, JSON lines")
    feed.add_argument("--db", required=True)
    feed.add_argument("--after", type=int, default=0, help="the last cursor you processed")
    feed.add_argument("--limit", type=int, default=MAX_FEED)
    feed.add_argument(
        "--settle-s", type=float, help="hold back entries younger than this (PostgreSQL: 5)"
    )
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-01-31: {text!r}") from None


def main(argv: Sequence[str] | None = None, out: IO[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed why; a caller gets the status
        return int(exc.code or 0)
    out = out or sys.stdout
    try:
        migrate(args.db)
        engine = make_engine(args.db)
    except (SQLAlchemyError, ValueError) as exc:
        print(f"error: cannot open the database: {type(exc).__name__}", file=sys.stderr)
        return USAGE_ERROR
    sessions = session_factory(engine)
    try:
        if args.command == "import":
            files = {
                kind: path
                for kind, path in (
                    ("debtors", args.debtors),
                    ("accounts", args.accounts),
                    ("contact_points", args.contact_points),
                    ("history", args.history),
                )
                if path is not None
            }
            if not files:
                print("error: give at least one of --debtors, --accounts, ...", file=sys.stderr)
                return USAGE_ERROR
            report = import_portfolio(sessions, files)
            print(report.summary(), file=out)
            for path in report.write_rejected(args.report_dir):
                print(f"rejected rows: {path}", file=out)
        elif args.command == "export":
            with sessions() as session:
                if args.out is None:
                    export_csv(session, args.what, args.since, out)
                else:
                    with args.out.open("w", newline="", encoding="utf-8") as handle:
                        count = export_csv(session, args.what, args.since, handle)
                    print(f"{count} {args.what} written to {args.out}", file=out)
        else:
            with sessions() as session:
                for entry in change_feed(session, args.after, args.limit, args.settle_s):
                    print(json.dumps(entry, ensure_ascii=False), file=out)
    except (FileError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
