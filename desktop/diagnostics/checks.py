"""The diagnostics page's checks, each a plain function returning a `CheckResult`.

Hub reachable (with the TLS certificate verified for wss://), SIP registration and a test
call (run by `sip_probe` in a child process so a SIP fault cannot take the desk down), audio
devices, the keyring backend and the versions of everything that matters to support. The
checks never raise: an environment problem is a failed result with a reason. They must never
import Qt widgets, and never put a secret into a result (results go into the support bundle).
"""

from __future__ import annotations

import asyncio
import json
import platform
import ssl
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from typing import Any

from desktop.selftest import self_command
from desktop.settings.layered import Settings
from desktop.settings.secrets import SecretStore, keyring_backend_name, sip_scope

HUB_TIMEOUT_S = 5.0
SIP_PROBE_TIMEOUT_S = 45.0


@dataclass(frozen=True)
class CheckResult:
    name: str  # stable id: hub, sip_registration, test_call, audio, keyring
    ok: bool
    detail: str
    figures: dict[str, Any] = field(default_factory=dict)
    skipped: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


async def check_hub(
    url: str, timeout: float = HUB_TIMEOUT_S, tls: ssl.SSLContext | None = None
) -> CheckResult:
    """Open (and close) a websocket to the hub; for wss:// the certificate must verify."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidHandshake, InvalidURI

    secure = url.startswith("wss://")
    context = (tls or ssl.create_default_context()) if secure else None
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout), connect(url, ssl=context, open_timeout=timeout):
            elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    except ssl.SSLCertVerificationError as exc:
        return CheckResult("hub", False, f"TLS certificate not valid: {exc.verify_message}")
    except ssl.SSLError as exc:
        return CheckResult("hub", False, f"TLS failed: {exc.reason or exc}")
    except TimeoutError:
        return CheckResult("hub", False, f"no answer from {url} within {timeout:.0f} s")
    except InvalidURI as exc:
        return CheckResult("hub", False, f"not a websocket address: {exc}")
    except (OSError, InvalidHandshake) as exc:
        return CheckResult("hub", False, f"cannot reach {url}: {exc}")
    detail = "reachable, TLS certificate valid" if secure else "reachable (not encrypted)"
    return CheckResult("hub", True, detail, {"connect_ms": elapsed_ms, "tls": secure})


def check_audio(settings: Settings) -> CheckResult:
    from softphone.audio.devices import list_devices

    devices = list_devices()
    inputs = [d.name for d in devices if d.is_input]
    outputs = [d.name for d in devices if d.is_output]
    figures = {"inputs": len(inputs), "outputs": len(outputs)}
    absent = [
        f"{key}={settings.text(key)}"
        for key, names in (
            ("headset_output", outputs),
            ("headset_input", inputs),
            ("ringer_output", outputs),
        )
        if settings.text(key) and settings.text(key) not in names
    ]
    if not inputs or not outputs:
        return CheckResult("audio", False, "no microphone or no speaker found", figures)
    if absent:
        return CheckResult(
            "audio", False, f"chosen devices not present: {', '.join(absent)}", figures
        )
    return CheckResult("audio", True, f"{len(inputs)} inputs, {len(outputs)} outputs", figures)


def check_keyring() -> CheckResult:
    name = keyring_backend_name()
    if name is None:
        return CheckResult("keyring", False, "no usable keyring: passwords cannot be remembered")
    return CheckResult("keyring", True, name, {"backend": name})


def check_sip(settings: Settings, secrets: SecretStore | None = None) -> list[CheckResult]:
    """Registration and the echo test call, measured by `sip_probe` in a child process."""
    registrar, user = settings.text("sip_registrar"), settings.text("sip_user")
    echo = settings.text("echo_test_uri")
    if not registrar and not echo:
        return [
            CheckResult("sip_registration", True, "no registrar configured", skipped=True),
            CheckResult("test_call", True, "no test call number configured", skipped=True),
        ]
    password = (secrets or SecretStore()).load("sip_password", sip_scope(registrar, user))
    request = {
        "registrar": registrar or None,
        "transport": settings.text("sip_transport"),
        "user": user or "diagnostics",
        "password": password,
        "echo_uri": echo or None,
    }
    try:
        done = subprocess.run(
            [*self_command(), "--sip-probe"],
            input=json.dumps(request),  # stdin, never argv: a password must not show in `ps`
            capture_output=True,
            text=True,
            timeout=SIP_PROBE_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [CheckResult("sip_registration", False, "the SIP probe did not finish in time")]
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return [CheckResult("sip_registration", False, f"SIP probe failed: {tail}")]
    return [CheckResult(**r) for r in json.loads(lines[-1])["results"]]


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "os": platform.platform()}
    for dist in ("acuerdo", "PySide6", "pjsua2-python", "websockets", "SQLAlchemy", "keyring"):
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = "not installed"
    found["frozen"] = str(bool(getattr(sys, "frozen", False)))
    return found


async def run_all(settings: Settings) -> list[CheckResult]:
    """Every check, the blocking ones in the default executor so the GUI loop keeps running."""
    loop = asyncio.get_running_loop()
    results = [await check_hub(settings.text("hub_url"))]
    results += await loop.run_in_executor(None, check_sip, settings)
    results.append(await loop.run_in_executor(None, check_audio, settings))
    results.append(check_keyring())
    return results
