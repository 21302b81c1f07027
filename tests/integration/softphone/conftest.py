"""Fixtures of the softphone integration tests: no sipp outlives the test that started it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.softphone.support import Sipp


@pytest.fixture(autouse=True)
def _reap_sipp() -> Iterator[None]:
    yield
    Sipp.reap_all()
