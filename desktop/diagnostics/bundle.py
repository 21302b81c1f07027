"""The support bundle: recent logs (masked), settings without secrets, diagnostics, versions.

One zip that an agent or IT attaches to a ticket. Every log line passes through the same
`DebtorDataMask` the live logs use, so a line written before masking existed (or by a
library) still leaves the desk without a debtor's name, phone, e-mail or amount. This module
must never add a secret (settings come from `Settings.export`, which has none) nor an
unmasked line, and never leave a half-written zip behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from desktop.common import logs
from desktop.common.logs import DebtorDataMask
from desktop.diagnostics.checks import CheckResult, versions
from desktop.settings.layered import Settings

MAX_LOG_BYTES = 5 * 1024 * 1024  # per file: the newest part is what support reads


def masked_lines(lines: Iterable[str], mask: DebtorDataMask) -> str:
    return "".join(mask.mask(line.rstrip("\n")) + "\n" for line in lines)


def _tail_of(path: Path) -> list[str]:
    with path.open("rb") as source:
        source.seek(max(0, path.stat().st_size - MAX_LOG_BYTES))
        return source.read().decode("utf-8", errors="replace").splitlines()


def write_support_bundle(
    target: Path,
    settings: Settings,
    results: Sequence[CheckResult],
    versions: dict[str, str],
    log_files: Sequence[Path] = (),
    tail: Sequence[str] = (),
    mask: DebtorDataMask | None = None,
) -> Path:
    """Write the zip atomically (temp name, then rename) and return its path."""
    mask = mask or DebtorDataMask()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    manifest: dict[str, Any] = {
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "policy_file": str(settings.policy.path) if settings.policy.path else None,
        "settings_problems": list(settings.problems),
    }
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("manifest.json", _json(manifest))
            bundle.writestr("settings.json", _json(settings.export()))
            bundle.writestr("diagnostics.json", _json([r.as_dict() for r in results]))
            bundle.writestr("versions.json", _json(versions))
            if tail:
                bundle.writestr("logs/tail.log", masked_lines(tail, mask))
            for path in log_files:
                try:
                    lines = _tail_of(path)
                except OSError:
                    continue  # rotated away while we read: the others still go
                bundle.writestr(f"logs/{path.name}", masked_lines(lines, mask))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def export_support_bundle(target: Path, settings: Settings, results: Sequence[CheckResult]) -> Path:
    """The bundle of this running desk: its log files, its tail and its mask (names it saw)."""
    running = logs.current()
    folder = running.file.parent if running and running.file else None
    return write_support_bundle(
        target,
        settings,
        results,
        versions(),
        log_files=logs.recent_log_files(folder),
        tail=running.tail.lines() if running else (),
        mask=running.mask if running else None,
    )


def _json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n"
