"""Deployment tests: a real hub on loopback, a private policy path and a private file keyring.

`ACUERDO_POLICY` points into the test's tmp_path, so the desk reads the policy the test writes
and never /etc/acuerdo/policy.toml; the keyring is a file per test so the test can look at
exactly what the desk stored there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyrings.alt.file import PlaintextKeyring

from tests.integration.workspace.conftest import hub, hub_template, until

__all__ = ["hub", "hub_template", "until"]


@pytest.fixture
def policy_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "policy.toml"
    monkeypatch.setenv("ACUERDO_POLICY", str(path))
    return path


@pytest.fixture(autouse=True)
def file_keyring(tmp_path: Path) -> Iterator[PlaintextKeyring]:
    previous: KeyringBackend = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
