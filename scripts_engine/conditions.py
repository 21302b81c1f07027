"""The condition language of ``branch`` nodes, parsed and evaluated without ``eval``.

A condition such as ``account.days_past_due > 30 and debtor.broken_promises >= 2``
is tokenized, parsed by recursive descent into a small tree and evaluated
against a flat mapping of variables. Supported: ``== != < <= > >=``, ``and``,
``or``, ``not``, parentheses, numbers, quoted strings, ``true``/``false`` and
dotted variable names. Every error carries the character position. This module
must never call ``eval``/``exec``, never walk attributes of a value, and never
let a malformed input escape as anything but ``ConditionError``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from .errors import ConditionError
from .money import Money

MAX_CONDITION_LENGTH = 2_000
MAX_DEPTH = 40

CompareOp = Literal["==", "!=", "<", "<=", ">", ">="]
_COMPARE_OPS: tuple[CompareOp, ...] = ("==", "!=", "<=", ">=", "<", ">")
_KEYWORDS = frozenset({"and", "or", "not", "true", "false"})

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)
  | (?P<string>"(?:[^"\\\n]|\\["\\])*"|'(?:[^'\\\n]|\\['\\])*')
  | (?P<op>==|!=|<=|>=|<|>)
  | (?P<paren>[()])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # number, name, keyword, string, op, paren, end
    text: str
    position: int


# --- the tree -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Constant:
    value: Decimal | str | bool
    position: int


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    position: int


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr
    position: int


@dataclass(frozen=True, slots=True)
class Logical:
    op: Literal["and", "or"]
    left: Expr
    right: Expr
    position: int


@dataclass(frozen=True, slots=True)
class Compare:
    op: CompareOp
    left: Expr
    right: Expr
    position: int


Expr = Constant | Name | Not | Logical | Compare


# --- tokenizer and parser -----------------------------------------------------


def tokenize(source: str) -> list[Token]:
    """Split *source* into tokens; raise ConditionError at the first unknown character."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:
            char = source[pos]
            if char in "\"'":
                raise ConditionError.coded("condition.unclosed_string", pos)
            raise ConditionError.coded("condition.unexpected_character", pos, char=char)
        kind = match.lastgroup or ""
        text = match.group()
        if kind == "name" and text in _KEYWORDS:
            kind = "keyword"
        elif kind == "name" and any(part in _KEYWORDS for part in text.split(".")):
            raise ConditionError.coded("condition.reserved_word", pos, name=text)
        if kind != "space":
            tokens.append(Token(kind, text, pos))
        pos = match.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


class _Parser:
    def __init__(self, source: str):
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Expr:
        if self.token.kind == "end":
            raise ConditionError.coded("condition.empty", 0)
        expr = self.or_expr()
        if self.token.kind != "end":
            raise ConditionError.coded(
                "condition.unexpected_token", self.token.position, token=self.token.text
            )
        return expr

    def enter(self, position: int) -> None:
        # Nesting is bounded so deep input fails cleanly instead of with RecursionError.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError.coded("condition.too_deep", position)

    def or_expr(self) -> Expr:
        left = self.and_expr()
        while self.token.kind == "keyword" and self.token.text == "or":
            op = self.take()
            left = Logical("or", left, self.and_expr(), op.position)
        return left

    def and_expr(self) -> Expr:
        left = self.not_expr()
        while self.token.kind == "keyword" and self.token.text == "and":
            op = self.take()
            left = Logical("and", left, self.not_expr(), op.position)
        return left

    def not_expr(self) -> Expr:
        if self.token.kind == "keyword" and self.token.text == "not":
            op = self.take()
            self.enter(op.position)
            operand = self.not_expr()
            self.depth -= 1
            return Not(operand, op.position)
        return self.comparison()

    def comparison(self) -> Expr:
        left = self.operand()
        if self.token.kind != "op":
            return left
        op = self.take()
        right = self.operand()
        if self.token.kind == "op":
            raise ConditionError.coded("condition.chained_comparison", self.token.position)
        return Compare(_as_op(op.text), left, right, op.position)

    def operand(self) -> Expr:
        token = self.take()
        if token.kind == "number":
            return Constant(Decimal(token.text), token.position)
        if token.kind == "string":
            return Constant(_unquote(token.text), token.position)
        if token.kind == "name":
            return Name(token.text, token.position)
        if token.kind == "keyword" and token.text in ("true", "false"):
            return Constant(token.text == "true", token.position)
        if token.kind == "paren" and token.text == "(":
            self.enter(token.position)
            inner = self.or_expr()
            self.depth -= 1
            closing = self.take()
            if closing.kind != "paren" or closing.text != ")":
                raise ConditionError.coded("condition.expected_close", closing.position)
            return inner
        if token.kind == "end":
            raise ConditionError.coded("condition.ends_early", token.position)
        raise ConditionError.coded("condition.expected_value", token.position, token=token.text)


def _as_op(text: str) -> CompareOp:
    for op in _COMPARE_OPS:
        if op == text:
            return op
    raise AssertionError(text)  # the tokenizer only yields known operators


def _unquote(text: str) -> str:
    body = text[1:-1]
    return re.sub(r"\\(.)", r"\1", body)


# --- evaluation ---------------------------------------------------------------


def _comparable(value: object) -> object:
    """Bring numbers to one exact type; money compares in major units (pesos)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return value
    return value


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, Decimal | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dt.datetime):
        return "date-time"
    if isinstance(value, dt.date):
        return "date"
    if value is None:
        return "nothing"
    return "value"


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed condition, ready to evaluate against many variable mappings."""

    source: str
    tree: Expr

    @property
    def names(self) -> tuple[str, ...]:
        """Variable names the condition reads, in order of appearance."""
        found: list[str] = []
        stack: list[Expr] = [self.tree]
        while stack:
            node = stack.pop()
            if isinstance(node, Name):
                found.append(node.name)
            elif isinstance(node, Not):
                stack.append(node.operand)
            elif isinstance(node, Logical | Compare):
                stack.extend((node.right, node.left))
        return tuple(found)

    def evaluate(self, variables: Mapping[str, object]) -> bool:
        """Evaluate to true/false; raise ConditionError on unknown names or mismatched types."""
        result = self._eval(self.tree, variables)
        if not isinstance(result, bool):
            raise ConditionError.coded(
                "condition.not_boolean", _position(self.tree), kind=_kind(result)
            )
        return result

    def _eval(self, node: Expr, variables: Mapping[str, object]) -> object:
        if isinstance(node, Constant):
            return node.value
        if isinstance(node, Name):
            if node.name in variables:
                return _comparable(variables[node.name])
            if node.name.startswith("vars."):
                return None  # script variables not answered yet read as "nothing"
            raise ConditionError.coded("condition.unknown_variable", node.position, name=node.name)
        if isinstance(node, Not):
            return not self._bool(node.operand, variables, "not")
        if isinstance(node, Logical):
            left = self._bool(node.left, variables, node.op)
            if node.op == "and" and not left:
                return False
            if node.op == "or" and left:
                return True
            return self._bool(node.right, variables, node.op)
        return _compare(node, self._eval(node.left, variables), self._eval(node.right, variables))

    def _bool(self, node: Expr, variables: Mapping[str, object], op: str) -> bool:
        value = self._eval(node, variables)
        if not isinstance(value, bool):
            raise ConditionError.coded(
                "condition.needs_boolean", _position(node), op=op, kind=_kind(value)
            )
        return value


def _position(node: Expr) -> int:
    if isinstance(node, Logical | Compare):
        return _position(node.left)
    return node.position


def _compare(node: Compare, left: object, right: object) -> bool:
    same_kind = _kind(left) == _kind(right) and _kind(left) != "value"
    if node.op == "==":
        return same_kind and left == right
    if node.op == "!=":
        return not (same_kind and left == right)
    if not same_kind or isinstance(left, bool) or left is None:
        raise ConditionError.coded(
            "condition.cannot_order",
            node.position,
            kind=_kind(left),
            other_kind=_kind(right),
            op=node.op,
        )
    try:
        if node.op == "<":
            return bool(left < right)  # type: ignore[operator]
        if node.op == "<=":
            return bool(left <= right)  # type: ignore[operator]
        if node.op == ">":
            return bool(left > right)  # type: ignore[operator]
        return bool(left >= right)  # type: ignore[operator]
    except (TypeError, InvalidOperation) as exc:
        raise ConditionError.coded(
            "condition.cannot_compare", node.position, detail=str(exc)
        ) from None


def parse_condition(source: str) -> Condition:
    """Parse *source* once (results are cached); raise ConditionError with the position."""
    if not isinstance(source, str):
        raise ConditionError.coded("condition.not_text", 0)
    if len(source) > MAX_CONDITION_LENGTH:
        raise ConditionError.coded("condition.too_long", 0, limit=MAX_CONDITION_LENGTH)
    return _parse_cached(source)


@lru_cache(maxsize=1024)
def _parse_cached(source: str) -> Condition:
    return Condition(source, _Parser(source).parse())
