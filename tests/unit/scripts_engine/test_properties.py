"""Property tests: arbitrary templates and conditions fail only with our errors, run no code."""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts_engine import ConditionError, Money, TemplateError, parse_condition, parse_template

NAMES = ["debtor.first_name", "account.balance", "account.days_past_due", "vars.plan", "today"]
VALUES: dict[str, object] = {
    "debtor.first_name": "Ana",
    "account.balance": Money(123456),
    "account.days_past_due": 12,
    "vars.plan": "partial",
}

template_text = st.lists(
    st.one_of(
        st.sampled_from(
            ["{{", "}}", "{", "}", "|", " ", ".", "__class__", "money", "date", "upper"]
        ),
        st.sampled_from(NAMES),
        st.text(max_size=8),
    ),
    max_size=14,
).map("".join)

condition_text = st.lists(
    st.one_of(
        st.sampled_from(
            ["and", "or", "not", "(", ")", "==", "!=", "<", "<=", ">", ">=", "'x'", '"y"', "'"]
        ),
        st.sampled_from(["true", "false", "1", "30", "2.5", " ", "__import__", ".", "()"]),
        st.sampled_from(NAMES),
        st.text(max_size=6),
    ),
    max_size=14,
).map(" ".join)


class RecordingVariables(Mapping[str, object]):
    """A variables mapping that records every name the engine asks for."""

    def __init__(self, values: dict[str, object]):
        self.values = values
        self.asked: list[str] = []

    def __getitem__(self, key: str) -> object:
        self.asked.append(key)
        return self.values[key]

    def __contains__(self, key: object) -> bool:
        self.asked.append(str(key))
        return key in self.values

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("the engine must never list the variables")

    def __len__(self) -> int:
        return len(self.values)


@contextmanager
def no_code_execution() -> Iterator[None]:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the engine tried to execute code")

    with (
        mock.patch.object(builtins, "eval", refuse),
        mock.patch.object(builtins, "exec", refuse),
        mock.patch.object(builtins, "compile", refuse),
    ):
        yield


@settings(max_examples=400, deadline=None)
@given(template_text)
def test_random_templates_only_raise_template_error(source: str) -> None:
    variables = RecordingVariables(dict(VALUES))
    with no_code_execution():
        try:
            template = parse_template(source)
            rendered = template.render(variables)
        except TemplateError as exc:
            assert 0 <= exc.position <= len(source)
            return
    assert isinstance(rendered, str)
    assert set(variables.asked) <= set(template.names)


@settings(max_examples=400, deadline=None)
@given(condition_text)
def test_random_conditions_only_raise_condition_error(source: str) -> None:
    variables = RecordingVariables(dict(VALUES))
    with no_code_execution():
        try:
            condition = parse_condition(source)
            result = condition.evaluate(variables)
        except ConditionError as exc:
            assert 0 <= exc.position <= len(source)
            return
    assert isinstance(result, bool)
    assert set(variables.asked) <= set(condition.names)


# A reference model: random boolean trees, rendered with minimal parentheses by
# precedence, must evaluate exactly as Python evaluates the tree.
Tree = Any

leaf = st.one_of(
    st.booleans().map(lambda b: ("lit", b)),
    st.tuples(st.integers(0, 60), st.sampled_from(["<", "<=", ">", ">=", "==", "!="])).map(
        lambda t: ("cmp", t[0], t[1])
    ),
)
trees = st.recursive(
    leaf,
    lambda inner: st.one_of(
        inner.map(lambda t: ("not", t)),
        st.tuples(st.sampled_from(["and", "or"]), inner, inner).map(lambda t: (t[0], t[1], t[2])),
    ),
    max_leaves=12,
)
PRECEDENCE = {"or": 1, "and": 2, "not": 3, "lit": 4, "cmp": 4}


def render(tree: Tree, parent: int = 0) -> str:
    kind = tree[0]
    if kind == "lit":
        text = "true" if tree[1] else "false"
    elif kind == "cmp":
        text = f"account.days_past_due {tree[2]} {tree[1]}"
    elif kind == "not":
        text = "not " + render(tree[1], PRECEDENCE["not"])
    else:
        # Left-associative: the right operand of the same operator needs parentheses.
        text = f"{render(tree[1], PRECEDENCE[kind])} {kind} {render(tree[2], PRECEDENCE[kind] + 1)}"
    return f"({text})" if PRECEDENCE[kind] < parent else text


def reference(tree: Tree, days: int) -> bool:
    kind = tree[0]
    if kind == "lit":
        return bool(tree[1])
    if kind == "cmp":
        n, op = tree[1], tree[2]
        return {
            "<": days < n,
            "<=": days <= n,
            ">": days > n,
            ">=": days >= n,
            "==": days == n,
            "!=": days != n,
        }[op]
    if kind == "not":
        return not reference(tree[1], days)
    left, right = reference(tree[1], days), reference(tree[2], days)
    return (left and right) if kind == "and" else (left or right)


@settings(max_examples=300, deadline=None)
@given(trees, st.integers(0, 60))
def test_precedence_matches_a_reference_evaluator(tree: Tree, days: int) -> None:
    source = render(tree)
    assert parse_condition(source).evaluate({"account.days_past_due": days}) is reference(
        tree, days
    )
