"""Test-wide isolation: offscreen Qt, every app folder and the keyring in a temp dir.

Set before any project module computes a path, so no test can read or write a
real user's settings, data or secrets.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SANDBOX = Path(tempfile.mkdtemp(prefix="acuerdo-tests-"))
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_SANDBOX / _var.lower())
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "expect_log_errors: the test provokes errors that the code logs on purpose"
    )


@pytest.fixture(autouse=True)
def _no_unexpected_error_logs(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    """An ERROR logged by our code during a test is a bug unless the test says it expects it."""
    caplog.set_level(logging.INFO, logger="acuerdo")
    yield
    if request.node.get_closest_marker("expect_log_errors"):
        return
    errors = [
        r
        for r in caplog.get_records("call")
        if r.name.startswith("acuerdo") and r.levelno >= logging.ERROR
    ]
    if errors:
        lines = "\n".join(f"{r.name}: {r.getMessage()}" for r in errors[:5])
        pytest.fail(f"unexpected error logs:\n{lines}", pytrace=False)
