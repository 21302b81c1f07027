"""Writes a machine policy file from installer properties (the MSI's custom action uses this).

`acuerdo write-policy --out PATH --lock 1 hub_url=wss://... sip_registrar=...` turns the MSI's
public properties into `policy.toml`: empty values are skipped (an unset property), the rest
are checked against the declarations, written as locked top-level keys (or under [preset]
with `--lock 0`), and the result is re-read with the same loader the app uses before it
replaces any existing file. A bad value fails the install with a message naming the key. It
must never write a secret, and never leave a policy the app would refuse.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tomli_w

from desktop.settings.policy import POLICY_SCHEMA, PolicyError, parse_policy
from desktop.settings.schema import SettingValueError, Value, setting

HEADER = (
    "# Written by the Acuerdo installer from its properties; managed by IT.\n"
    "# Top-level keys are locked on this machine; [preset] keys are defaults.\n"
)


def policy_values(pairs: Iterable[str]) -> dict[str, Value]:
    """`key=value` pairs to typed values; empty values mean "property not set" and are skipped."""
    values: dict[str, Value] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep:
            raise SettingValueError(f"expected key=value, got {pair!r}")
        if not raw.strip():
            continue
        declared = setting(key.strip())
        if declared.secret:
            raise SettingValueError(f"{declared.key} is a secret; it cannot go into a policy")
        values[declared.key] = declared.coerce(raw)
    return values


def render_policy(values: dict[str, Value], lock: bool) -> str:
    document: dict[str, Any] = {"schema": POLICY_SCHEMA}
    preset: dict[str, Value] = {}
    for key, value in values.items():
        if lock and setting(key).lockable:
            document[key] = value
        else:
            preset[key] = value
    if preset:
        document["preset"] = preset
    text = HEADER + tomli_w.dumps(document)
    parse_policy(tomllib.loads(text), Path("<rendered policy>"))  # the app must accept it
    return text


def write_policy(path: Path, values: dict[str, Value], lock: bool) -> Path:
    text = render_policy(values, lock)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".policy-", suffix=".toml", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temp, 0o644)  # every agent on the machine reads it; only admins write it
        os.replace(temp, path)
    except OSError as exc:
        raise PolicyError(f"cannot write the policy file {path}: {exc.strerror or exc}") from exc
    return path
