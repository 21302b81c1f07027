"""The registration state machine: what each registrar answer shows the agent."""

from __future__ import annotations

from softphone.registration import RegistrationTracker, is_retried

REGISTRAR = "sip:127.0.0.1:5060"


def test_without_registrar_the_phone_is_unregistered() -> None:
    assert RegistrationTracker(None, 15).info.state == "unregistered"


def test_success_then_silent_refresh() -> None:
    tracker = RegistrationTracker(REGISTRAR, 15)
    assert tracker.info.state == "registering"
    registered = tracker.result(200, "OK", 300)
    assert registered.state == "registered" and registered.expires_s == 300
    assert tracker.started() is None  # a refresh does not flicker the status bar


def test_timeouts_and_server_errors_are_retried_with_the_reason() -> None:
    tracker = RegistrationTracker(REGISTRAR, 7)
    tracker.result(200, "OK", 300)
    info = tracker.result(408, "Request Timeout", 0)
    assert info.state == "retrying" and info.retry_in_s == 7 and info.reason == "Request Timeout"
    assert tracker.started() is not None and tracker.info.state == "registering"
    assert tracker.info.reason == "Request Timeout"  # still shown while trying again
    assert tracker.result(200, "OK", 60).state == "registered"
    assert all(is_retried(code) for code in (408, 480, 500, 502, 503, 504, 600, 603))


def test_wrong_password_is_final_and_says_why() -> None:
    tracker = RegistrationTracker(REGISTRAR, 15)
    info = tracker.result(403, "", 0)
    assert info.state == "failed" and info.reason == "SIP 403" and info.sip_status == 403
    assert not is_retried(401) and not is_retried(403) and not is_retried(404)


def test_unregister_answer() -> None:
    tracker = RegistrationTracker(REGISTRAR, 15)
    assert tracker.result(200, "OK", 0).state == "unregistered"
