"""The one wrapper every pjsua2 callback goes through, so no exception dies silently.

pjsua2 calls our Python overrides from C++; an exception escaping them is swallowed (or, in
some builds, aborts the process). `guarded` logs it on the softphone logger and returns None.
It must never re-raise: the SIP stack has no caller to hand the error to.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

log = logging.getLogger("acuerdo.softphone")

P = ParamSpec("P")
R = TypeVar("R")


def guarded(callback: Callable[P, R]) -> Callable[P, R | None]:
    """Wrap a pjsua2 callback so that any exception is logged and swallowed."""

    @functools.wraps(callback)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return callback(*args, **kwargs)
        except Exception:
            log.exception("pjsua2 callback %s failed", callback.__qualname__)
            return None

    return wrapper
