"""Importing a company's portfolio (debtors, accounts, contact points, history) from CSV.

Debtors are matched across files by the company's ``debtor_ref``. Every row is
checked (see ``portfolio_rows``); good rows go in by batches, one transaction
per batch, and every rejected row is kept with its file, line number and
reason for the report. A ``debtor_ref`` already in the database is rejected,
never overwritten. Synchronous (a command-line job, not part of the hub's
event loop). It must never log row contents, and never leave a child row
without its debtor.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from .models import Account, ContactPoint, Debtor, HistoryEventRow
from .portfolio_rows import OPTIONAL, REQUIRED, FileError, Rejected, Row, RowError, parse, read_rows

log = logging.getLogger("acuerdo.hub.import")

BATCH = 1000
KINDS = ("debtors", "accounts", "contact_points", "history")


@dataclass
class FileCounts:
    read: int = 0
    imported: int = 0
    rejected: int = 0


@dataclass
class ImportReport:
    counts: dict[str, FileCounts] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)

    def reject(self, kind: str, row: Row, reason: str) -> None:
        self.counts[kind].rejected += 1
        self.rejected.append(Rejected(kind, row.line, reason, row.values))

    def summary(self) -> str:
        lines = [
            f"{kind}: {c.read} read, {c.imported} imported, {c.rejected} rejected"
            for kind, c in self.counts.items()
        ]
        return "\n".join(lines)

    def write_rejected(self, folder: Path) -> list[Path]:
        """One ``rejected_<file>.csv`` per file with rejections: line, reason, then the row."""
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for kind in KINDS:
            mine = [r for r in self.rejected if r.file == kind]
            if not mine:
                continue
            path = folder / f"rejected_{kind}.csv"
            columns = [*REQUIRED[kind], *OPTIONAL[kind]]
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["line", "reason", *columns])
                for r in mine:
                    writer.writerow([r.line, r.reason, *(r.values.get(c, "") for c in columns)])
            written.append(path)
        return written


def import_portfolio(
    sessions: sessionmaker[Session], files: dict[str, Path], batch: int = BATCH
) -> ImportReport:
    """Import the given files (keys from ``KINDS``); debtors first, so children find them."""
    unknown = set(files) - set(KINDS)
    if unknown:
        raise FileError(f"unknown file kind(s): {', '.join(sorted(unknown))}")
    report = ImportReport()
    for kind in KINDS:
        if kind not in files:
            continue
        report.counts[kind] = FileCounts()
        try:
            with files[kind].open(newline="", encoding="utf-8-sig") as handle:
                for rows in _batches(read_rows(kind, handle), batch):
                    report.counts[kind].read += len(rows)
                    _import_batch(sessions, kind, rows, report)
        except OSError as exc:
            raise FileError(f"{kind}: cannot read {files[kind]}: {exc.strerror}") from exc
        counts = report.counts[kind]
        log.info("%s: %d imported, %d rejected", kind, counts.imported, counts.rejected)
    return report


def _batches(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _import_batch(
    sessions: sessionmaker[Session], kind: str, rows: Sequence[Row], report: ImportReport
) -> None:
    good: list[tuple[Row, dict[str, Any]]] = []
    for row in rows:
        try:
            good.append((row, parse(kind, row)))
        except RowError as exc:
            report.reject(kind, row, str(exc))
    with sessions.begin() as session:
        if kind == "debtors":
            accepted = _debtors(session, good, report)
        else:
            accepted = _children(session, kind, good, report)
        if accepted:
            model = {
                "debtors": Debtor, "accounts": Account,
                "contact_points": ContactPoint, "history": HistoryEventRow,
            }[kind]  # fmt: skip
            session.execute(insert(model), accepted)
    report.counts[kind].imported += len(accepted)


def _debtors(
    session: Session, good: list[tuple[Row, dict[str, Any]]], report: ImportReport
) -> list[dict[str, Any]]:
    refs = [values["external_ref"] for _, values in good]
    taken = set(session.scalars(select(Debtor.external_ref).where(Debtor.external_ref.in_(refs))))
    accepted = []
    for row, values in good:
        ref = values["external_ref"]
        if ref in taken:
            report.reject("debtors", row, f"debtor_ref {ref!r} is already imported")
            continue
        taken.add(ref)  # a repeat later in the same file is rejected too
        accepted.append(values)
    return accepted


def _children(
    session: Session, kind: str, good: list[tuple[Row, dict[str, Any]]], report: ImportReport
) -> list[dict[str, Any]]:
    refs = {row.values["debtor_ref"] for row, _ in good}
    found_ids = session.execute(
        select(Debtor.external_ref, Debtor.id).where(Debtor.external_ref.in_(refs))
    )
    debtor_ids = {ref: debtor_id for ref, debtor_id in found_ids}
    accounts: dict[tuple[int, str], int] = {}
    if kind == "history":
        found = session.execute(
            select(Account.debtor_id, Account.number_masked, Account.id).where(
                Account.debtor_id.in_(list(debtor_ids.values()))
            )
        )
        accounts = {(debtor_id, number): account_id for debtor_id, number, account_id in found}
    accepted = []
    for row, values in good:
        debtor_id = debtor_ids.get(row.values["debtor_ref"])
        if debtor_id is None:
            report.reject(kind, row, f"debtor_ref {row.values['debtor_ref'][:64]!r} is unknown")
            continue
        values = {**values, "debtor_id": debtor_id}
        number = row.values.get("account_number", "")
        if kind == "history":
            values["account_id"] = accounts.get((debtor_id, number)) if number else None
            if number and values["account_id"] is None:
                report.reject(kind, row, "account_number is not an account of this debtor")
                continue
        accepted.append(values)
    return accepted
