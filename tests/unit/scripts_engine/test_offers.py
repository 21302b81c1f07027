"""The offer calculator: best offers within policy, and every out-of-policy offer refused."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts_engine import Money
from scripts_engine.offers import (
    DEFAULT_POLICY,
    InstalmentPlan,
    OfferError,
    OfferPolicy,
    Settlement,
    check_offer,
    instalment_plan,
    offer_variables,
    settlement,
)

TODAY = dt.date(2024, 3, 5)
POLICY = OfferPolicy(
    max_discount_percent=30,
    min_instalment_cents=50_000,
    max_instalments=6,
    max_days_to_first_payment=10,
)


def test_settlement_takes_the_largest_discount_and_latest_date() -> None:
    offer = settlement(Money(1_000_000), POLICY, TODAY)
    assert offer.amount == Money(700_000)
    assert offer.discount_percent == 30
    assert offer.due == dt.date(2024, 3, 15)
    assert check_offer(offer, POLICY, TODAY) == ()


def test_settlement_rounds_half_up_in_cents() -> None:
    assert settlement(Money(1_001), POLICY, TODAY, discount_percent=50 - 20).amount == Money(701)


def test_plan_uses_as_many_instalments_as_the_minimum_allows() -> None:
    plan = instalment_plan(Money(180_001), POLICY, TODAY)
    assert plan.count == 3  # 180,001 // 50,000
    assert plan.instalment == Money(60_000) and plan.last_instalment == Money(60_001)
    assert plan.total == Money(180_001)
    assert plan.due_dates == (
        dt.date(2024, 3, 15),
        dt.date(2024, 4, 14),
        dt.date(2024, 5, 14),
    )


def test_plan_is_capped_by_the_policy() -> None:
    assert instalment_plan(Money(10_000_000), POLICY, TODAY).count == 6


def test_a_small_balance_is_one_payment() -> None:
    plan = instalment_plan(Money(12_345), POLICY, TODAY)
    assert plan.count == 1 and plan.total == Money(12_345)
    assert check_offer(plan, POLICY, TODAY) == ()


@pytest.mark.parametrize(
    ("offer", "reason"),
    [
        (Settlement(Money(100_000), 50, Money(50_000), TODAY), "50% discount is more than"),
        (Settlement(Money(100_000), 10, Money(50_000), TODAY), "below what the maximum discount"),
        (Settlement(Money(100_000), 0, Money(150_000), TODAY), "more than the balance"),
        (Settlement(Money(100_000), 0, Money(100_000), dt.date(2024, 3, 1)), "in the past"),
        (Settlement(Money(100_000), 0, Money(100_000), dt.date(2024, 4, 1)), "27 days away"),
        (
            InstalmentPlan(Money(900_000), 9, Money(100_000), Money(100_000), TODAY),
            "9 instalments is more than the 6",
        ),
        (
            InstalmentPlan(Money(200_000), 5, Money(40_000), Money(40_000), TODAY),
            "smaller than the policy's minimum",
        ),
        (
            InstalmentPlan(Money(200_000), 2, Money(60_000), Money(60_000), TODAY),
            "do not add up",
        ),
    ],
)
def test_out_of_policy_offers_are_refused_with_a_reason(
    offer: Settlement | InstalmentPlan, reason: str
) -> None:
    reasons = check_offer(offer, POLICY, TODAY)
    assert any(reason in r for r in reasons), reasons


def test_asking_for_an_out_of_policy_offer_raises() -> None:
    with pytest.raises(OfferError, match="more than the 30% the policy allows"):
        settlement(Money(100_000), POLICY, TODAY, discount_percent=35)
    with pytest.raises(OfferError, match="more than the 6"):
        instalment_plan(Money(100_000_000), POLICY, TODAY, count=12)
    with pytest.raises(OfferError, match="no balance"):
        settlement(Money(0), POLICY, TODAY)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"max_discount_percent": 95}, "max_discount_percent"),
        ({"min_instalment_cents": 0}, "min_instalment_cents"),
        ({"max_instalments": 0}, "max_instalments"),
        ({"max_days_to_first_payment": -1}, "max_days_to_first_payment"),
    ],
)
def test_a_nonsense_policy_is_refused_when_decoded(fields: dict[str, int], message: str) -> None:
    with pytest.raises(msgspec.ValidationError, match=message):
        msgspec.convert(fields, OfferPolicy)


def test_offer_variables_for_offer_nodes() -> None:
    variables = offer_variables(Money(1_234_567), DEFAULT_POLICY, TODAY)
    assert variables["offer.settlement_amount"] == Money(987_654)
    assert variables["offer.discount_percent"] == 20
    assert variables["offer.instalments"] == 6
    assert variables["offer.first_payment_date"] == dt.date(2024, 3, 12)
    assert offer_variables(Money(0), DEFAULT_POLICY, TODAY) == {}


policies = st.builds(
    OfferPolicy,
    max_discount_percent=st.integers(0, 90),
    min_instalment_cents=st.integers(1, 10_000_000),
    max_instalments=st.integers(1, 120),
    max_days_to_first_payment=st.integers(0, 365),
)


@given(policies, st.integers(1, 10**11))
def test_proposed_offers_always_pass_their_own_policy(policy: OfferPolicy, cents: int) -> None:
    balance = Money(cents)
    lump = settlement(balance, policy, TODAY)
    plan = instalment_plan(balance, policy, TODAY)
    assert check_offer(lump, policy, TODAY) == ()
    assert check_offer(plan, policy, TODAY) == ()
    assert 0 < lump.amount.cents <= cents
    assert plan.total == balance
