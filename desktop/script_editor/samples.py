"""Sample customers for the preview, one per stage, invented and safe to show.

The preview walks a script with the real runner and these people's variables,
so a team lead sees the text exactly as an agent will. This module must never
hold real personal data and never import Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from scripts_engine import EngineError, variables_for_call


@dataclass(frozen=True)
class SampleDebtor:
    key: str
    debtor: dict[str, Any]
    account: dict[str, Any]

    def variables(self, locale: str, now: dt.datetime | None = None) -> dict[str, object]:
        """The variables an agent's call would have; {} if the sample does not fit the engine."""
        try:
            return variables_for_call(
                self.debtor,
                self.account,
                "Roberto Díaz",
                now or dt.datetime.now(dt.UTC),
                locale=locale,
            )
        except EngineError:
            return {}


def _debtor(first: str, last: str, broken: int = 0) -> dict[str, Any]:
    return {
        "first_name": first,
        "last_name": last,
        "full_name": f"{first} {last}",
        "timezone": "America/Mexico_City",
        "broken_promises": broken,
        "last_payment_on": "2024-01-15",
    }


def _account(days: int, balance: int, minimum: int, product: str, segment: str) -> dict[str, Any]:
    return {
        "product": product,
        "balance_cents": balance,
        "currency": "MXN",
        "days_past_due": days,
        "minimum_payment_cents": minimum,
        "segment": segment,
    }


SAMPLES: tuple[SampleDebtor, ...] = (
    SampleDebtor(
        "early",
        _debtor("Mariana", "Solís Vega"),
        _account(12, 845_000, 95_000, "credit_card", "early"),
    ),
    SampleDebtor(
        "middle",
        _debtor("Jorge", "Ramírez Ortiz", broken=2),
        _account(54, 2_375_050, 310_000, "personal_loan", "middle"),
    ),
    SampleDebtor(
        "late",
        _debtor("Lucía", "Herrera Campos"),
        _account(143, 6_120_000, 0, "retail_credit", "late"),
    ),
)
