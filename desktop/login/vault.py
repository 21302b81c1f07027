"""Remembered passwords, kept only in the OS keyring (service "acuerdo", key "<hub>|<user>").

A password is never written to a settings file or a log (ARCHITECTURE.md §8). When the machine
has no usable keyring backend, `save` returns a clear reason instead of falling back to a file.
This module must never raise a keyring error at its caller: every failure becomes a result.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError

from desktop.common.i18n import translate

log = logging.getLogger("acuerdo.desktop")

SERVICE = "acuerdo"


def vault_key(hub_url: str, user: str) -> str:
    return f"{hub_url}|{user}"


@dataclass(frozen=True)
class VaultResult:
    ok: bool
    reason: str = ""


class PasswordVault:
    def usable(self) -> VaultResult:
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
            return VaultResult(
                False,
                translate(
                    "Login",
                    "This computer has no password keyring, so the password cannot be "
                    "remembered. You will be asked for it at each sign-in.",
                ),
            )
        return VaultResult(True)

    def load(self, hub_url: str, user: str) -> str | None:
        if not self.usable().ok:
            return None
        try:
            return keyring.get_password(SERVICE, vault_key(hub_url, user))
        except (KeyringError, OSError, RuntimeError) as exc:
            log.warning("keyring read failed: %s", type(exc).__name__)
            return None

    def save(self, hub_url: str, user: str, password: str) -> VaultResult:
        usable = self.usable()
        if not usable.ok:
            return usable
        try:
            keyring.set_password(SERVICE, vault_key(hub_url, user), password)
        except (KeyringError, OSError, RuntimeError) as exc:
            log.warning("keyring write failed: %s", type(exc).__name__)
            return VaultResult(
                False,
                translate("Login", "The keyring refused to store the password: {reason}").format(
                    reason=str(exc) or type(exc).__name__
                ),
            )
        return VaultResult(True)

    def forget(self, hub_url: str, user: str) -> None:
        if not self.usable().ok:
            return
        # Nothing stored, or the keyring is gone: either way there is nothing to forget.
        with contextlib.suppress(KeyringError, OSError, RuntimeError):
            keyring.delete_password(SERVICE, vault_key(hub_url, user))
