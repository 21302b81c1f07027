"""Shared fixtures: a realistic call context and the bundled early-stage script."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scripts_engine import Script, bundled_scripts_dir, load_script, variables_for_call

NOW = dt.datetime(2024, 3, 5, 18, 30, tzinfo=dt.UTC)


def debtor(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": 7,
        "first_name": "Ana",
        "last_name": "López",
        "full_name": "Ana López Ruiz",
        "timezone": "America/Mexico_City",
        "broken_promises": 0,
    }
    return {**base, **overrides}


def account(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": 31,
        "product": "credit_card",
        "balance_cents": 123456,
        "currency": "MXN",
        "days_past_due": 12,
        "minimum_payment_cents": 45000,
        "segment": "early",
    }
    return {**base, **overrides}


@pytest.fixture
def call_variables() -> dict[str, object]:
    return variables_for_call(debtor(), account(), "Luis Pérez", NOW)


@pytest.fixture(scope="session")
def early_stage() -> Script:
    return load_script(bundled_scripts_dir() / "early-stage-mx.json")
