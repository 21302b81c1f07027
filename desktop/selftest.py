"""`acuerdo --self-test`: proves an install can run, without a network, a hub or a screen.

It starts Qt offscreen (with an SVG icon drawn, so the image-format plugins are there), creates
and destroys a pjsua2 endpoint in a child process (a broken SIP library may abort, and an abort
must not swallow the report), opens the local store in a temporary folder, names the keyring
backend, loads the Spanish catalogues and checks they translate known strings, and finds the
bundled scripts, sounds, icons and themes. It prints one JSON line and exits 0 when everything
is there, 1 naming what is missing. It must never touch the agent's real data, settings or
keyring entries, and never need a network.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
SIP_CHILD_TIMEOUT_S = 30.0
# (catalogue, context, English source, expected es_MX text): strings whose loss a user would see.
KNOWN_TRANSLATIONS = (
    ("acuerdo", "Agent", "Ready", "Disponible"),
    ("script_editor", "ScriptEditor", "Say", "Decir"),
    ("setup", "Settings", "Set by your IT department", "Configurado por tu departamento de TI"),
)
REQUIRED_FILES = (
    "scripts/early-stage-mx.json",
    "audio/ringtone.wav",
    "audio/customer_es.wav",
    "icons/channel-call.svg",
    "themes/light.qss",
    # The dark look layers this over light.qss; without it dark mode is light text on white.
    "themes/dark.qss",
)


def self_command() -> list[str]:
    """How to start this same program again (the frozen executable, or this interpreter)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "desktop.cli"]


def check_resources() -> dict[str, Any]:
    missing = [name for name in REQUIRED_FILES if not (RESOURCES / name).is_file()]
    if missing:
        raise RuntimeError(f"missing bundled files under {RESOURCES}: {', '.join(missing)}")
    empty = [n for n in REQUIRED_FILES if n.endswith(".qss") and "{" not in _text(RESOURCES / n)]
    if empty:
        raise RuntimeError(f"bundled themes hold no style rules: {', '.join(empty)}")
    from scripts_engine import bundled_scripts

    scripts = bundled_scripts()
    return {"scripts": [s.id for s in scripts], "folder": str(RESOURCES)}


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def check_qt() -> dict[str, Any]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QIcon, QImageReader
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(["acuerdo-self-test"])
    label = QLabel("Acuerdo")
    label.show()
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    if "svg" not in formats:
        raise RuntimeError("Qt has no SVG image plugin (imageformats/qsvg)")
    svg = RESOURCES / "icons" / "channel-call.svg"
    # A missing file is check_resources' finding; here only drawing an SVG is in question.
    if svg.is_file() and QIcon(str(svg)).pixmap(24, 24).isNull():
        raise RuntimeError("the bundled SVG icons cannot be drawn")
    label.close()
    return {"version": qVersion(), "platform": app.platformName()}


def check_translations() -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication, QTranslator

    app = QCoreApplication.instance()
    assert app is not None, "check_qt runs first"
    loaded = []
    for catalogue, context, source, expected in KNOWN_TRANSLATIONS:
        path = RESOURCES / "i18n" / f"{catalogue}_es_MX.qm"
        translator = QTranslator()
        if not translator.load(str(path)):
            raise RuntimeError(f"es_MX catalogue missing or unreadable: {path.name}")
        got = translator.translate(context, source)
        if got != expected:
            raise RuntimeError(f"{path.name} translates {source!r} as {got!r}, not {expected!r}")
        # en_US is the source language: with no catalogue installed the text is unchanged.
        if QCoreApplication.translate(context, source) != source:
            raise RuntimeError(f"en_US text for {source!r} is not the source text")
        loaded.append(path.name)
    return {"es_MX": loaded, "en_US": "source"}


def check_store() -> dict[str, Any]:
    from sync.client import LocalStore

    with tempfile.TemporaryDirectory(prefix="acuerdo-self-test-") as folder:
        store = LocalStore(Path(folder) / "desktop.sqlite")
        try:
            store.set_value("self_test", "1")
            if store.get_value("self_test") != "1":
                raise RuntimeError("the local store lost a value it had just committed")
            pragmas = store.pragmas()
        finally:
            store.close()
    return pragmas


def check_keyring() -> dict[str, Any]:
    from desktop.settings.secrets import keyring_backend_name

    name = keyring_backend_name()
    if name is None:
        raise RuntimeError("no usable keyring backend (install a Secret Service or keyrings.alt)")
    return {"backend": name}


def check_sip() -> dict[str, Any]:
    """Runs the endpoint in a child: a missing pjsua2 library can abort a process."""
    try:
        done = subprocess.run(
            [*self_command(), "--self-test-sip"],
            capture_output=True,
            text=True,
            timeout=SIP_CHILD_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(
            f"the pjsua2 endpoint did not start in {SIP_CHILD_TIMEOUT_S:.0f} s"
        ) from None
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"pjsua2 endpoint failed (exit {done.returncode}): {tail}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def sip_child() -> int:
    """The child side of check_sip: create the endpoint, bind loopback, destroy it."""
    import pjsua2 as pj

    from softphone import Phone, PhoneConfig

    class _Quiet:
        def on_incoming(self, call: object) -> None:
            pass

        def on_call_changed(self, call: object) -> None:
            pass

    phone = Phone(PhoneConfig(user="selftest"), _Quiet())
    phone.start()
    contact = phone.contact_uri
    phone.pump()
    version = pj.Endpoint.instance().libVersion().full
    phone.stop()
    print(json.dumps({"pjsip": version, "bound": contact.startswith("sip:")}))
    return 0


CHECKS: tuple[tuple[str, Callable[[], dict[str, Any]]], ...] = (
    ("resources", check_resources),
    ("qt", check_qt),
    ("translations", check_translations),
    ("store", check_store),
    ("keyring", check_keyring),
    ("sip", check_sip),
)


def run_self_test() -> tuple[int, dict[str, Any]]:
    report: dict[str, Any] = {"self_test": "ok", "frozen": bool(getattr(sys, "frozen", False))}
    missing: list[str] = []
    failed: set[str] = set()
    for name, check in CHECKS:
        if name == "translations" and "qt" in failed:
            missing.append("translations: Qt did not start")
            continue
        try:
            report[name] = check()
        except Exception as exc:  # every fault becomes a line of the report
            failed.add(name)
            missing.append(f"{name}: {exc}")
    if missing:
        report["self_test"] = "failed"
        report["missing"] = missing
    return (1 if missing else 0), report


def main_self_test() -> int:
    code, report = run_self_test()
    print(json.dumps(report, ensure_ascii=False, default=str), flush=True)
    return code
