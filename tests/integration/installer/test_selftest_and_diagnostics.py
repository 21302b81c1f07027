"""Self-test and diagnostics against real peers on loopback: the hub, wss, sipp as an echo."""

from __future__ import annotations

import json
import os
import shutil
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import selftest
from desktop.diagnostics.checks import check_hub, check_keyring, check_sip
from desktop.settings import load_settings, parse_overrides
from sync.hub.seed import seed_demo
from sync.hub.server import Hub
from tests.integration.hub.test_limits_and_tls import self_signed
from tests.integration.softphone.support import free_udp_port

ROOT = Path(__file__).resolve().parents[3]
SCENARIOS = Path(__file__).parent / "scenarios"


def test_self_test_command_prints_one_ok_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["self_test"] == "ok"
    assert report["sip"]["bound"] is True
    assert "setup_es_MX.qm" in report["translations"]["es_MX"]


def test_self_test_names_what_is_missing(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selftest, "RESOURCES", tmp_path)
    monkeypatch.setattr(selftest, "CHECKS", selftest.CHECKS[:3])  # resources, qt, translations
    code, report = selftest.run_self_test()
    assert code == 1 and report["self_test"] == "failed"
    assert any(m.startswith("resources: missing bundled files") for m in report["missing"])
    assert any("acuerdo_es_MX.qm" in m for m in report["missing"])


@pytest.fixture
def hub_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    seed_demo(url, debtors=5, seed=7)
    return url


@pytest.mark.asyncio
async def test_hub_check_reaches_a_real_hub_and_fails_on_a_closed_port(hub_db: str) -> None:
    hub = Hub(hub_db, port=0)
    await hub.start()
    port = hub.port
    try:
        ok = await check_hub(f"ws://127.0.0.1:{port}")
    finally:
        await hub.stop()
    assert ok.ok and ok.figures["tls"] is False and ok.figures["connect_ms"] >= 0
    down = await check_hub(f"ws://127.0.0.1:{port}", timeout=2)
    assert not down.ok and "cannot reach" in down.detail


@pytest.mark.asyncio
async def test_hub_check_verifies_the_tls_certificate(hub_db: str, tmp_path: Path) -> None:
    cert, key, pem = self_signed(tmp_path)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    hub = Hub(hub_db, port=0, ssl_context=server_tls)
    await hub.start()
    try:
        untrusted = await check_hub(f"wss://127.0.0.1:{hub.port}")
        trusted = await check_hub(
            f"wss://127.0.0.1:{hub.port}", tls=ssl.create_default_context(cadata=pem.decode())
        )
    finally:
        await hub.stop()
    assert not untrusted.ok and "TLS certificate not valid" in untrusted.detail
    assert trusted.ok and trusted.figures["tls"] is True


def test_keyring_check_names_the_backend() -> None:
    result = check_keyring()
    assert result.ok and "keyrings.alt" in result.detail


@pytest.mark.sip
@pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed")
def test_sip_probe_places_a_test_call_to_an_echo_and_measures_it(tmp_path: Path) -> None:
    port = free_udp_port()
    cmd = ["sipp", "-sf", str(SCENARIOS / "uas_echo.xml"), "-i", "127.0.0.1", "-p", str(port)]
    cmd += ["-mi", "127.0.0.1", "-mp", str(free_udp_port()), "-rtp_echo", "-m", "1"]
    cmd += ["-nostdin", "-timeout", "40s", "-timeout_error"]
    with (tmp_path / "sipp.log").open("w") as sink:
        echo = subprocess.Popen(cmd, cwd=tmp_path, stdout=sink, stderr=subprocess.STDOUT)
    settings = load_settings(
        parse_overrides([f"echo_test_uri=sip:echo@127.0.0.1:{port}"]),
        environ={},
        user_file=tmp_path / "settings.toml",
    )
    try:
        registration, call = check_sip(settings)
        assert echo.wait(timeout=20) == 0, (tmp_path / "sipp.log").read_text()[-2000:]
    finally:
        if echo.poll() is None:
            echo.kill()
            echo.wait()
    assert registration.skipped
    assert call.ok, call.detail
    assert call.figures["rx_rtp_packets"] > 0 and call.figures["setup_ms"] >= 0
    assert "mos" in call.figures


def test_sip_probe_reports_a_call_nobody_answers(tmp_path: Path) -> None:
    port = free_udp_port()  # nothing listens there
    settings = load_settings(
        parse_overrides([f"echo_test_uri=sip:echo@127.0.0.1:{port}"]),
        environ={},
        user_file=tmp_path / "settings.toml",
    )
    _, call = check_sip(settings)
    assert not call.ok and "test call failed" in call.detail
