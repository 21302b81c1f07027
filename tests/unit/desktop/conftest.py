"""Desktop unit tests: offscreen Qt, a throwaway file keyring, and sample hub data.

Qt must be told to render offscreen before the QApplication exists, hence the environment
variable set at import. The keyring points at a plaintext file inside the test's tmp_path so
no test ever reads or writes the real OS keyring.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyrings.alt.file import PlaintextKeyring

from sync.protocol import (
    Account,
    DebtorProfile,
    HandoffOffer,
    HistoryEvent,
    HistoryPage,
)


@pytest.fixture(autouse=True)
def file_keyring(tmp_path: Path) -> Iterator[PlaintextKeyring]:
    previous: KeyringBackend = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def make_account(**overrides: object) -> Account:
    fields: dict[str, object] = {
        "id": 5001,
        "product": "credit_card",
        "number_masked": "**** 4821",
        "balance_cents": 1_854_390,
        "currency": "MXN",
        "days_past_due": 34,
        "minimum_payment_cents": 120_000,
        "segment": "early-30",
    }
    fields.update(overrides)
    return Account(**fields)  # type: ignore[arg-type]


def make_debtor(full_name: str = "María Hernández Ruiz", **overrides: object) -> DebtorProfile:
    fields: dict[str, object] = {
        "id": 1042,
        "first_name": "María",
        "last_name": "Hernández Ruiz",
        "full_name": full_name,
        "timezone": "America/Monterrey",
        "region": "Nuevo León",
        "accounts": [make_account()],
    }
    fields.update(overrides)
    return DebtorProfile(**fields)  # type: ignore[arg-type]


def make_page(
    debtor_id: int, first_id: int, count: int, next_before_id: int | None, total: int
) -> HistoryPage:
    start = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.UTC)
    events = [
        HistoryEvent(
            id=first_id - i,
            channel="sms" if i % 2 else "call",
            occurred_at=start - dt.timedelta(hours=first_id - (first_id - i)),
            direction="out",
            summary=f"event {first_id - i}",
        )
        for i in range(count)
    ]
    return HistoryPage(
        debtor_id=debtor_id, events=events, next_before_id=next_before_id, total=total
    )


def make_offer(mode: str = "predictive", handoff_id: str = "h-1", **debtor: object) -> HandoffOffer:
    profile = make_debtor(**debtor)  # type: ignore[arg-type]
    return HandoffOffer(
        seq=1,
        handoff_id=handoff_id,
        campaign="temprana",
        mode=mode,  # type: ignore[arg-type]
        script_id="early-stage-mx",
        script_version=1,
        debtor=profile,
        history=make_page(profile.id, 100, 3, None, 3),
        offered_at=dt.datetime(2026, 11, 22, 16, 0, tzinfo=dt.UTC),
    )
