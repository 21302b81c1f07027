"""Masking of debtor data in logs and in the support bundle; the rotating file and the tail."""

from __future__ import annotations

import json
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.common.logs import DebtorDataMask, DeskLogging, install_desk_logging
from desktop.diagnostics.bundle import write_support_bundle
from desktop.diagnostics.checks import CheckResult
from desktop.settings import load_settings

LEAKY = [
    "promise for María Hernández Ruiz amount_cents=1854390 due 2026-12-01",
    "callback to +52 55 1234 5678 or 5512345678 requested",
    "email maria.hernandez@example.com.mx bounced",
    "balance=18543.90 minimum MXN 1,200.00 and $ 350",
    "customer said 'pagaré 2 500 pesos'",
]


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        (LEAKY[0], "María"),
        (LEAKY[0], "Hernández Ruiz"),
        (LEAKY[0], "1854390"),
        (LEAKY[1], "1234 5678"),
        (LEAKY[1], "5512345678"),
        (LEAKY[2], "maria.hernandez"),
        (LEAKY[3], "18543.90"),
        (LEAKY[3], "1,200.00"),
        (LEAKY[3], "350"),
        (LEAKY[4], "2 500"),
    ],
)
def test_mask_removes_debtor_data(line: str, secret: str) -> None:
    mask = DebtorDataMask(["María", "Hernández Ruiz", "María Hernández Ruiz"])
    assert secret not in mask.mask(line)


@pytest.mark.parametrize(
    "line",
    [
        "handoff 3f2a9c1e-0b7d-4c55-9e2a-1b2c3d4e5f60 paired with call 3",
        "registered at sip:pbx.example.com:5060 (expires 300 s)",
        "hub ws://127.0.0.1:8765 seq=1042 outbox pending=2",
        "2026-11-22 22:45:21 state ready",
    ],
)
def test_mask_keeps_operational_facts(line: str) -> None:
    assert DebtorDataMask().mask(line) == line


@pytest.fixture
def desk_logging(tmp_path: Path) -> Iterator[DeskLogging]:
    installed = install_desk_logging(logging.INFO, folder=tmp_path / "logs")
    yield installed
    installed.close()


def test_log_file_and_tail_are_masked(desk_logging: DeskLogging) -> None:
    desk_logging.mask.add_names(["Hernández"])
    log = logging.getLogger("acuerdo.test")
    log.info("debtor %s phone %s", "Hernández", "+52 81 8765 4321")
    for handler in desk_logging.handlers:
        handler.flush()
    assert desk_logging.file is not None
    written = desk_logging.file.read_text(encoding="utf-8")
    assert "debtor <name> phone <phone>" in written
    assert "Hernández" not in written and "8765 4321" not in written
    assert any("debtor <name> phone <phone>" in line for line in desk_logging.tail.lines())


def test_support_bundle_masks_logs_and_has_no_secrets(tmp_path: Path) -> None:
    old_log = tmp_path / "acuerdo.log.1"
    old_log.write_text("\n".join(LEAKY) + "\n", encoding="utf-8")
    settings = load_settings(environ={}, user_file=tmp_path / "settings.toml")
    results = [CheckResult("hub", True, "reachable", {"connect_ms": 3.2})]
    target = write_support_bundle(
        tmp_path / "out" / "support.zip",
        settings,
        results,
        {"python": "3.11"},
        log_files=[old_log],
        tail=["agent keyed 5512345678 into notes"],
        mask=DebtorDataMask(["María", "Hernández Ruiz"]),
    )
    with zipfile.ZipFile(target) as bundle:
        names = set(bundle.namelist())
        assert {"settings.json", "diagnostics.json", "versions.json", "manifest.json"} <= names
        everything = "".join(bundle.read(n).decode("utf-8") for n in names)
        exported = json.loads(bundle.read("settings.json"))
    for leak in ("María", "Hernández", "5512345678", "1234 5678", "maria.hernandez", "1,200.00"):
        assert leak not in everything, leak
    assert "sip_password" not in exported and "hub_token" not in exported
    assert exported["hub_url"] == {"value": "ws://127.0.0.1:8765", "layer": "default"}
    assert not list(target.parent.glob("*.partial"))
