"""The code's own rules, enforced by the test suite so CI holds them.

ruff over the whole tree, and ``mypy --strict`` on the packages that must stay
strict from the start (CONVENTIONS.md): scripts_engine and sync.protocol.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240)


def test_ruff_finds_nothing() -> None:
    done = _run(str(BIN / "ruff"), "check", "--quiet", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_strict_packages_pass_mypy_strict() -> None:
    done = _run(
        str(BIN / "mypy"), "--strict", "--no-error-summary", "scripts_engine", "sync/protocol"
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_dependency_direction_is_kept() -> None:
    """ARCHITECTURE.md §1: nothing imports desktop; the pure packages import nothing of ours."""
    rules = {
        "softphone": ("desktop", "sync", "scripts_engine"),
        "scripts_engine": ("desktop", "softphone", "sync"),
        "sync/protocol": (
            "desktop",
            "softphone",
            "scripts_engine",
            "sync.client",
            "sync.hub",
            "sync.dialer",
        ),
        "sync/hub": ("desktop", "softphone", "sync.client", "sync.dialer"),
        "sync/client": ("desktop", "softphone", "sync.hub", "sync.dialer"),
        "sync/dialer": ("desktop", "sync.client", "sync.hub", "scripts_engine"),
    }
    offences = []
    for folder, forbidden in rules.items():
        for source in (ROOT / folder).rglob("*.py"):
            for line in source.read_text(encoding="utf-8").splitlines():
                stripped = line.strip()
                if not stripped.startswith(("import ", "from ")):
                    continue
                module = stripped.split()[1]
                if any(module == f or module.startswith(f + ".") for f in forbidden):
                    offences.append(f"{source.relative_to(ROOT)}: {stripped}")
    assert not offences, "\n".join(offences)


MYPY_ALLOWLIST = ROOT / "tests" / "mypy-allowlist.txt"


def test_mypy_passes_outside_the_allow_list_and_the_list_only_shrinks() -> None:
    """CONVENTIONS.md: mypy everywhere, with a per-module allow-list that only shrinks.

    A module with type errors must be on the list; a listed module that became
    clean must leave it, so the list can never grow back silently.
    """
    done = _run(
        str(BIN / "mypy"),
        "--no-error-summary",
        "--hide-error-context",
        "desktop",
        "softphone",
        "sync",
        "scripts_engine",
    )
    failing = {line.split(":", 1)[0] for line in done.stdout.splitlines() if ": error:" in line}
    allowed = {
        line.strip()
        for line in MYPY_ALLOWLIST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert not failing - allowed, "type errors outside the allow-list:\n" + "\n".join(
        line for line in done.stdout.splitlines() if line.split(":", 1)[0] in failing - allowed
    )
    assert not allowed - failing, (
        "these modules are clean now; remove them from tests/mypy-allowlist.txt: "
        + ", ".join(sorted(allowed - failing))
    )
