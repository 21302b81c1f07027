"""Error types raised by the scripts engine.

Every failure the engine can report on bad input is one of these, so callers
(the desktop, the script editor, the hub) catch one family and show the message
to a person. Errors carry where the problem is (node id, field, character
position) in plain words, and most carry a stable ``code`` and ``params``
from ``messages`` so a user interface can word them in the user's language.
This module must never import anything but the standard library and the
engine's message catalogue, and messages must never quote a debtor's
personal data.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Self

from .messages import Param, Params, describe


class EngineError(Exception):
    """Base class for every error the scripts engine raises on bad input."""

    # "" when the error has no catalogue entry yet (its English text is all there is).
    code: str = ""
    params: Params = MappingProxyType({})


class ScriptError(EngineError, ValueError):
    """A script document is malformed: wrong shape, bad reference, bad node."""

    def __init__(self, message: str, *, node_id: str | None = None, field: str | None = None):
        where = []
        if node_id is not None:
            where.append(f"node {node_id!r}")
        if field is not None:
            where.append(f"field {field!r}")
        prefix = f"{', '.join(where)}: " if where else ""
        super().__init__(prefix + message)
        self.node_id = node_id
        self.field = field


class PositionedError(EngineError, ValueError):
    """An error inside a short source text, with the 0-based character offset."""

    def __init__(self, message: str, position: int):
        super().__init__(f"{message} (at character {position})")
        self.reason = message
        self.position = position

    @classmethod
    def coded(cls, code: str, position: int, **params: Param) -> Self:
        """The error for catalogue entry *code*, its English reason worded from *params*."""
        error = cls(describe(code, params), position)
        error.code, error.params = code, params
        return error


class TemplateError(PositionedError):
    """A text template is malformed, or names an unknown variable or filter."""


class ConditionError(PositionedError):
    """A branch condition is malformed or cannot be evaluated on these values."""


class RunnerError(EngineError):
    """The agent asked the runner for a move the script does not allow."""

    @classmethod
    def coded(cls, code: str, **params: Param) -> Self:
        error = cls(describe(code, params))
        error.code, error.params = code, params
        return error


class CallContextError(EngineError, ValueError):
    """The debtor/account mapping given for a call lacks a field or has a bad value."""
