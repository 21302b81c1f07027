"""Binding a call's debtor/account to script variables, and choosing a script by segment."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scripts_engine import (
    KNOWN_VARIABLES,
    CallContextError,
    Money,
    ScriptError,
    load_script,
    select_script,
    variables_for_call,
)

from .conftest import NOW, account, debtor


def test_exposes_exactly_the_catalogue() -> None:
    variables = variables_for_call(
        debtor(last_payment_on="2024-02-01"), account(), "Luis Pérez", NOW
    )
    assert set(variables) == KNOWN_VARIABLES
    assert variables["account.balance"] == Money(123456, "MXN")
    assert variables["account.minimum_payment"] == Money(45000, "MXN")
    assert variables["account.product"] == "tarjeta de crédito"
    assert variables["agent.first_name"] == "Luis"
    assert variables["company.name"] == "Financiera Acuerdo"
    assert variables["debtor.full_name"] == "Ana López Ruiz"


def test_today_is_the_debtors_local_date() -> None:
    late_utc = dt.datetime(2024, 3, 6, 3, 0, tzinfo=dt.UTC)  # still the 5th in Mexico City
    assert variables_for_call(debtor(), None, "Luis", late_utc)["today"] == dt.date(2024, 3, 5)


def test_without_account_no_account_variables() -> None:
    variables = variables_for_call(debtor(), None, "Luis", NOW)
    assert not any(name.startswith("account.") for name in variables)


def test_english_product_names() -> None:
    variables = variables_for_call(
        debtor(), account(product="telecom"), "Luis", NOW, locale="en-US"
    )
    assert variables["account.product"] == "phone service"


@pytest.mark.parametrize(
    ("debtor_fields", "account_fields", "message"),
    [
        ({"first_name": None}, {}, "debtor.first_name must be str"),
        ({"broken_promises": -1}, {}, "broken_promises"),
        ({}, {"balance_cents": "12"}, "account.balance_cents must be int"),
        ({}, {"days_past_due": True}, "whole number"),
        ({}, {"currency": "PESOS"}, "account.currency"),
    ],
)
def test_bad_context_fields_are_clear_errors(
    debtor_fields: dict[str, Any], account_fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(CallContextError, match=message):
        variables_for_call(debtor(**debtor_fields), account(**account_fields), "Luis", NOW)


def _script(script_id: str, audience: dict[str, Any] | None) -> Any:
    document: dict[str, Any] = {
        "format": 1,
        "id": script_id,
        "version": 1,
        "locale": "es-MX",
        "title": script_id,
        "start": "z",
        "nodes": {"z": {"kind": "end", "text": "Gracias."}},
    }
    if audience is not None:
        document["audience"] = audience
    return load_script(document)


def test_select_script_by_days_past_due_band_and_segment() -> None:
    scripts = [
        _script("general", None),
        _script("early", {"min_days_past_due": 1, "max_days_past_due": 30}),
        _script("late", {"min_days_past_due": 31, "max_days_past_due": 90}),
        _script(
            "early-vip", {"min_days_past_due": 1, "max_days_past_due": 30, "segments": ["vip"]}
        ),
    ]
    assert select_script(scripts, account(days_past_due=12)) == "early"
    assert select_script(scripts, account(days_past_due=12, segment="vip")) == "early-vip"
    assert select_script(scripts, account(days_past_due=45)) == "late"
    assert select_script(scripts, account(days_past_due=400)) == "general"
    with pytest.raises(ScriptError, match="no script fits"):
        select_script(scripts[1:2], account(days_past_due=45))
