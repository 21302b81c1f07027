"""The hub session token kept in the OS keyring, as the sync client's `TokenStore`.

ARCHITECTURE.md §8 puts every secret in the OS keyring: the desk hands a `KeyringTokens` to
its `SyncClient`, so the token never lands in the desk's SQLite file. The entry is service
"acuerdo", name `hub_token|<hub>|<user>`, value a small JSON of token and expiry. A machine
without a usable keyring just keeps no token (the next link signs in with the password held
in memory). This module must never write the token to a file or a log, nor raise at the
sync client.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

from desktop.settings.secrets import SecretStore, hub_token_scope
from sync.client.token import SavedToken

log = logging.getLogger("acuerdo.settings")

KEY = "hub_token"


class KeyringTokens:
    """One (hub, user)'s token in the keyring; load/save/clear run on an executor thread."""

    def __init__(self, hub_url: str, user: str, secrets: SecretStore | None = None) -> None:
        self.user = user
        self.scope = hub_token_scope(hub_url, user)
        self._secrets = secrets or SecretStore()

    def load(self) -> SavedToken | None:
        raw = self._secrets.load(KEY, self.scope)
        if not raw:
            return None
        try:
            data = json.loads(raw)
            expires = dt.datetime.fromisoformat(data["expires_at"])
            token = data["token"]
        except (ValueError, KeyError, TypeError):
            log.warning("unreadable hub token in the keyring; signing in with the password")
            return None
        if not isinstance(token, str) or expires.tzinfo is None:
            return None
        return SavedToken(token, self.user, expires)

    def save(self, token: SavedToken) -> None:
        value = json.dumps({"token": token.token, "expires_at": token.expires_at.isoformat()})
        result = self._secrets.save(KEY, self.scope, value)
        if not result.ok:
            log.warning("hub token not kept between links: %s", result.reason)

    def clear(self) -> None:
        result = self._secrets.delete(KEY, self.scope)
        if not result.ok:
            log.warning("hub token could not be removed from the keyring: %s", result.reason)
