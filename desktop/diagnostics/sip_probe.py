"""The child process behind the SIP diagnostics: register, place a test call, measure it.

`acuerdo --sip-probe` reads one JSON request on stdin (registrar, transport, user, password,
echo URI), starts a softphone, waits for the registration outcome, calls the echo target, lets
audio and RTCP flow for a few seconds, hangs up and prints one JSON line of results. Running
apart from the desk means a SIP fault (or a second pjsua2 endpoint) can never take the agent's
app down. It must never print the password, and never run longer than its deadlines.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from softphone import CallInfo, Phone, PhoneConfig, RegistrationInfo, SoftphoneError

REGISTER_WAIT_S = 10.0
ANSWER_WAIT_S = 10.0
MEDIA_S = 4.0  # long enough for a few RTCP reports, short enough for a support call


class _Listener:
    def __init__(self) -> None:
        self.calls: dict[int, CallInfo] = {}

    def on_incoming(self, call: CallInfo) -> None:
        pass

    def on_call_changed(self, call: CallInfo) -> None:
        self.calls[call.call_id] = call

    def on_registration(self, info: RegistrationInfo) -> None:
        pass


def _pump_until(phone: Phone, done: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        phone.pump()
        if done():
            return True
        time.sleep(0.01)
    return bool(done())


def _register(phone: Phone) -> dict[str, Any]:
    if phone.config.registrar is None:
        return {
            "name": "sip_registration",
            "ok": True,
            "detail": "no registrar configured",
            "figures": {},
            "skipped": True,
        }
    started = time.monotonic()
    settled = _pump_until(
        phone,
        lambda: phone.registration.state in ("registered", "failed", "retrying"),
        REGISTER_WAIT_S,
    )
    info = phone.registration
    figures = {
        "state": info.state,
        "sip_status": info.sip_status,
        "seconds": round(time.monotonic() - started, 2),
    }
    ok = settled and info.state == "registered"
    detail = f"{info.state} at {info.registrar}" + (f": {info.reason}" if info.reason else "")
    return {
        "name": "sip_registration",
        "ok": ok,
        "detail": detail,
        "figures": figures,
        "skipped": False,
    }


def _test_call(phone: Phone, listener: _Listener, target: str | None) -> dict[str, Any]:
    if not target:
        return {
            "name": "test_call",
            "ok": True,
            "detail": "no test call number configured",
            "figures": {},
            "skipped": True,
        }
    placed = time.monotonic()
    call_id = phone.make_call(target)

    def state() -> str:
        info = phone.call(call_id)
        return info.state if info else "disconnected"

    answered = _pump_until(phone, lambda: state() in ("confirmed", "disconnected"), ANSWER_WAIT_S)
    if not answered or state() != "confirmed":
        last = listener.calls.get(call_id)
        reason = f"{last.sip_status} {last.reason}" if last else "no answer"
        if phone.call(call_id) is not None:
            phone.hangup(call_id)
        return {
            "name": "test_call",
            "ok": False,
            "detail": f"test call failed: {reason}",
            "figures": {},
            "skipped": False,
        }
    setup_ms = round((time.monotonic() - placed) * 1000, 1)
    _pump_until(phone, lambda: False, MEDIA_S)
    info = phone.call(call_id)
    figures: dict[str, Any] = {
        "setup_ms": setup_ms,
        "rx_rtp_packets": info.rx_rtp_packets if info else 0,
    }
    if info is not None and info.quality is not None:
        figures.update(
            rtt_ms=info.quality.rtt_ms,
            mos=info.quality.mos,
            rx_loss_pct=info.quality.rx_loss_pct,
            jitter_ms=info.quality.rx_jitter_ms,
        )
    phone.hangup(call_id)
    _pump_until(phone, lambda: phone.call(call_id) is None, 3.0)
    ok = figures["rx_rtp_packets"] > 0
    detail = "audio came back" if ok else "connected, but no audio came back"
    return {"name": "test_call", "ok": ok, "detail": detail, "figures": figures, "skipped": False}


def sip_probe_main() -> int:
    try:
        request = json.loads(sys.stdin.read() or "{}")
        config = PhoneConfig(
            user=request.get("user") or "diagnostics",
            registrar=request.get("registrar"),
            transport=request.get("transport") or "udp",
            password=request.get("password"),
        )
    except (ValueError, TypeError) as exc:
        print(f"bad probe request: {exc}", file=sys.stderr)
        return 2
    listener = _Listener()
    phone = Phone(config, listener)
    try:
        phone.start()
    except SoftphoneError as exc:
        print(f"SIP endpoint did not start: {exc}", file=sys.stderr)
        return 1
    try:
        results = [_register(phone), _test_call(phone, listener, request.get("echo_uri"))]
    except SoftphoneError as exc:
        results = [
            {"name": "test_call", "ok": False, "detail": str(exc), "figures": {}, "skipped": False}
        ]
    finally:
        phone.stop()
    print(json.dumps({"results": results}), flush=True)
    return 0
