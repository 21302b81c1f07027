"""The branch condition language: precedence, types, and positioned errors."""

from __future__ import annotations

import pytest

from scripts_engine import ConditionError, Money, parse_condition

VARS: dict[str, object] = {
    "account.days_past_due": 45,
    "debtor.broken_promises": 2,
    "account.product": "tarjeta de crédito",
    "account.balance": Money(500000),
    "vars.plan": "partial",
    "vars.agreed": True,
}


def ev(source: str) -> bool:
    return parse_condition(source).evaluate(VARS)


def test_example_from_the_brief() -> None:
    assert ev("account.days_past_due > 30 and debtor.broken_promises >= 2")
    assert not ev("account.days_past_due > 60 and debtor.broken_promises >= 2")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("true or false and false", True),  # and binds tighter than or
        ("(true or false) and false", False),
        ("not false and false", False),  # not binds tighter than and
        ("not (false and false)", True),
        ("not not true", True),
        ("1 < 2 == true", None),  # chained comparisons are refused
    ],
)
def test_precedence(source: str, expected: bool | None) -> None:
    if expected is None:
        with pytest.raises(ConditionError, match="chained"):
            ev(source)
    else:
        assert ev(source) is expected


def test_comparisons_and_literals() -> None:
    assert ev("account.product == 'tarjeta de crédito'")
    assert ev('vars.plan != "full"')
    assert ev("debtor.broken_promises <= 2.0")
    assert ev("vars.agreed == true")
    assert ev("account.balance >= 5000")  # money compares in pesos
    assert not ev("account.balance > 5000.01")
    assert ev("'a\\'b' == \"a'b\"")


def test_unanswered_script_variable_reads_as_nothing() -> None:
    assert ev("vars.missing != 'x'")
    assert not ev("vars.missing == 'x'")
    with pytest.raises(ConditionError, match="cannot order"):
        ev("vars.missing > 1")


def test_unknown_variable_has_position() -> None:
    with pytest.raises(ConditionError, match=r"unknown variable 'account\.score'") as info:
        ev("true and account.score > 3")
    assert info.value.position == 9


@pytest.mark.parametrize(
    ("source", "position", "message"),
    [
        ("", 0, "empty"),
        ("a >", 3, "ends too early"),
        ("(a > 1", 6, "expected '\\)'"),
        ("a > 1)", 5, "unexpected"),
        ("a = 1", 2, "unexpected character '='"),
        ("a > 'open", 4, "never closed"),
        ("a > 1 b", 6, "unexpected 'b'"),
        ("a.__class__ == 1", 1, "unexpected character '.'"),
        ("x.and == 1", 0, "reserved word"),
        ("and", 0, "expected a value"),
    ],
)
def test_syntax_errors_carry_position(source: str, position: int, message: str) -> None:
    with pytest.raises(ConditionError, match=message) as info:
        parse_condition(source)
    assert info.value.position == position


def test_type_errors_at_evaluation() -> None:
    with pytest.raises(ConditionError, match="cannot order text and number"):
        ev("account.product > 3")
    with pytest.raises(ConditionError, match="'and' needs true/false"):
        ev("debtor.broken_promises and true")
    with pytest.raises(ConditionError, match="not true/false"):
        ev("debtor.broken_promises")
    assert not ev("account.product == 3")  # different kinds are simply not equal
    assert not ev("true == 1")


def test_deep_nesting_fails_cleanly() -> None:
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse_condition("(" * 500 + "true" + ")" * 500)
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse_condition("not " * 300 + "true")


def test_names_lists_variables() -> None:
    condition = parse_condition("a.b > 1 or not (c == 'x' and d)")
    assert condition.names == ("a.b", "c", "d")
    assert parse_condition("a.b > 1") is parse_condition("a.b > 1")
