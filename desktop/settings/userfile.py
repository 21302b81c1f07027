"""The agent's own settings file (TOML in the platform's config folder) and its upgrades.

The file carries `version`; older files are upgraded step by step (`v1 -> v2 -> ...`), the
original is kept beside it as `settings.toml.v<N>.bak` before the upgraded one replaces it,
and a file from a newer Acuerdo is read but never overwritten. A broken file is copied to
`settings.toml.broken` and the desk runs on the other layers, so nothing the agent set is
lost. This module must never store a secret (the writer refuses them) and never raise on a
bad file while loading: faults become `problems` the UI can show.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from desktop.settings.schema import BY_KEY, SettingValueError, Value

log = logging.getLogger("acuerdo.settings")

CURRENT_VERSION = 2
FILE_NAME = "settings.toml"


class SettingsFileError(Exception):
    """The user settings file cannot be written (newer format, disk refused...)."""


def user_settings_path() -> Path:
    return Path(platformdirs.user_config_dir("acuerdo", appauthor=False)) / FILE_NAME


def _v1_to_v2(old: dict[str, Any]) -> dict[str, Any]:
    # v1 (the pilot) grouped keys in [sip] and [audio] tables and called the hub "hub".
    new: dict[str, Any] = {k: v for k, v in old.items() if k not in {"hub", "sip", "audio"}}
    if "hub" in old:
        new["hub_url"] = old["hub"]
    sip = old.get("sip", {})
    audio = old.get("audio", {})
    renames = (
        (sip, "registrar", "sip_registrar"),
        (sip, "transport", "sip_transport"),
        (sip, "user", "sip_user"),
        (audio, "headset", "headset_output"),
        (audio, "microphone", "headset_input"),
        (audio, "ringer", "ringer_output"),
    )
    for table, old_key, new_key in renames:
        if isinstance(table, dict) and old_key in table:
            new[new_key] = table[old_key]
    return new


# version N -> the step that makes version N+1
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def upgrade(document: dict[str, Any], version: int) -> dict[str, Any]:
    """Apply every step from `version` to CURRENT_VERSION; the result has no `version` key."""
    body = {k: v for k, v in document.items() if k != "version"}
    while version < CURRENT_VERSION:
        body = UPGRADES[version](body)
        version += 1
    return body


@dataclass
class UserFile:
    values: dict[str, Value] = field(default_factory=dict)
    # Keys this version does not know (a newer Acuerdo wrote them): kept and written back.
    unknown: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    existed: bool = False
    writable: bool = True  # False for a file from a newer Acuerdo


def load_user_file(path: Path) -> UserFile:
    if not path.exists():
        return UserFile()
    result = UserFile(existed=True)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        _keep_copy(path, path.with_name(FILE_NAME + ".broken"))
        result.problems.append(f"{path} could not be read ({exc}); a copy was kept as .broken")
        log.warning("user settings unreadable, running on defaults: %s", type(exc).__name__)
        return result
    version = document.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        result.problems.append(f"{path}: 'version' must be a positive whole number")
        version = 1
    if version > CURRENT_VERSION:
        result.writable = False
        result.problems.append(
            f"{path} was written by a newer Acuerdo (version {version}); it is read but not changed"
        )
        body = {k: v for k, v in document.items() if k != "version"}
    else:
        try:
            body = upgrade(document, version)
        except (TypeError, AttributeError) as exc:
            result.problems.append(f"{path}: could not upgrade from version {version}: {exc}")
            return result
    _sort_into(result, body, path)
    if version < CURRENT_VERSION:
        backup = path.with_name(f"{FILE_NAME}.v{version}.bak")
        _keep_copy(path, backup)
        try:
            write_user_file(path, result.values, result.unknown)
        except SettingsFileError as exc:
            result.problems.append(str(exc))
        log.info("user settings upgraded from version %d to %d", version, CURRENT_VERSION)
    return result


def _sort_into(result: UserFile, body: Mapping[str, Any], path: Path) -> None:
    for key, raw in body.items():
        declared = BY_KEY.get(key)
        if declared is None:
            result.unknown[key] = raw
            continue
        if declared.secret:
            # Never keep a secret from a file; it is dropped on the next save.
            result.problems.append(f"{path}: {key} is a secret and was ignored (use the keyring)")
            continue
        try:
            result.values[key] = declared.coerce(raw)
        except SettingValueError as exc:
            result.unknown[key] = raw  # kept as written so the agent's text is not lost
            result.problems.append(f"{path}: {exc}; the default is used")


def write_user_file(
    path: Path, values: Mapping[str, Value], unknown: Mapping[str, Any] | None = None
) -> None:
    """Atomically replace the file (write a temp file, fsync, rename)."""
    for key in values:
        if BY_KEY[key].secret:
            raise SettingsFileError(f"{key} is a secret and must never be written to a file")
    document: dict[str, Any] = {"version": CURRENT_VERSION}
    document.update({k: v for k, v in (unknown or {}).items() if k not in values})
    document.update(values)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".settings-", suffix=".toml", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            tomli_w.dump(document, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        raise SettingsFileError(f"cannot save {path}: {exc.strerror or exc}") from exc


def _keep_copy(source: Path, target: Path) -> None:
    try:
        shutil.copy2(source, target)
    except OSError as exc:
        log.warning("could not keep a copy of the settings file: %s", exc.strerror)
