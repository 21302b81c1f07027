"""Drafts on disk and JSON import/export for the script editor.

A draft is the team lead's unpublished work, saved as ``<script id>.json`` in
a local folder (the app passes one under its data directory). Import reads
any script file with the engine's own limits and shape checks; export writes
the document as the file format. This module must never publish anything and
never write outside the folder or path it is given.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from scripts_engine import ScriptError
from scripts_engine.loading import MAX_SCRIPT_BYTES

_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def read_document(path: Path) -> dict[str, Any]:
    """A script document from a file; ScriptError with a plain reason if it cannot be one."""
    try:
        if path.stat().st_size > MAX_SCRIPT_BYTES:
            raise ScriptError(f"{path.name} is larger than {MAX_SCRIPT_BYTES} bytes")
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScriptError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    except (ValueError, RecursionError) as exc:
        raise ScriptError(f"{path.name} is not a valid JSON document: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), dict):
        raise ScriptError(f"{path.name} is not a script (no 'nodes' object)")
    return document


def write_document(path: Path, document: dict[str, Any]) -> None:
    """Write atomically: a crash mid-save never leaves half a script behind."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".draft-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class DraftFolder:
    """The folder of a team lead's drafts, one file per script id."""

    def __init__(self, folder: Path):
        self.folder = folder

    def path_for(self, script_id: str) -> Path:
        name = _SAFE_NAME.sub("_", script_id).strip("._") or "script"
        return self.folder / f"{name}.json"

    def save(self, document: dict[str, Any]) -> Path:
        path = self.path_for(str(document.get("id") or "script"))
        write_document(path, document)
        return path

    def load(self, script_id: str) -> dict[str, Any]:
        return read_document(self.path_for(script_id))

    def saved_ids(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json"))
