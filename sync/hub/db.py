"""Engines, connection pragmas and schema migrations for the hub's store.

Every engine the hub uses comes from ``make_engine`` so SQLite always runs with
WAL, enforced foreign keys and a busy timeout; the schema is created and
upgraded only by ``migrate`` (Alembic, configured in code). This module must
never create tables any other way, and never hand live ORM objects to callers.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import sessionmaker

log = logging.getLogger("acuerdo.hub")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000


def make_engine(database_url: str) -> Engine:
    """An engine for ``database_url`` with the hub's per-connection settings."""
    if database_url.startswith("sqlite") and ":memory:" in database_url:
        # Each pooled connection would see its own empty database.
        raise ValueError("the hub needs a file database; in-memory SQLite is not supported")
    # hide_parameters: an error's text (and so the log) never carries debtor data.
    engine = create_engine(database_url, hide_parameters=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Any]:
    # expire_on_commit=False: rows are copied into plain structs right after commit.
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(database_url: str) -> Config:
    """An Alembic config built in code; no alembic.ini is needed at run time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolates '%', which URL-encoded passwords contain.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def migrate(database_url: str) -> None:
    """Upgrade the database at ``database_url`` to the newest schema (idempotent)."""
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            config = alembic_config(database_url)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    log.info("hub schema is at the newest revision")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes for UTC columns; give the zone back."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def to_db_time(value: dt.datetime) -> dt.datetime:
    """Normalise to UTC before storing; a naive value is taken to be UTC already."""
    return as_utc(value)
