"""The effective settings: defaults < policy preset < user file < locked policy < overrides.

`load_settings` reads every layer once; `Settings` answers "what is this value, where did it
come from, may the agent change it" and takes the agent's edits into the user layer only.
Command-line `--set key=value` and `ACUERDO_<KEY>` environment variables sit on top so support
can troubleshoot a desk without touching IT's policy. This module must never let a user edit
reach a locked key, and never hold a secret (see `desktop.settings.secrets`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop.settings.policy import Policy, load_policy, policy_path
from desktop.settings.schema import SETTINGS, Setting, SettingValueError, Value, setting
from desktop.settings.userfile import (
    SettingsFileError,
    UserFile,
    load_user_file,
    user_settings_path,
    write_user_file,
)


class Layer(StrEnum):
    DEFAULT = "default"
    PRESET = "preset"  # policy [preset]: IT's default, the agent may change it
    USER = "user"
    POLICY = "policy"  # locked by IT
    OVERRIDE = "override"  # command line or environment, for troubleshooting


class LockedSettingError(Exception):
    """An edit tried to change a key the machine policy locks."""


@dataclass(frozen=True)
class Resolved:
    setting: Setting
    value: Value
    layer: Layer

    @property
    def locked(self) -> bool:
        return self.layer is Layer.POLICY


class Settings:
    def __init__(
        self,
        policy: Policy | None = None,
        user: UserFile | None = None,
        overrides: Mapping[str, Value] | None = None,
        user_path: Path | None = None,
    ) -> None:
        self.policy = policy or Policy()
        self._user = user or UserFile()
        self._overrides = dict(overrides or {})
        self.user_path = user_path or user_settings_path()

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(self._user.problems)

    @property
    def first_run(self) -> bool:
        """True until the agent's own settings file exists (the wizard has not run yet)."""
        return not self._user.existed

    def resolved(self, key: str) -> Resolved:
        declared = setting(key)
        if key in self._overrides:
            return Resolved(declared, self._overrides[key], Layer.OVERRIDE)
        if key in self.policy.locked:
            return Resolved(declared, self.policy.locked[key], Layer.POLICY)
        if key in self._user.values:
            return Resolved(declared, self._user.values[key], Layer.USER)
        if key in self.policy.preset:
            return Resolved(declared, self.policy.preset[key], Layer.PRESET)
        return Resolved(declared, declared.default, Layer.DEFAULT)

    def value(self, key: str) -> Value:
        return self.resolved(key).value

    def text(self, key: str) -> str:
        value = self.value(key)
        return value if isinstance(value, str) else str(value)

    def is_locked(self, key: str) -> bool:
        return key in self.policy.locked

    def visible(self) -> list[Resolved]:
        """Every non-secret setting in declaration order (dialog, `acuerdo settings`)."""
        return [self.resolved(s.key) for s in SETTINGS if not s.secret]

    def set_user(self, key: str, raw: object) -> Value:
        """Record the agent's choice in the user layer (saved by `save`); returns it typed."""
        declared = setting(key)
        if declared.secret:
            raise SettingValueError(f"{key} is a secret; it goes to the keyring, not settings")
        if self.is_locked(key):
            raise LockedSettingError(f"{key} is set by the machine policy and cannot be changed")
        value = declared.coerce(raw)
        self._user.values[key] = value
        return value

    def save(self) -> None:
        if not self._user.writable:
            raise SettingsFileError(
                f"{self.user_path} was written by a newer Acuerdo; not overwriting it"
            )
        write_user_file(self.user_path, self._user.values, self._user.unknown)
        self._user.existed = True

    def export(self) -> dict[str, dict[str, Any]]:
        """Non-secret values with their layer, for the support bundle."""
        return {r.setting.key: {"value": r.value, "layer": str(r.layer)} for r in self.visible()}


def parse_overrides(pairs: Iterable[str]) -> dict[str, Value]:
    """`key=value` strings from `--set`; a clear ValueError for a bad one or a secret."""
    out: dict[str, Value] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep:
            raise SettingValueError(f"--set expects key=value, got {pair!r}")
        declared = setting(key)
        if declared.secret:
            raise SettingValueError(f"{key} is a secret and cannot be given on the command line")
        out[key] = declared.coerce(raw)
    return out


def environment_overrides(environ: Mapping[str, str]) -> dict[str, Value]:
    """`ACUERDO_<KEY>` variables for declared, non-secret keys (others are not settings)."""
    out: dict[str, Value] = {}
    for declared in SETTINGS:
        raw = environ.get(declared.env_name)
        if raw is not None and not declared.secret:
            out[declared.key] = declared.coerce(raw)
    return out


def load_settings(
    overrides: Mapping[str, Value] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    policy_file: Path | None = None,
    user_file: Path | None = None,
) -> Settings:
    """Read every layer. Raises PolicyError for a bad policy and SettingValueError for a bad
    override; a bad user file only adds `problems`."""
    env = os.environ if environ is None else environ
    policy = load_policy(policy_file or policy_path())
    path = user_file or user_settings_path()
    top = environment_overrides(env)
    top.update(overrides or {})
    return Settings(policy, load_user_file(path), top, path)
