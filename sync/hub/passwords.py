"""Password hashing for hub users with argon2, including rehash-on-login.

Verification always uses the parameters stored inside each hash, so a cheap
demo hash and a production-strength hash both verify; a successful login with
weaker-than-current parameters yields a fresh hash to store. This module is CPU
bound and synchronous: callers on the event loop must run it in an executor.
It must never log or return a password.
"""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# The strength used for every new hash outside the demo seed (argon2-cffi defaults).
LOGIN_HASHER = PasswordHasher()
# The demo seed hashes a handful of users on every fresh database; cheap is fine there
# because the first real login upgrades the hash through rehash-on-login.
DEMO_HASHER = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)


@functools.cache
def _decoy_hash() -> str:
    # Verifying against this when the user does not exist keeps timing from telling
    # whether a username is real; made once, lazily, at full login strength.
    return LOGIN_HASHER.hash("decoy-password-never-valid")


def hash_password(password: str, *, demo: bool = False) -> str:
    return (DEMO_HASHER if demo else LOGIN_HASHER).hash(password)


def verify_password(stored_hash: str | None, password: str) -> tuple[bool, str | None]:
    """(ok, replacement hash or None). ``stored_hash`` None means the user is unknown."""
    if stored_hash is None:
        _verify_quietly(_decoy_hash(), password)
        return False, None
    if not _verify_quietly(stored_hash, password):
        return False, None
    if LOGIN_HASHER.check_needs_rehash(stored_hash):
        return True, LOGIN_HASHER.hash(password)
    return True, None


def _verify_quietly(stored_hash: str, password: str) -> bool:
    try:
        # Any PasswordHasher verifies with the parameters encoded in the hash itself.
        return LOGIN_HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
