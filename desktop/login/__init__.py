"""Signing in: the login dialog and the keyring-only password store."""
