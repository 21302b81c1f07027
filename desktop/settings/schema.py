"""Every setting of the desktop, declared once: key, type, default, label, lockable, secret.

The declarations here are the single source for the policy loader, the user settings file,
the command-line/environment overrides, the settings dialog, the first-run wizard and the
MSI's public properties. Labels are English source text marked for translation (context
"Settings"); views translate them when shown. This module must never read or write files, the
environment or the keyring, and must never import Qt widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["str", "int", "bool", "choice"]
Value = str | int | bool


class SettingValueError(ValueError):
    """A value does not fit its setting (wrong type, out of range, not one of the choices)."""


def _translate_noop(context: str, text: str) -> str:
    # Marks text for pyside6-lupdate (it recognises QT_TRANSLATE_NOOP) without importing Qt.
    return text


QT_TRANSLATE_NOOP = _translate_noop


def _ws_url(value: str) -> str | None:
    if not value.startswith(("ws://", "wss://")) or len(value) < 8 or " " in value:
        return "must start with ws:// or wss:// and name a host"
    return None


def _sip_uri_or_empty(value: str) -> str | None:
    if value and (not value.startswith("sip:") or any(c in value for c in ' <>"\r\n')):
        return "must be empty or a plain sip: URI such as sip:pbx.example.com:5060"
    return None


def _sip_user(value: str) -> str | None:
    if any(c in value for c in " @:;<>\"'"):
        return "must be a plain SIP user part (no spaces, @, :, ; or quotes)"
    return None


def _mos(value: str) -> str | None:
    try:
        mos = float(value)
    except ValueError:
        mos = -1.0
    if not 1.0 <= mos <= 5.0:
        return "must be a MOS between 1.0 and 5.0, such as 3.5"
    return None


@dataclass(frozen=True)
class Setting:
    """One declared setting. `secret` ones live only in the OS keyring, never in a file."""

    key: str
    kind: Kind
    default: Value
    label: str
    lockable: bool = True
    secret: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    check: Callable[[str], str | None] | None = field(default=None, compare=False)

    @property
    def env_name(self) -> str:
        return f"ACUERDO_{self.key.upper()}"

    @property
    def msi_property(self) -> str:
        """The MSI public property that presets this setting (upper case, as MSI requires)."""
        return self.key.upper()

    def coerce(self, raw: object) -> Value:
        """A typed, checked value from TOML data or a command-line/environment string."""
        if self.kind == "bool":
            return _as_bool(self.key, raw)
        if self.kind == "int":
            number = _as_int(self.key, raw)
            if self.minimum is not None and number < self.minimum:
                raise SettingValueError(f"{self.key}: {number} is below {self.minimum}")
            if self.maximum is not None and number > self.maximum:
                raise SettingValueError(f"{self.key}: {number} is above {self.maximum}")
            return number
        if not isinstance(raw, str):
            raise SettingValueError(f"{self.key}: expected text, got {type(raw).__name__}")
        text = raw.strip()
        if self.kind == "choice" and text not in self.choices:
            raise SettingValueError(f"{self.key}: {text!r} is not one of {', '.join(self.choices)}")
        problem = self.check(text) if self.check else None
        if problem:
            raise SettingValueError(f"{self.key}: {problem} (got {text!r})")
        return text


def _as_bool(key: str, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if isinstance(raw, str) and raw.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise SettingValueError(f"{key}: expected true or false, got {raw!r}")


def _as_int(key: str, raw: object) -> int:
    if isinstance(raw, bool):
        raise SettingValueError(f"{key}: expected a whole number, got {raw!r}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str):
        try:
            return int(raw.strip())
        except ValueError:
            pass
    raise SettingValueError(f"{key}: expected a whole number, got {raw!r}")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "hub_url",
        "str",
        "ws://127.0.0.1:8765",
        QT_TRANSLATE_NOOP("Settings", "Hub address"),
        check=_ws_url,
    ),
    Setting(
        "sip_registrar",
        "str",
        "",
        QT_TRANSLATE_NOOP("Settings", "SIP registrar"),
        check=_sip_uri_or_empty,
    ),
    Setting(
        "sip_transport",
        "choice",
        "udp",
        QT_TRANSLATE_NOOP("Settings", "SIP transport"),
        choices=("udp", "tcp"),
    ),
    Setting("sip_user", "str", "", QT_TRANSLATE_NOOP("Settings", "SIP user"), check=_sip_user),
    Setting("sip_password", "str", "", QT_TRANSLATE_NOOP("Settings", "SIP password"), secret=True),
    Setting(
        "hub_token", "str", "", QT_TRANSLATE_NOOP("Settings", "Hub session token"), secret=True
    ),
    Setting(
        "sip_port",
        "int",
        0,
        QT_TRANSLATE_NOOP("Settings", "Local SIP port (0 = any)"),
        minimum=0,
        maximum=65535,
    ),
    # Where the media range starts (RTP even, RTCP odd, counting up per call), so IT can open
    # a firewall for it; 0 keeps pjsua's default base (4000).
    Setting(
        "sip_rtp_port",
        "int",
        0,
        QT_TRANSLATE_NOOP("Settings", "First audio (RTP) port (0 = default)"),
        minimum=0,
        maximum=65000,
    ),
    # Agents' own calls (callbacks, manual dial) go to sip:<number>@ this trunk's host:port.
    Setting(
        "sip_trunk",
        "str",
        "",
        QT_TRANSLATE_NOOP("Settings", "Outgoing calls trunk"),
        check=_sip_uri_or_empty,
    ),
    # "auto": the phone answers progressive calls by itself (a choice: the dialog has no
    # yes/no editor).
    Setting(
        "progressive_answer",
        "choice",
        "ring",
        QT_TRANSLATE_NOOP("Settings", "Progressive calls"),
        choices=("ring", "auto"),
    ),
    Setting(
        "preview_countdown_s",
        "int",
        20,
        QT_TRANSLATE_NOOP("Settings", "Preview: seconds before the call is dialled (0 = never)"),
        minimum=0,
        maximum=600,
    ),
    Setting(
        "unpaired_policy",
        "choice",
        "ring",
        QT_TRANSLATE_NOOP("Settings", "Calls without a handoff"),
        choices=("ring", "reject"),
    ),
    Setting(
        "locale",
        "choice",
        "es_MX",
        QT_TRANSLATE_NOOP("Settings", "Language"),
        choices=("es_MX", "en_US"),
    ),
    Setting(
        "theme",
        "choice",
        "light",
        QT_TRANSLATE_NOOP("Settings", "Theme"),
        choices=("light", "dark", "system"),
    ),
    # Device names differ on every desk, so IT cannot usefully lock them.
    Setting(
        "headset_output",
        "str",
        "",
        QT_TRANSLATE_NOOP("Settings", "Headset speaker"),
        lockable=False,
    ),
    Setting(
        "headset_input",
        "str",
        "",
        QT_TRANSLATE_NOOP("Settings", "Headset microphone"),
        lockable=False,
    ),
    Setting("ringer_output", "str", "", QT_TRANSLATE_NOOP("Settings", "Ringer"), lockable=False),
    # The softphone's own canceller (softphone/audio/echo.py); off only for a headset or OS
    # that already cancels echo well, since two cancellers in a row can clip speech.
    Setting("echo_cancel", "bool", True, QT_TRANSLATE_NOOP("Settings", "Echo cancellation")),
    Setting(
        "echo_test_uri",
        "str",
        "",
        QT_TRANSLATE_NOOP("Settings", "Test call number (echo)"),
        check=_sip_uri_or_empty,
    ),
    Setting(
        "log_level",
        "choice",
        "INFO",
        QT_TRANSLATE_NOOP("Settings", "Log detail"),
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
    ),
    # Supervisor floor thresholds (desktop.supervisor.thresholds): a row past one is flagged.
    Setting(
        "floor_wrapup_limit_s",
        "int",
        120,
        QT_TRANSLATE_NOOP("Settings", "Floor: wrap-up too long after (seconds)"),
        minimum=10,
        maximum=3600,
    ),
    Setting(
        "floor_call_limit_s",
        "int",
        900,
        QT_TRANSLATE_NOOP("Settings", "Floor: call too long after (seconds)"),
        minimum=60,
        maximum=14400,
    ),
    Setting(
        "floor_min_mos",
        "str",
        "3.5",
        QT_TRANSLATE_NOOP("Settings", "Floor: poor call quality below MOS"),
        check=_mos,
    ),
)

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


def setting(key: str) -> Setting:
    """The declaration of `key`; a clear KeyError naming the known keys otherwise."""
    try:
        return BY_KEY[key]
    except KeyError:
        known = ", ".join(sorted(BY_KEY))
        raise KeyError(f"unknown setting {key!r}; known settings: {known}") from None
