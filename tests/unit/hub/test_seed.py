"""The demo seed: shape of the generated portfolio, determinism and idempotence."""

from __future__ import annotations

import random
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from sync.hub.portfolio import (
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    REGIONS,
    SURNAMES,
    history_size,
    segment_for,
)
from sync.hub.seed import DEMO_USERS, seed_demo

CHANNELS = {
    "call",
    "sms",
    "whatsapp",
    "email",
    "messenger",
    "blaster",
    "payment",
    "promise",
    "note",
}
ZONES = {
    "America/Mexico_City",
    "America/Monterrey",
    "America/Tijuana",
    "America/Cancun",
    "America/Hermosillo",
}


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "hub.db"
    seed_demo(f"sqlite:///{path}", debtors=30, seed=7)
    return path


def test_counts_accounts_and_history_sizes(small_db: Path) -> None:
    assert query(small_db, "SELECT count(*) FROM debtors") == [(30,)]
    per_debtor = query(
        small_db,
        "SELECT d.id, (SELECT count(*) FROM accounts a WHERE a.debtor_id = d.id),"
        " (SELECT count(*) FROM history_events h WHERE h.debtor_id = d.id) FROM debtors d",
    )
    for _, accounts, events in per_debtor:
        assert 1 <= int(accounts) <= 3  # type: ignore[call-overload]
        assert 5 <= int(events) <= 500  # type: ignore[call-overload]


def test_people_look_mexican(small_db: Path) -> None:
    phone = re.compile(r"^\+52 (\d{2} \d{4} \d{4}|\d{3} \d{3} \d{4})$")
    for first, last, zone in query(small_db, "SELECT first_name, last_name, timezone FROM debtors"):
        assert first in FIRST_NAMES_F + FIRST_NAMES_M
        paternal, maternal = str(last).split(" ")
        assert paternal in SURNAMES and maternal in SURNAMES and paternal != maternal
        assert zone in ZONES
    kinds = Counter(kind for (kind,) in query(small_db, "SELECT kind FROM contact_points"))
    assert kinds["phone"] >= 30 and kinds["email"] == 30
    for (value,) in query(small_db, "SELECT value FROM contact_points WHERE kind='phone'"):
        assert phone.match(str(value)), value
    for (value,) in query(small_db, "SELECT value FROM contact_points WHERE kind='email'"):
        assert re.match(r"^[a-z0-9.]+@[a-z.]+$", str(value)), value


def test_every_channel_appears_and_blaster_events_carry_a_digit(small_db: Path) -> None:
    channels = {c for (c,) in query(small_db, "SELECT DISTINCT channel FROM history_events")}
    assert channels == CHANNELS
    digits = query(
        small_db,
        "SELECT json_extract(detail, '$.digit') FROM history_events WHERE channel='blaster'",
    )
    assert digits and all(str(d) in set("0123456789") for (d,) in digits)
    outcomes = {
        o
        for (o,) in query(
            small_db,
            "SELECT json_extract(detail, '$.outcome') FROM history_events WHERE channel='promise'",
        )
    }
    assert outcomes <= {"kept", "broken", "pending"} and outcomes


def test_accounts_are_mxn_with_segments_matching_days_past_due(small_db: Path) -> None:
    for currency, days, segment, balance, minimum in query(
        small_db,
        "SELECT currency, days_past_due, segment, balance_cents, minimum_payment_cents"
        " FROM accounts",
    ):
        assert currency == "MXN"
        assert 1 <= int(days) <= 360  # type: ignore[call-overload]
        assert segment == segment_for(int(days))  # type: ignore[call-overload]
        assert int(balance) > 0 and int(minimum) > 0  # type: ignore[call-overload]


def test_users_and_bundled_script_are_seeded(small_db: Path) -> None:
    users = dict(query(small_db, "SELECT username, role FROM users"))
    assert users == {u[0]: u[2] for u in DEMO_USERS}
    assert ("early-stage-mx", 1) in query(small_db, "SELECT script_id, version FROM scripts")


def test_reseeding_changes_nothing(small_db: Path) -> None:
    tables = ("users", "debtors", "accounts", "contact_points", "history_events", "scripts")
    before = {t: query(small_db, f"SELECT count(*) FROM {t}") for t in tables}
    hashes = query(small_db, "SELECT password_hash FROM users ORDER BY id")
    seed_demo(f"sqlite:///{small_db}", debtors=30, seed=99)
    assert {t: query(small_db, f"SELECT count(*) FROM {t}") for t in tables} == before
    assert query(small_db, "SELECT password_hash FROM users ORDER BY id") == hashes


def test_same_seed_gives_the_same_people(small_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "again.db"
    seed_demo(f"sqlite:///{other}", debtors=30, seed=7)
    names = "SELECT first_name, last_name, region FROM debtors ORDER BY id"
    assert query(other, names) == query(small_db, names)


def test_history_size_is_skewed_within_bounds() -> None:
    rng = random.Random(1)
    sizes = [history_size(rng) for _ in range(5000)]
    assert min(sizes) >= 5 and max(sizes) <= 500
    assert sum(s <= 80 for s in sizes) > 0.8 * len(sizes)
    assert any(s > 200 for s in sizes)


def test_regions_use_only_the_demo_time_zones() -> None:
    assert {zone for _, zone, _, _ in REGIONS} == ZONES


def test_negative_count_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        seed_demo(f"sqlite:///{tmp_path / 'x.db'}", debtors=-1)


def test_full_demo_portfolio_counts(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    seed_demo(f"sqlite:///{path}")
    assert query(path, "SELECT count(*) FROM debtors") == [(2000,)]
    ((accounts,),) = query(path, "SELECT count(*) FROM accounts")
    assert 2000 <= int(accounts) <= 6000  # type: ignore[call-overload]
    ((low, high),) = query(
        path,
        "SELECT min(n), max(n) FROM (SELECT count(*) n FROM history_events GROUP BY debtor_id)",
    )
    assert int(low) >= 5 and 200 < int(high) <= 500  # type: ignore[call-overload]
    assert query(path, "SELECT count(DISTINCT debtor_id) FROM history_events") == [(2000,)]


def test_about_three_in_a_hundred_debtors_and_some_points_are_do_not_call() -> None:
    import datetime as dt

    from sync.hub.portfolio import IdCounters, generate

    rows = generate(random.Random(7), 1000, dt.datetime(2026, 11, 23, tzinfo=dt.UTC), IdCounters())
    flagged = [d for d in rows.debtors if d["do_not_call"]]
    assert 20 <= len(flagged) <= 40
    assert all(d["do_not_call_reason"] for d in flagged)
    assert not any(d["do_not_call_reason"] for d in rows.debtors if not d["do_not_call"])
    points = [c for c in rows.contact_points if c["do_not_call"]]
    assert 0 < len(points) < len(rows.contact_points) // 10
    # Every debtor keeps a point that may be used (the first one is never flagged).
    first = {}
    for point in rows.contact_points:
        first.setdefault(point["debtor_id"], point)
    assert not any(p["do_not_call"] for p in first.values())
