"""Fixtures for the fault tests: a throwaway PostgreSQL cluster on loopback, seeded once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.hub.postgres import PostgresCluster, binaries


@pytest.fixture(scope="session")
def faults_postgres() -> Iterator[tuple[PostgresCluster, str]]:
    """A cluster and the name of a demo database to copy per test."""
    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL binaries are not installed (Debian package 'postgresql')")
    cluster = PostgresCluster(bin_dir).start()
    try:
        yield cluster, cluster.seeded_template(debtors=20, seed=7)
    finally:
        cluster.stop()
