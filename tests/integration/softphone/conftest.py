"""Fixtures of the softphone integration tests: no sipp or peer Phone outlives its test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.softphone.peer_phone import PeerPhone
from tests.integration.softphone.support import Sipp


@pytest.fixture(autouse=True)
def _reap_sipp() -> Iterator[None]:
    yield
    Sipp.reap_all()


@pytest.fixture
def peers() -> Iterator[list[PeerPhone]]:
    """Child-process Phones a test started; killed (and their pipes closed) afterwards."""
    started: list[PeerPhone] = []
    yield started
    for peer in started:
        peer.kill()
