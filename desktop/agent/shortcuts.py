"""The workspace's keyboard shortcuts: defaults, the agent's overrides, and conflict checks.

Every agent action has a stable id (``answer``, ``hangup``, ``hold``...), a default key and a
translatable name. The agent's choices are stored in QSettings under ``shortcuts/<id>``; a
stored key that does not parse or that another action already uses is ignored (the default
stays) and reported, so a bad settings file never leaves an action unreachable. This module
must never create widgets or bind slots: views ask it for the key and bind it themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings
from PySide6.QtGui import QKeySequence

from desktop.common.i18n import translate

log = logging.getLogger("acuerdo.desktop")

SETTINGS_GROUP = "shortcuts"


@dataclass(frozen=True)
class ShortcutAction:
    action_id: str
    default: str
    name: str  # English source, translated on display


ACTIONS: tuple[ShortcutAction, ...] = (
    ShortcutAction("answer", "F5", str(QT_TRANSLATE_NOOP("Shortcut", "Answer"))),
    ShortcutAction("hangup", "F6", str(QT_TRANSLATE_NOOP("Shortcut", "Hang up"))),
    ShortcutAction("hold", "F7", str(QT_TRANSLATE_NOOP("Shortcut", "Hold / resume"))),
    ShortcutAction("mute", "F8", str(QT_TRANSLATE_NOOP("Shortcut", "Mute / unmute"))),
    ShortcutAction("ready", "F9", str(QT_TRANSLATE_NOOP("Shortcut", "Ready / not ready"))),
    ShortcutAction("not_ready", "Shift+F9", str(QT_TRANSLATE_NOOP("Shortcut", "Pause menu"))),
    ShortcutAction("keypad", "Ctrl+K", str(QT_TRANSLATE_NOOP("Shortcut", "Keypad"))),
    ShortcutAction("transfer", "Ctrl+T", str(QT_TRANSLATE_NOOP("Shortcut", "Blind transfer"))),
    ShortcutAction("consult", "Ctrl+Shift+T", str(QT_TRANSLATE_NOOP("Shortcut", "Consult"))),
    ShortcutAction(
        "complete", "Ctrl+Shift+Return", str(QT_TRANSLATE_NOOP("Shortcut", "Complete transfer"))
    ),
    ShortcutAction("conference", "Ctrl+Shift+C", str(QT_TRANSLATE_NOOP("Shortcut", "Conference"))),
    ShortcutAction("verify", "Ctrl+I", str(QT_TRANSLATE_NOOP("Shortcut", "Identity confirmed"))),
    ShortcutAction("promise", "Ctrl+P", str(QT_TRANSLATE_NOOP("Shortcut", "Promise form"))),
    ShortcutAction("wrapup", "Ctrl+W", str(QT_TRANSLATE_NOOP("Shortcut", "Wrap-up"))),
    ShortcutAction("volume_up", "Ctrl+Up", str(QT_TRANSLATE_NOOP("Shortcut", "Volume up"))),
    ShortcutAction("volume_down", "Ctrl+Down", str(QT_TRANSLATE_NOOP("Shortcut", "Volume down"))),
    ShortcutAction("shortcuts", "Ctrl+/", str(QT_TRANSLATE_NOOP("Shortcut", "Keyboard shortcuts"))),
    ShortcutAction(
        "preview_call", "Ctrl+Return", str(QT_TRANSLATE_NOOP("Shortcut", "Preview: call now"))
    ),
    ShortcutAction(
        "preview_skip", "Ctrl+Shift+S", str(QT_TRANSLATE_NOOP("Shortcut", "Preview: skip"))
    ),
    ShortcutAction("manual_dial", "Ctrl+D", str(QT_TRANSLATE_NOOP("Shortcut", "Dial a number"))),
    ShortcutAction("callbacks", "Ctrl+B", str(QT_TRANSLATE_NOOP("Shortcut", "Callbacks list"))),
    ShortcutAction("sign_out", "Ctrl+Shift+Q", str(QT_TRANSLATE_NOOP("Shortcut", "Sign out"))),
    ShortcutAction("help", "Ctrl+H", str(QT_TRANSLATE_NOOP("Shortcut", "Ask for help"))),
    ShortcutAction("settings", "Ctrl+,", str(QT_TRANSLATE_NOOP("Shortcut", "Settings"))),
)
_BY_ID: dict[str, ShortcutAction] = {a.action_id: a for a in ACTIONS}


def action_name(action_id: str) -> str:
    return translate("Shortcut", _BY_ID[action_id].name)


def _normalise(text: str) -> str | None:
    """Portable text of a key sequence, or None if Qt cannot read it as exactly one."""
    sequence = QKeySequence.fromString(text.strip(), QKeySequence.SequenceFormat.PortableText)
    if sequence.isEmpty() or sequence.count() != 1:
        return None
    portable = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    # Qt turns unknown names into an empty key rather than refusing them.
    return portable or None


class ShortcutMap:
    """The key for each action after applying the agent's overrides."""

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self._keys = {a.action_id: a.default for a in ACTIONS}
        self.problems: list[str] = []
        for action_id, text in (overrides or {}).items():
            try:
                self.assign(action_id, text)
            except ValueError as exc:
                self.problems.append(str(exc))
                log.warning("shortcut override ignored: %s", exc)

    @classmethod
    def exactly(cls, keys: Mapping[str, str]) -> ShortcutMap:
        """A map where `keys` gives actions their keys all at once (so two actions may swap
        keys); raises ValueError naming the first unreadable or repeated key."""
        chosen = ShortcutMap()
        seen: dict[str, str] = {}
        for action_id, text in keys.items():
            if action_id not in _BY_ID:
                raise ValueError(f"no action {action_id!r} has a shortcut")
            key = _normalise(text)
            if key is None:
                raise ValueError(f"{text!r} is not a single key combination")
            if key in seen:
                raise ValueError(f"{key} is used twice: {seen[key]} and {action_id}")
            seen[key] = action_id
            chosen._keys[action_id] = key
        clashes = [a for a, k in chosen._keys.items() if a not in keys and k in seen]
        if clashes:
            raise ValueError(f"{chosen._keys[clashes[0]]} is already used by {clashes[0]}")
        return chosen

    @classmethod
    def from_settings(cls, settings: QSettings) -> ShortcutMap:
        settings.beginGroup(SETTINGS_GROUP)
        try:
            overrides = {k: str(settings.value(k)) for k in settings.childKeys()}
        finally:
            settings.endGroup()
        try:
            return cls.exactly(overrides)  # all at once: the agent may have swapped two keys
        except ValueError:
            return cls(overrides)  # one by one, keeping the defaults of the bad ones

    def save(self, settings: QSettings) -> None:
        """Store only what differs from the defaults, so new defaults reach everyone else."""
        settings.beginGroup(SETTINGS_GROUP)
        try:
            settings.remove("")
            for action in ACTIONS:
                if self._keys[action.action_id] != action.default:
                    settings.setValue(action.action_id, self._keys[action.action_id])
        finally:
            settings.endGroup()

    def key(self, action_id: str) -> str:
        return self._keys[action_id]

    def sequence(self, action_id: str) -> QKeySequence:
        return QKeySequence.fromString(
            self._keys[action_id], QKeySequence.SequenceFormat.PortableText
        )

    def native(self, action_id: str) -> str:
        """The key as the agent reads it on this platform (e.g. for a button's label)."""
        return self.sequence(action_id).toString(QKeySequence.SequenceFormat.NativeText)

    def assign(self, action_id: str, text: str) -> None:
        if action_id not in _BY_ID:
            raise ValueError(f"no action {action_id!r} has a shortcut")
        key = _normalise(text)
        if key is None:
            raise ValueError(f"{text!r} is not a single key combination")
        for other, other_key in self._keys.items():
            if other != action_id and other_key == key:
                raise ValueError(f"{key} is already the shortcut for {other}")
        self._keys[action_id] = key

    def items(self) -> list[tuple[str, str]]:
        return [(a.action_id, self._keys[a.action_id]) for a in ACTIONS]
