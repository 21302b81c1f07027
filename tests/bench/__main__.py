"""Run benchmarks: ``python -m tests.bench [NAME ...]`` (all when no name is given)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path

PREFIX = "bench_"


def available() -> list[str]:
    folder = Path(__file__).parent
    return sorted(
        m.name.removeprefix(PREFIX)
        for m in pkgutil.iter_modules([str(folder)])
        if m.name.startswith(PREFIX)
    )


def main(argv: list[str]) -> int:
    names = argv or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(available())}",
            file=sys.stderr,
        )
        return 2
    for name in names:
        module = importlib.import_module(f"tests.bench.{PREFIX}{name}")
        for figure in module.run():
            print(json.dumps(figure.as_dict(), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
