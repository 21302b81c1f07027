"""Alembic migrations for the hub's store; run through ``sync.hub.db.migrate``."""
