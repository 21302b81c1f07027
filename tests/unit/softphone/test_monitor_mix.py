"""The monitor mix table and its mode changes, and reading grants off SIP headers.

`rewire` is checked against a recorder of bridge calls (a unit test of that one piece; the
real bridge is exercised by tests/integration/softphone/test_monitor_audio.py): a mode change
touches only the links that differ, so the customer and the agent never drop out of the
supervisor's ear and nothing the mode does not list is ever connected.
"""

from __future__ import annotations

import pytest

from softphone.headers import grant_token_from, is_grant_token, parse_headers
from softphone.monitor import peek_claims
from softphone.monitor_legs import MIX, Media, rewire
from tests.integration.softphone.monitor_support import grant


class Slot:
    def __init__(self, name: str, calls: list[tuple[str, str, str]]) -> None:
        self.name = name
        self.calls = calls

    def startTransmit(self, sink: Media) -> None:
        assert isinstance(sink, Slot)
        self.calls.append(("start", self.name, sink.name))

    def stopTransmit(self, sink: Media) -> None:
        assert isinstance(sink, Slot)
        self.calls.append(("stop", self.name, sink.name))


def _slots(calls: list[tuple[str, str, str]]) -> dict[str, Media | None]:
    return {name: Slot(name, calls) for name in ("cust", "port", "sup")}


def test_the_table_is_architecture_section_6() -> None:
    assert set(MIX["listen"]) == {("cust", "sup"), ("mic", "sup")}
    assert set(MIX["coach"]) == set(MIX["listen"]) | {("sup", "speaker")}
    assert set(MIX["join"]) == set(MIX["coach"]) | {("sup", "cust")}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (None, "listen", {("start", "cust", "sup"), ("start", "port", "sup")}),
        ("listen", "coach", {("start", "sup", "port")}),
        ("coach", "join", {("start", "sup", "cust")}),
        ("join", "listen", {("stop", "sup", "port"), ("stop", "sup", "cust")}),
        ("listen", "listen", set()),
        (
            "join",
            None,
            {
                ("stop", "cust", "sup"),
                ("stop", "port", "sup"),
                ("stop", "sup", "port"),
                ("stop", "sup", "cust"),
            },
        ),
    ],
)
def test_a_mode_change_touches_only_what_differs(
    old: str | None, new: str | None, expected: set[tuple[str, str, str]]
) -> None:
    calls: list[tuple[str, str, str]] = []
    rewire(old, new, _slots(calls))  # type: ignore[arg-type]
    assert set(calls) == expected
    assert len(calls) == len(expected)


def test_a_missing_slot_is_skipped_and_wired_later() -> None:
    calls: list[tuple[str, str, str]] = []
    slots = _slots(calls)
    slots["cust"] = None  # the customer's media is being re-created (re-INVITE)
    rewire(None, "join", slots)
    assert set(calls) == {("start", "port", "sup"), ("start", "sup", "port")}


def test_grant_headers_are_read_strictly() -> None:
    token = grant("coach", "h-1")
    message = f"INVITE sip:ana@x SIP/2.0\r\nX-Acuerdo-Grant: {token}\r\nContent-Length: 0\r\n\r\n"
    assert grant_token_from(parse_headers(message)) == token
    assert is_grant_token(token)
    for bad in ("", "nodot", "a.b.c", 'x".y', "a b.c", "é.x", "a." + "b" * 200):
        assert not is_grant_token(bad)
        assert grant_token_from({"x-acuerdo-grant": [bad]}) is None
    assert peek_claims(token)["mode"] == "coach"
    assert peek_claims("%%%.x") == {}
