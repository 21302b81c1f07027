"""LocalStore: durability settings actually in effect, private file mode, outbox states, kv."""

from __future__ import annotations

import sqlite3
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.client import ItemState, LocalStore, StoreError

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    opened = LocalStore(tmp_path / "desk" / "cache.sqlite")
    yield opened
    opened.close()


def test_wal_and_synchronous_full_in_effect(store: LocalStore) -> None:
    assert store.pragmas() == {"journal_mode": "wal", "synchronous": "full"}


def test_pragmas_set_on_every_pooled_connection(store: LocalStore) -> None:
    # A second thread holding a connection open forces the pool to open another one.
    seen: list[dict[str, str]] = []
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with store._engine.connect():
            held.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    with store._engine.connect() as conn:
        seen.append(
            {
                "journal_mode": conn.exec_driver_sql("PRAGMA journal_mode").scalar_one(),
                "synchronous": conn.exec_driver_sql("PRAGMA synchronous").scalar_one(),
            }
        )
    release.set()
    thread.join()
    assert seen == [{"journal_mode": "wal", "synchronous": 2}]
    assert store._engine.pool.checkedin() >= 2  # type: ignore[attr-defined]


def test_wal_is_recorded_in_the_file(store: LocalStore) -> None:
    raw = sqlite3.connect(store.path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


@posix_only
def test_file_and_wal_are_private(store: LocalStore) -> None:
    store.put("k1", "promise", b'{"type":"promise.create"}', "Promise")
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.exists()
    assert stat.S_IMODE(wal.stat().st_mode) == 0o600


@posix_only
def test_existing_loose_file_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    path.touch(mode=0o644)
    path.chmod(0o644)
    LocalStore(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_put_mark_and_final_states(store: LocalStore) -> None:
    item, created = store.put("k1", "promise", b"{1}", "Promise · account 7")
    assert created
    assert item.state is ItemState.SAVED and item.kind == "promise" and item.reason == ""
    assert item.created_at.tzinfo is not None

    syncing = store.mark("k1", ItemState.SYNCING)
    assert syncing is not None and syncing.state is ItemState.SYNCING
    synced = store.mark("k1", ItemState.SYNCED)
    assert synced is not None and synced.state is ItemState.SYNCED
    # Final is final: a late reject must not undo "synced".
    assert store.mark("k1", ItemState.REJECTED, "late") is None
    assert store.get("k1").state is ItemState.SYNCED  # type: ignore[union-attr]
    assert store.mark("unknown", ItemState.SYNCED) is None


def test_reject_keeps_reason(store: LocalStore) -> None:
    store.put("k1", "wrapup", b"{1}", "Wrap-up")
    rejected = store.mark("k1", ItemState.REJECTED, "account is closed")
    assert rejected is not None
    assert (rejected.state, rejected.reason) == (ItemState.REJECTED, "account is closed")


def test_pending_is_open_items_oldest_first_with_payload(store: LocalStore) -> None:
    for n in range(5):
        store.put(f"k{n}", "promise", f"payload-{n}".encode(), f"item {n}")
    store.mark("k1", ItemState.SYNCED)
    store.mark("k3", ItemState.SYNCING)
    store.mark("k4", ItemState.REJECTED, "no")
    pending = store.pending()
    assert [(item.key, item.state, payload) for item, payload in pending] == [
        ("k0", ItemState.SAVED, b"payload-0"),
        ("k2", ItemState.SAVED, b"payload-2"),
        ("k3", ItemState.SYNCING, b"payload-3"),
    ]
    assert store.counts() == {
        ItemState.SAVED: 2,
        ItemState.SYNCING: 1,
        ItemState.SYNCED: 1,
        ItemState.REJECTED: 1,
    }
    assert store.pending_count() == 3
    assert [item.key for item in store.recent(2)] == ["k4", "k3"]


def test_repeat_put_is_idempotent_but_key_reuse_is_refused(store: LocalStore) -> None:
    store.put("k1", "promise", b"same", "s")
    item, created = store.put("k1", "promise", b"same", "s")
    assert not created and item.key == "k1"
    with pytest.raises(ValueError, match="already used"):
        store.put("k1", "promise", b"different", "s")


@pytest.mark.parametrize(
    ("key", "kind", "payload", "match"),
    [
        ("", "promise", b"x", "key"),
        ("k" * 201, "promise", b"x", "key"),
        ("k", "note", b"x", "kind"),
        ("k", "promise", b"", "payload"),
    ],
)
def test_bad_put_is_a_clear_error(
    store: LocalStore, key: str, kind: str, payload: bytes, match: str
) -> None:
    with pytest.raises(ValueError, match=match):
        store.put(key, kind, payload, "s")  # type: ignore[arg-type]


def test_kv_and_last_seq(store: LocalStore) -> None:
    assert store.last_seq() == 0
    assert store.get_value("token") is None
    store.set_value("token", "t1")
    store.set_value("token", "t2")
    store.set_last_seq(41)
    assert store.get_value("token") == "t2"
    assert store.last_seq() == 41
    store.delete_value("token")
    assert store.get_value("token") is None
    with pytest.raises(ValueError):
        store.set_last_seq(-1)


def test_everything_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    first = LocalStore(path)
    first.put("k1", "promise", b"p", "s")
    first.set_last_seq(9)
    first.close()
    second = LocalStore(path)
    try:
        assert second.get("k1") is not None
        assert second.last_seq() == 9
        assert second.get_value("schema_version") == "2"
    finally:
        second.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    first = LocalStore(path)
    first.set_value("schema_version", "99")
    first.close()
    with pytest.raises(StoreError, match="schema version"):
        LocalStore(path)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not sqlite at all, just some text" * 100)
    with pytest.raises(StoreError, match="not usable"):
        LocalStore(path)


def test_directory_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        LocalStore(tmp_path)
