"""Password hashing: verification with stored parameters and rehash-on-login."""

from __future__ import annotations

from sync.hub.passwords import LOGIN_HASHER, hash_password, verify_password


def test_right_password_verifies_and_wrong_does_not() -> None:
    stored = hash_password("correcto")
    assert verify_password(stored, "correcto") == (True, None)
    assert verify_password(stored, "incorrecto") == (False, None)


def test_cheap_demo_hash_verifies_and_is_upgraded() -> None:
    stored = hash_password("acuerdo-demo", demo=True)
    ok, upgraded = verify_password(stored, "acuerdo-demo")
    assert ok and upgraded is not None
    assert not LOGIN_HASHER.check_needs_rehash(upgraded)
    assert verify_password(upgraded, "acuerdo-demo") == (True, None)


def test_unknown_user_and_garbage_hash_fail_cleanly() -> None:
    assert verify_password(None, "anything") == (False, None)
    assert verify_password("not-a-hash", "anything") == (False, None)


def test_hash_never_contains_the_password() -> None:
    assert "secreto-123" not in hash_password("secreto-123")
