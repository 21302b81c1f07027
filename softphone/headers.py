"""Reading and writing the SIP headers a dialer handoff rides on, as pure functions.

The dialer marks each bridged INVITE with `X-Acuerdo-Handoff: <id>` and, when the call must be
answered by itself, `Call-Info: <uri>;answer-after=N`. This module turns raw SIP text into those
two facts and builds them for the dialer side. It must never import pjsua2 nor raise on
malformed input from the wire: anything it cannot read is simply "absent" (None).
"""

from __future__ import annotations

import math
import re

HANDOFF_HEADER = "X-Acuerdo-Handoff"
CALL_INFO_HEADER = "Call-Info"
# A supervisor's monitor leg carries the hub-signed grant (softphone.monitor checks it).
GRANT_HEADER = "X-Acuerdo-Grant"

# Handoff ids are opaque tokens minted by the hub; anything wider than this is not ours.
_HANDOFF_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:~+\-]{0,127}$")
# Grants are "<base64url>.<base64url>" (sync.hub.grants, at most 2000 characters).
_GRANT_TOKEN = re.compile(r"^[A-Za-z0-9_\-]{1,1900}\.[A-Za-z0-9_\-]{1,100}$")
# A generous upper bound: nobody asks a phone to answer a day later.
_MAX_ANSWER_AFTER_S = 86_400.0


def parse_headers(message: str) -> dict[str, list[str]]:
    """Header fields of a raw SIP message, keyed by lower-cased name, in arrival order.

    The start line and the body are skipped; folded continuation lines are joined.
    """
    headers: dict[str, list[str]] = {}
    lines = message.replace("\r\n", "\n").split("\n")
    last_name: str | None = None
    for line in lines[1:]:
        if line == "" or line.strip() == "":
            break  # end of the header section; the SDP body follows
        if line[0] in " \t" and last_name is not None:
            values = headers[last_name]
            values[-1] = f"{values[-1]} {line.strip()}"
            continue
        name, sep, value = line.partition(":")
        if not sep or not name.strip():
            last_name = None
            continue
        last_name = name.strip().lower()
        headers.setdefault(last_name, []).append(value.strip())
    return headers


def handoff_id_from(headers: dict[str, list[str]]) -> str | None:
    """The handoff id of an INVITE, or None when absent or not a well-formed id."""
    for value in headers.get(HANDOFF_HEADER.lower(), []):
        candidate = value.strip()
        if _HANDOFF_ID.match(candidate):
            return candidate
    return None


def grant_token_from(headers: dict[str, list[str]]) -> str | None:
    """The monitor grant an INVITE carries, or None when absent or not token-shaped."""
    for value in headers.get(GRANT_HEADER.lower(), []):
        candidate = value.strip()
        if _GRANT_TOKEN.match(candidate):
            return candidate
    return None


def is_grant_token(token: str) -> bool:
    """Whether `token` may go into a SIP header as a grant (no spaces, quotes or CR/LF)."""
    return isinstance(token, str) and _GRANT_TOKEN.match(token) is not None


def answer_after_from(headers: dict[str, list[str]]) -> float | None:
    """Seconds after which the caller asks us to answer by ourselves, or None if not asked.

    Reads every `Call-Info` entry (several headers or comma-separated values) and returns the
    first well-formed `answer-after` parameter: a finite number of seconds, 0 or more.
    """
    for value in headers.get(CALL_INFO_HEADER.lower(), []):
        for entry in _split_outside_brackets(value):
            seconds = _answer_after_param(entry)
            if seconds is not None:
                return seconds
    return None


def handoff_headers(handoff_id: str, auto_answer: bool, host: str) -> list[tuple[str, str]]:
    """The extra INVITE headers a dialer sends to hand a call off to an agent's phone."""
    if not _HANDOFF_ID.match(handoff_id):
        raise ValueError(f"not a valid handoff id: {handoff_id!r}")
    if not host or any(c in host for c in "<>;,\r\n\t "):
        raise ValueError(f"not a valid host for Call-Info: {host!r}")
    headers = [(HANDOFF_HEADER, handoff_id)]
    if auto_answer:
        headers.append((CALL_INFO_HEADER, f"<sip:{host}>;answer-after=0"))
    return headers


def _split_outside_brackets(value: str) -> list[str]:
    """Split a header value on commas that are not inside <...> or quotes."""
    parts: list[str] = []
    depth = 0
    quoted = False
    current: list[str] = []
    for char in value:
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "<":
            depth += 1
        elif not quoted and char == ">" and depth > 0:
            depth -= 1
        elif char == "," and depth == 0 and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def _answer_after_param(entry: str) -> float | None:
    # Parameters follow the closing '>' of the URI; a ';' inside the URI belongs to the URI.
    close = entry.rfind(">")
    params = entry[close + 1 :] if close >= 0 else entry
    for param in params.split(";"):
        name, sep, raw = param.partition("=")
        if name.strip().lower() != "answer-after" or not sep:
            continue
        try:
            seconds = float(raw.strip().strip('"'))
        except ValueError:
            continue
        if math.isfinite(seconds) and 0 <= seconds <= _MAX_ANSWER_AFTER_S:
            return seconds
    return None
