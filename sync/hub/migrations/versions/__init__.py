"""Alembic revision files (one per schema change; published revisions are never edited)."""
