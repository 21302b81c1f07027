"""LocalStore's debtor cache: only open debtors, a retention period, purged at logout, 0600."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.client import ItemState, LocalStore
from sync.client.store import DEFAULT_RETENTION

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "desk" / "cache.sqlite"


@pytest.fixture
def store(path: Path) -> Iterator[LocalStore]:
    opened = LocalStore(path)
    yield opened
    opened.close()


def age_rows(path: Path, table: str, column: str, days: int) -> None:
    """Move every row of ``table`` ``days`` into the past, as time passing would."""
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE {table} SET {column} = datetime({column}, '-{days} days')")


def test_default_retention_is_seven_days() -> None:
    assert dt.timedelta(days=7) == DEFAULT_RETENTION


def test_open_debtor_is_kept_and_refreshed(store: LocalStore) -> None:
    store.remember_debtor(7, b'{"id":7}', b'{"page":1}', True)
    assert store.cached_debtor(7) == (b'{"id":7}', b'{"page":1}')
    store.remember_history(7, b'{"page":"newer"}')
    assert store.cached_debtor(7) == (b'{"id":7}', b'{"page":"newer"}')
    assert store.cached_debtor(8) is None


def test_debtor_with_nothing_open_is_not_kept(store: LocalStore) -> None:
    store.remember_debtor(7, b"{}", b"{}", True)
    store.remember_debtor(7, b"{}", b"{}", False)  # paid meanwhile
    store.remember_debtor(9, b"{}", b"{}", False)
    assert store.cached_debtor_ids() == []
    store.remember_history(9, b"{}")  # a history page alone never adds a debtor
    assert store.cached_debtor_ids() == []


def test_expired_rows_are_hidden_then_purged_when_the_store_opens(path: Path) -> None:
    first = LocalStore(path)
    first.remember_debtor(1, b"{}", b"{}", True)
    first.remember_debtor(2, b"{}", b"{}", True)
    first.close()
    age_rows(path, "debtor_cache", "seen_at", 8)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE debtor_cache SET seen_at = datetime('now') WHERE debtor_id = 2")
    second = LocalStore(path)
    try:
        assert second.cached_debtor_ids() == [2]
        assert second.cached_debtor(1) is None
    finally:
        second.close()


def test_a_longer_retention_keeps_older_rows(path: Path) -> None:
    first = LocalStore(path)
    first.remember_debtor(1, b"{}", b"{}", True)
    first.close()
    age_rows(path, "debtor_cache", "seen_at", 8)
    second = LocalStore(path, retention=dt.timedelta(days=30))
    try:
        assert second.cached_debtor(1) == (b"{}", b"{}")
        assert second.purge_expired(dt.datetime.now(dt.UTC) + dt.timedelta(days=30)) == 1
        assert second.cached_debtor_ids() == []
    finally:
        second.close()


def test_purge_drops_old_answers_but_never_open_writes(path: Path) -> None:
    store = LocalStore(path)
    store.put("open", "promise", b"x", "s")
    store.put("done", "promise", b"y", "s")
    store.mark("done", ItemState.SYNCED)
    store.close()
    age_rows(path, "outbox", "updated_at", 30)
    reopened = LocalStore(path)
    try:
        assert reopened.get("done") is None
        assert reopened.get("open") is not None and reopened.pending_count() == 1
    finally:
        reopened.close()


def test_logout_forgets_personal_data_but_keeps_unsent_work(store: LocalStore) -> None:
    store.remember_debtor(7, b"{}", b"{}", True)
    store.put("unsent", "promise", b"x", "s")
    store.put("synced", "promise", b"y", "s")
    store.mark("synced", ItemState.SYNCED)
    for name, value in (("token", "t"), ("token_user", "ana"), ("token_expires_at", "x")):
        store.set_value(name, value)
    store.set_last_seq(12)
    store.forget_session()
    assert store.cached_debtor_ids() == []
    assert store.get("synced") is None
    assert store.get("unsent") is not None
    assert store.get_value("token") is None and store.get_value("token_user") is None
    assert store.last_seq() == 12


def test_deleted_debtor_bytes_do_not_linger_in_the_file(path: Path) -> None:
    marker = b"MARKER-PROFILE-0123456789"
    first = LocalStore(path)
    first.remember_debtor(7, marker * 10, b"{}", True)
    first.remember_debtor(8, b"other", b"{}", True)
    first.close()  # checkpointed: the profile is in the main file now
    store = LocalStore(path)
    # Set by the store, not left to the build (Debian's SQLite has it on, others do not).
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar_one() == 1
    store.forget_session()
    store.close()
    for file in path.parent.iterdir():
        assert marker not in file.read_bytes(), file.name


@posix_only
def test_file_stays_private_after_cache_writes_and_logout(store: LocalStore, path: Path) -> None:
    store.remember_debtor(7, b"{}", b"{}", True)
    store.forget_session()
    for file in path.parent.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


def test_bad_retention_is_refused(path: Path) -> None:
    with pytest.raises(ValueError, match="retention"):
        LocalStore(path, retention=dt.timedelta(0))


def test_version_one_file_is_upgraded(path: Path) -> None:
    LocalStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE debtor_cache")
        conn.execute("UPDATE kv SET value = '1' WHERE name = 'schema_version'")
    upgraded = LocalStore(path)
    try:
        upgraded.remember_debtor(1, b"{}", b"{}", True)
        assert upgraded.get_value("schema_version") == "2"
        assert upgraded.cached_debtor_ids() == [1]
    finally:
        upgraded.close()
