"""Schema creation by Alembic on a fresh SQLite file, and the connection pragmas."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from sync.hub.db import alembic_config, make_engine, migrate

TABLES = {
    "users",
    "debtors",
    "contact_points",
    "accounts",
    "history_events",
    "scripts",
    "handoffs",
    "promises",
    "wrapups",
    "write_results",
    "audit_log",
    "sessions",
    "streams",
    "events",
    "agent_presence",
    "hub_processes",
    "alembic_version",
}


def test_upgrade_creates_every_table_on_a_fresh_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    migrate(url)
    migrate(url)  # idempotent at head
    engine = make_engine(url)
    try:
        inspector = inspect(engine)
        # Later revisions (other features) may add tables; none of these may go missing.
        assert set(inspector.get_table_names()) >= TABLES
        history_indexes = {
            i["name"]: i["column_names"] for i in inspector.get_indexes("history_events")
        }
        assert history_indexes["ix_history_debtor_id_id"] == ["debtor_id", "id"]
        uniques = {tuple(u["column_names"]) for u in inspector.get_unique_constraints("promises")}
        assert ("key",) in uniques
        debtor_indexes = {i["name"]: i for i in inspector.get_indexes("debtors")}
        assert debtor_indexes["uq_debtors_external_ref"]["unique"]
        presence_columns = {c["name"] for c in inspector.get_columns("agent_presence")}
        assert "hub_origin" in presence_columns
        with engine.connect() as conn:
            head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
            assert conn.scalar(text("SELECT version_num FROM alembic_version")) == head
    finally:
        engine.dispose()


def test_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    migrate(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("PRAGMA journal_mode")) == "wal"
            assert conn.scalar(text("PRAGMA foreign_keys")) == 1
            assert conn.scalar(text("PRAGMA busy_timeout")) == 10_000
    finally:
        engine.dispose()


def test_in_memory_sqlite_is_refused() -> None:
    with pytest.raises(ValueError, match="file database"):
        make_engine("sqlite:///:memory:")


def test_revision_0005_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    from alembic import command

    url = f"sqlite:///{tmp_path / 'round.db'}"
    migrate(url)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.downgrade(config, "0004")
        inspector = inspect(engine)
        assert "do_not_call" not in {c["name"] for c in inspector.get_columns("debtors")}
        assert "help_message" not in {c["name"] for c in inspector.get_columns("agent_presence")}
        migrate(url)
        inspector = inspect(engine)
        assert "do_not_call" in {c["name"] for c in inspector.get_columns("contact_points")}
        assert "ix_history_channel_occurred_at" in {
            i["name"] for i in inspector.get_indexes("history_events")
        }
    finally:
        engine.dispose()
