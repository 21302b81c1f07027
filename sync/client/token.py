"""Where the desk keeps the hub's short-lived session token between sign-ins.

`TokenStore` is the small interface the hub connection reads and writes the token through, so
the desktop can keep it in the OS keyring (ARCHITECTURE.md §8) while tools and tests without a
keyring keep it in the local SQLite store (`LocalTokens`). `take_legacy_token` moves a token an
older desk left in the SQLite kv out of it. Implementations run on an executor thread; this
module must never log a token, and a token store must never raise at the connection for a
storage fault (a lost token only costs a password sign-in).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from .store import LocalStore

# The kv names an older desk kept its token under (forget_session still clears them).
LEGACY_KEYS = ("token", "token_user", "token_expires_at")


@dataclass(frozen=True)
class SavedToken:
    token: str = field(repr=False)
    user: str
    expires_at: dt.datetime

    def usable_for(self, user: str, now: dt.datetime | None = None) -> bool:
        """Belongs to `user` and has not expired."""
        return self.user == user and self.expires_at > (now or dt.datetime.now(dt.UTC))


class TokenStore(Protocol):
    def load(self) -> SavedToken | None: ...

    def save(self, token: SavedToken) -> None: ...

    def clear(self) -> None: ...


def _parse_expiry(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _read_kv(store: LocalStore) -> SavedToken | None:
    token, user = store.get_value("token"), store.get_value("token_user")
    expires = _parse_expiry(store.get_value("token_expires_at"))
    if token is None or user is None or expires is None:
        return None
    return SavedToken(token, user, expires)


class LocalTokens:
    """The token in the store's kv table: for tools and tests on machines without a keyring."""

    def __init__(self, store: LocalStore) -> None:
        self.store = store

    def load(self) -> SavedToken | None:
        return _read_kv(self.store)

    def save(self, token: SavedToken) -> None:
        self.store.set_value("token", token.token)
        self.store.set_value("token_user", token.user)
        self.store.set_value("token_expires_at", token.expires_at.isoformat())

    def clear(self) -> None:
        for name in LEGACY_KEYS:
            self.store.delete_value(name)


def take_legacy_token(store: LocalStore) -> SavedToken | None:
    """The token an older desk left in the SQLite kv, removed from it (returned if readable)."""
    found = _read_kv(store)
    if any(store.get_value(name) is not None for name in LEGACY_KEYS):
        LocalTokens(store).clear()
    return found
