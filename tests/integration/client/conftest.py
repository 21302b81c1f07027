"""Fixtures for the sync client's integration tests: a live peer on loopback and a store."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from sync.client import LocalStore

from .peer import PeerHub, RecordingListener


@pytest_asyncio.fixture
async def peer() -> AsyncIterator[PeerHub]:
    hub = PeerHub()
    await hub.start()
    yield hub
    await hub.stop()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "desk" / "cache.sqlite"


@pytest.fixture
def store(store_path: Path) -> Iterator[LocalStore]:
    opened = LocalStore(store_path)
    yield opened
    opened.close()


@pytest.fixture
def listener() -> RecordingListener:
    return RecordingListener()
