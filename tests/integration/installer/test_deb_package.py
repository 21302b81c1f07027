"""Build the .deb with the documented command, install it, self-test it, remove it cleanly.

`ACUERDO_DEB=/path/to.deb` reuses a package built by an earlier CI step instead of building.
Needs root (dpkg -i) and dpkg-deb; the package must not already be installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

pytestmark = [
    pytest.mark.package,
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb"),
    pytest.mark.skipif(os.geteuid() != 0, reason="dpkg -i needs root"),
    pytest.mark.timeout(900),
]


def run(*cmd: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env, check=False)


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    prebuilt = os.environ.get("ACUERDO_DEB")
    if prebuilt:
        return Path(prebuilt)
    out = tmp_path_factory.mktemp("deb")
    done = run(str(ROOT / "installer" / "build_deb.sh"), env={**os.environ, "OUT": str(out)})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (built,) = out.glob("acuerdo_*.deb")
    return built


def status() -> str:
    """dpkg's view of the package: "installed", "not-installed", "config-files"..."""
    return run("dpkg-query", "-W", "-f=${db:Status-Status}", "acuerdo").stdout.strip()


@pytest.fixture(scope="module")
def installed(deb: Path) -> Iterator[Path]:
    assert status() != "installed", "acuerdo is already installed on this machine"
    done = run("dpkg", "-i", str(deb))
    assert done.returncode == 0, done.stdout + done.stderr
    try:
        yield deb
    finally:
        removed = run("dpkg", "-r", "acuerdo")
        assert removed.returncode == 0, removed.stdout + removed.stderr
        assert status() != "installed"
        run("dpkg", "--purge", "acuerdo")  # forget it: the next run starts from a clean machine


def sandbox_env(tmp_path: Path, policy: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "ACUERDO_POLICY": str(policy),
    }


def test_package_metadata_declares_dependencies(deb: Path) -> None:
    control = run("dpkg-deb", "--field", str(deb), "Depends").stdout
    for library in ("libportaudio2", "libegl1", "libxkbcommon0", "fontconfig"):
        assert library in control
    contents = run("dpkg-deb", "--contents", str(deb)).stdout
    for path in (
        "./opt/acuerdo/acuerdo",
        "./usr/bin/acuerdo -> /opt/acuerdo/acuerdo",
        "./usr/share/applications/acuerdo.desktop",
        "./usr/share/icons/hicolor/scalable/apps/acuerdo.svg",
    ):
        assert path in contents, path
    assert "./etc/" not in contents  # the policy belongs to IT, not to the package


def test_installed_launcher_passes_its_self_test(installed: Path, tmp_path: Path) -> None:
    done = run("/usr/bin/acuerdo", "--self-test", env=sandbox_env(tmp_path, tmp_path / "none"))
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["self_test"] == "ok" and report["frozen"] is True


def test_installed_app_applies_and_locks_a_policy(installed: Path, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    shutil.copyfile(ROOT / "installer" / "policy.example.toml", policy)
    done = run("/usr/bin/acuerdo", "settings", "--show", env=sandbox_env(tmp_path, policy))
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line.split() for line in done.stdout.splitlines() if line.strip()}
    assert rows["hub_url"][1:] == ["wss://hub.cobranza.example.com:8765", "policy"]
    assert rows["sip_transport"][1:] == ["tcp", "policy"]


def test_removal_leaves_nothing_behind(deb: Path) -> None:
    # Runs last in this module: install and remove again, then look for leftovers.
    assert run("dpkg", "-i", str(deb)).returncode == 0
    assert run("dpkg", "-r", "acuerdo").returncode == 0
    assert status() in {"not-installed", "config-files"}
    assert run("dpkg", "--purge", "acuerdo").returncode == 0
    assert status() in {"", "not-installed"}
    assert not Path("/opt/acuerdo").exists()
    assert not Path("/usr/bin/acuerdo").exists()
    assert not Path("/usr/share/applications/acuerdo.desktop").exists()
