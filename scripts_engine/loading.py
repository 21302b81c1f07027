"""Read and write script documents, and find the scripts bundled with the app.

``load_script`` accepts a path, JSON text or an already-decoded mapping, decodes
it into the immutable model and, unless told otherwise, refuses a script with
validation errors so a broken script never reaches a live call. This is the
only module that touches files, and it only reads or writes script documents.
"""

from __future__ import annotations

import importlib.resources
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from .errors import ScriptError
from .model import FORMAT_VERSION, MAX_NODES, Script, script_from_mapping
from .validation import validate

log = logging.getLogger("acuerdo.scripts")

MAX_SCRIPT_BYTES = 5 * 1024 * 1024


def bundled_scripts_dir() -> Path:
    """The folder of scripts shipped with the app (``resources/scripts``)."""
    try:
        return Path(str(importlib.resources.files("resources") / "scripts"))
    except NotADirectoryError:
        # setuptools' editable finder can expose ``resources`` as a namespace whose
        # path includes a non-directory hook entry; importlib.resources rejects that.
        import resources

        for entry in resources.__path__:
            candidate = Path(entry) / "scripts"
            if candidate.is_dir():
                return candidate
        raise


def bundled_scripts() -> tuple[Script, ...]:
    """Every bundled script, loaded and checked, sorted by id."""
    folder = bundled_scripts_dir()
    return tuple(sorted((load_script(p) for p in folder.glob("*.json")), key=lambda s: s.id))


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_SCRIPT_BYTES:
            raise ScriptError(f"{path.name} is larger than {MAX_SCRIPT_BYTES} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise ScriptError(f"cannot read {path}: {exc.strerror or exc}") from None


def _decode(raw: bytes | str) -> Any:
    if len(raw) > MAX_SCRIPT_BYTES:
        raise ScriptError(f"the document is larger than {MAX_SCRIPT_BYTES} bytes")
    try:
        return msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        raise ScriptError(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise ScriptError("the document is nested too deeply to be a script") from None


def _from_json(raw: bytes | str) -> Script:
    """Decode straight into the model (fast); on any doubt take the slow path for its errors."""
    if len(raw) > MAX_SCRIPT_BYTES:
        raise ScriptError(f"the document is larger than {MAX_SCRIPT_BYTES} bytes")
    try:
        script = msgspec.json.decode(raw, type=Script)
    except (msgspec.DecodeError, RecursionError):
        # The mapping path re-checks everything and names the node and field at fault.
        return script_from_mapping(_decode(raw))
    if (
        script.format != FORMAT_VERSION
        or script.start not in script.nodes
        or len(script.nodes) > MAX_NODES
        or any(not node_id or node_id.startswith("$") for node_id in script.nodes)
    ):
        return script_from_mapping(_decode(raw))
    return script


def load_script(source: str | bytes | Path | Mapping[str, Any], *, check: bool = True) -> Script:
    """Load a script from a path, JSON text/bytes or a mapping.

    A ``str`` that starts with ``{`` is JSON text; any other ``str`` is a path.
    With ``check`` (the default) a script with validation errors is refused
    with a ScriptError listing them; the script editor passes ``check=False``
    to open a draft and show the problems instead.
    """
    if isinstance(source, Path):
        script = _from_json(_read(source))
    elif isinstance(source, bytes):
        script = _from_json(source)
    elif isinstance(source, str):
        raw = source if source.lstrip().startswith("{") else _read(Path(source))
        script = _from_json(raw)
    elif isinstance(source, Mapping):
        script = script_from_mapping(source)
    else:
        raise ScriptError(f"cannot load a script from {type(source).__name__}")
    if check:
        errors = [p for p in validate(script) if p.severity == "error"]
        if errors:
            listed = "; ".join(str(p) for p in errors[:10])
            more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
            raise ScriptError(f"script {script.id!r} has {len(errors)} error(s): {listed}{more}")
    log.debug("loaded script %s version %d", script.id, script.version)
    return script


def script_to_json(script: Script) -> bytes:
    """Encode a script back to its JSON document (stable key order, readable indent)."""
    return msgspec.json.format(msgspec.json.encode(script), indent=2)


def script_to_document(script: Script) -> dict[str, Any]:
    """The script as a plain JSON object, e.g. for ``PublishScript.document``."""
    # Through JSON so sequences come back as lists, exactly as a file would give them.
    document = msgspec.json.decode(msgspec.json.encode(script))
    assert isinstance(document, dict)
    return document
