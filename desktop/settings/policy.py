"""The machine policy file that IT's installer writes, and where each OS keeps it.

Top-level keys of `policy.toml` are locked: the agent sees them read-only and neither the
settings dialog nor the user's file can change them. An optional `[preset]` table gives
defaults the agent may still change (the MSI's LOCK_SETTINGS=0). A policy that cannot be
trusted (bad TOML, unknown key, wrong type, a secret, a key that may not be locked) is refused
with a `PolicyError` naming the file and the fault, because half-applying IT's intent would
silently unlock what they meant to lock. This module must never write the policy file, and
never accept a secret from it (secrets live only in the OS keyring).
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.settings.schema import BY_KEY, SettingValueError, Value

POLICY_ENV = "ACUERDO_POLICY"
POLICY_SCHEMA = 1
_META_KEYS = frozenset({"schema"})
MAX_POLICY_BYTES = 256 * 1024


class PolicyError(Exception):
    """The machine policy file exists but cannot be applied; the message says why and where."""


@dataclass(frozen=True)
class Policy:
    locked: dict[str, Value] = field(default_factory=dict)
    preset: dict[str, Value] = field(default_factory=dict)
    path: Path | None = None  # None = no policy file on this machine


def policy_path() -> Path:
    """Where this OS keeps the machine policy; `ACUERDO_POLICY` overrides it (tests, support)."""
    explicit = os.environ.get(POLICY_ENV)
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / "Acuerdo" / "policy.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Acuerdo/policy.toml")
    return Path("/etc/acuerdo/policy.toml")


def load_policy(path: Path | None = None) -> Policy:
    """Read and check the policy; an absent file is an empty policy, a bad one a PolicyError."""
    path = path or policy_path()
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Policy()
    except OSError as exc:
        raise PolicyError(f"cannot read the policy file {path}: {exc.strerror or exc}") from exc
    if size > MAX_POLICY_BYTES:
        raise PolicyError(
            f"the policy file {path} is {size} bytes; the limit is {MAX_POLICY_BYTES}"
        )
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"cannot read the policy file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise PolicyError(f"the policy file {path} is not UTF-8 text: {exc.reason}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"the policy file {path} is not valid TOML: {exc}") from exc
    return parse_policy(document, path)


def parse_policy(document: dict[str, object], path: Path) -> Policy:
    """Check a decoded policy document; every fault names the key."""
    schema = document.get("schema", POLICY_SCHEMA)
    if schema != POLICY_SCHEMA:
        raise PolicyError(f"{path}: schema {schema!r} is not supported (expected {POLICY_SCHEMA})")
    locked: dict[str, Value] = {}
    preset: dict[str, Value] = {}
    for key, raw in document.items():
        if key in _META_KEYS:
            continue
        if key == "preset":
            if not isinstance(raw, dict):
                raise PolicyError(f"{path}: 'preset' must be a table ([preset])")
            for preset_key, preset_raw in raw.items():
                preset[preset_key] = _checked(path, f"preset.{preset_key}", preset_key, preset_raw)
            continue
        value = _checked(path, key, key, raw)
        if not BY_KEY[key].lockable:
            raise PolicyError(
                f"{path}: {key} differs on every desk and cannot be locked; "
                f"move it under [preset] if it should only be a default"
            )
        locked[key] = value
    return Policy(locked=locked, preset=preset, path=path)


def _checked(path: Path, where: str, key: str, raw: object) -> Value:
    declared = BY_KEY.get(key)
    if declared is None:
        known = ", ".join(sorted(k for k, s in BY_KEY.items() if not s.secret))
        raise PolicyError(f"{path}: unknown setting {where!r}; known settings: {known}")
    if declared.secret:
        raise PolicyError(
            f"{path}: {where} is a secret; secrets live only in the OS keyring, "
            f"never in the policy file"
        )
    try:
        return declared.coerce(raw)
    except SettingValueError as exc:
        raise PolicyError(f"{path}: {exc}") from exc
