"""Deployment settings: every setting declared once, layered defaults < policy < user < overrides.

See ARCHITECTURE.md §8. Importing this package must never touch Qt widgets, the keyring or
any file; reading happens in `load_settings`.
"""

from desktop.settings.layered import (
    Layer,
    LockedSettingError,
    Resolved,
    Settings,
    environment_overrides,
    load_settings,
    parse_overrides,
)
from desktop.settings.policy import Policy, PolicyError, load_policy, policy_path
from desktop.settings.schema import BY_KEY, SETTINGS, Setting, SettingValueError, setting
from desktop.settings.userfile import CURRENT_VERSION, SettingsFileError, user_settings_path

__all__ = [
    "BY_KEY",
    "CURRENT_VERSION",
    "SETTINGS",
    "Layer",
    "LockedSettingError",
    "Policy",
    "PolicyError",
    "Resolved",
    "Setting",
    "SettingValueError",
    "Settings",
    "SettingsFileError",
    "environment_overrides",
    "load_policy",
    "load_settings",
    "parse_overrides",
    "policy_path",
    "setting",
    "user_settings_path",
]
