"""The one exception a handler raises to refuse a request with an Error code.

Kept apart from the handlers so every handler module can raise it without
importing the others. It must never carry debtor data in its reason.
"""

from __future__ import annotations


class Refusal(Exception):
    """A request the hub will not carry out; becomes Error(code, reason, ref)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason
