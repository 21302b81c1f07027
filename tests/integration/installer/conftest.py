"""The `package` marker: tests that build and install the real .deb (root, ~2 minutes).

They run only when asked for (`pytest -m package tests/integration/installer`), so the normal
suite stays fast; the marker is registered here because pyproject.toml belongs to the lead.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "package: builds, installs and removes the .deb (root)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "package" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="packaging test: run with `pytest -m package`")
    for item in items:
        if item.get_closest_marker("package"):
            item.add_marker(skip)
