"""Secret settings (SIP password, hub token) kept only in the OS keyring.

Each secret is stored under service "acuerdo" with a name that says which setting and whose
it is (`sip_password|<registrar>|<user>`). When the machine has no usable keyring the caller
gets a clear reason, never a silent fallback to a file. This module must never write a secret
to a file or a log, nor raise a keyring error at its caller.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError, PasswordDeleteError

from desktop.settings.schema import setting

log = logging.getLogger("acuerdo.settings")

SERVICE = "acuerdo"


def keyring_backend_name() -> str | None:
    """The usable keyring backend's class path, or None when there is none."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return f"{type(backend).__module__}.{type(backend).__name__}"


@dataclass(frozen=True)
class SecretResult:
    ok: bool
    reason: str = ""


def _entry(key: str, scope: str) -> str:
    if not setting(key).secret:
        raise ValueError(f"{key} is not a secret setting")
    return f"{key}|{scope}"


class SecretStore:
    def load(self, key: str, scope: str) -> str | None:
        entry = _entry(key, scope)
        if keyring_backend_name() is None:
            return None
        try:
            return keyring.get_password(SERVICE, entry)
        except (KeyringError, OSError, RuntimeError) as exc:
            log.warning("keyring read failed: %s", type(exc).__name__)
            return None

    def save(self, key: str, scope: str, secret: str) -> SecretResult:
        entry = _entry(key, scope)
        if keyring_backend_name() is None:
            return SecretResult(False, "this computer has no usable keyring")
        try:
            keyring.set_password(SERVICE, entry, secret)
        except (KeyringError, OSError, RuntimeError) as exc:
            log.warning("keyring write failed: %s", type(exc).__name__)
            return SecretResult(False, f"the keyring refused the secret: {type(exc).__name__}")
        return SecretResult(True)

    def delete(self, key: str, scope: str) -> SecretResult:
        """Forget a secret; an absent one is already forgotten."""
        entry = _entry(key, scope)
        if keyring_backend_name() is None:
            return SecretResult(False, "this computer has no usable keyring")
        try:
            keyring.delete_password(SERVICE, entry)
        except PasswordDeleteError:
            pass  # nothing stored under that name
        except (KeyringError, OSError, RuntimeError) as exc:
            log.warning("keyring delete failed: %s", type(exc).__name__)
            return SecretResult(False, f"the keyring refused the delete: {type(exc).__name__}")
        return SecretResult(True)


def sip_scope(registrar: str, user: str) -> str:
    """Whose SIP password: one per registrar and user, so a desk moved to another PBX asks again."""
    return f"{registrar}|{user}"


def hub_token_scope(hub_url: str, user: str) -> str:
    """Whose hub token: one per hub and user, like the desk's local store."""
    return f"{hub_url}|{user}"
