"""Pick the script for a call from the account's days past due, product and segment.

Each script may declare an ``audience`` (a days-past-due band, products,
segments). The most specific matching script wins so a team lead can add a
special script for one segment without touching the general one. This module
must never load files or look at the debtor's personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .errors import ScriptError
from .model import Audience, Script


def matches(audience: Audience | None, account: Mapping[str, Any]) -> bool:
    """True when an account falls inside the audience (no audience matches everything)."""
    if audience is None:
        return True
    days = account.get("days_past_due")
    if isinstance(days, bool) or not isinstance(days, int):
        return False
    if days < audience.min_days_past_due:
        return False
    if audience.max_days_past_due is not None and days > audience.max_days_past_due:
        return False
    if audience.products and account.get("product") not in audience.products:
        return False
    return not (audience.segments and account.get("segment") not in audience.segments)


def _specificity(script: Script) -> tuple[int, int, int, int]:
    """Declared audience beats none; more filters beat fewer; a narrower band beats a wider."""
    audience = script.audience
    if audience is None:
        return (0, 0, 0, script.version)
    band = audience.max_days_past_due
    width = -(band - audience.min_days_past_due) if band is not None else -(10**9)
    return (1, bool(audience.segments) + bool(audience.products), width, script.version)


def select_script(scripts: Iterable[Script], account: Mapping[str, Any]) -> str:
    """Return the id of the most specific script for *account*; ScriptError if none fits."""
    candidates = [s for s in scripts if matches(s.audience, account)]
    if not candidates:
        raise ScriptError("no script fits this account's days past due, product and segment")
    return max(candidates, key=_specificity).id
