"""Benchmarks: each prints its figures beside their goals; none of them is a pass/fail test.

A benchmark is a module ``tests/bench/bench_<name>.py`` with a ``run()``
generator yielding ``Figure``s. ``python -m tests.bench [NAME ...]`` runs them
and prints one JSON line per figure.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Literal


@dataclass(frozen=True)
class Figure:
    bench: str
    figure: str
    value: float
    unit: str
    goal: float | None
    better: Literal["lower", "higher"]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


def percentile(values: Iterable[float], pct: float) -> float:
    """Nearest-rank percentile; enough for figures read by people."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no samples")
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return float(ordered[rank])


__all__ = ["Figure", "Iterator", "median", "percentile"]
