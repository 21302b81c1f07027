"""What the registrar's answers mean for the agent: the registration state machine, pure.

pjsua2 reports "a REGISTER went out" and "this answer came back"; `RegistrationTracker` turns
those into the states the status bar shows (registering, registered, failed with the reason,
retrying in N seconds) and decides which failures pjsua retries by itself (timeouts, 5xx, 6xx:
the registrar or the network is down and will come back) and which need the agent (401/403: the
password is wrong; retrying would only lock the account). It must never import pjsua2.
"""

from __future__ import annotations

from softphone.model import RegistrationInfo

# pjsua_acc.c schedules a re-registration after exactly these; anything else is final.
_RETRIED = frozenset({408, 480, 500, 502, 503, 504})


def is_retried(status: int) -> bool:
    return status in _RETRIED or 600 <= status <= 699


class RegistrationTracker:
    """Folds pjsua2 registration events into the current `RegistrationInfo`."""

    def __init__(self, registrar: str | None, retry_s: int) -> None:
        self._registrar = registrar
        self._retry_s = retry_s
        state = "registering" if registrar is not None else "unregistered"
        self.info = RegistrationInfo(state, registrar)

    def started(self) -> RegistrationInfo | None:
        """A REGISTER went out. A refresh of a live registration changes nothing visible."""
        if self.info.state == "registered":
            return None
        return self._set(RegistrationInfo("registering", self._registrar, reason=self.info.reason))

    def result(self, status: int, reason: str, expires_s: int) -> RegistrationInfo:
        """The registrar (or the transport, for timeouts) answered a REGISTER."""
        if 200 <= status <= 299:
            if expires_s > 0:
                return self._set(
                    RegistrationInfo("registered", self._registrar, status, reason, expires_s)
                )
            return self._set(RegistrationInfo("unregistered", self._registrar, status, reason))
        why = reason or f"SIP {status}"
        if is_retried(status):
            return self._set(
                RegistrationInfo("retrying", self._registrar, status, why, retry_in_s=self._retry_s)
            )
        return self._set(RegistrationInfo("failed", self._registrar, status, why))

    def _set(self, info: RegistrationInfo) -> RegistrationInfo:
        self.info = info
        return info
