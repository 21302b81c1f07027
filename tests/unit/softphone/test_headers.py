"""Reading X-Acuerdo-Handoff and Call-Info answer-after from raw SIP, and writing them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softphone.headers import (
    answer_after_from,
    handoff_headers,
    handoff_id_from,
    parse_headers,
)

INVITE = (
    "INVITE sip:agent@127.0.0.1:5062 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\r\n"
    "From: <sip:dialer@127.0.0.1>;tag=1\r\n"
    "To: <sip:agent@127.0.0.1>\r\n"
    "x-acuerdo-handoff:   h-123  \r\n"
    "Call-Info: <sip:127.0.0.1>;answer-after=0\r\n"
    "Subject: a folded\r\n"
    " header line\r\n"
    "Content-Type: application/sdp\r\n"
    "\r\n"
    "v=0\r\n"
    "X-Acuerdo-Handoff: body-is-not-a-header\r\n"
)


def calls_info(*values: str) -> dict[str, list[str]]:
    return {"call-info": list(values)}


def test_parse_headers_reads_names_case_insensitively_and_stops_at_the_body() -> None:
    headers = parse_headers(INVITE)
    assert headers["x-acuerdo-handoff"] == ["h-123"]
    assert headers["subject"] == ["a folded header line"]
    assert "v=0" not in str(headers)
    assert handoff_id_from(headers) == "h-123"
    assert answer_after_from(headers) == 0.0


def test_parse_headers_accepts_bare_newlines_and_skips_garbage() -> None:
    headers = parse_headers("INVITE x SIP/2.0\nno colon here\n: empty name\nCall-Info: <a>;x=1\n")
    assert headers == {"call-info": ["<a>;x=1"]}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["<sip:127.0.0.1>;answer-after=0"], 0.0),
        (["<sip:127.0.0.1>;answer-after=5"], 5.0),
        (["<sip:127.0.0.1>; Answer-After = 2.5"], 2.5),
        (['<sip:127.0.0.1>;answer-after="3"'], 3.0),
        (["<sip:127.0.0.1>;purpose=info;answer-after=1"], 1.0),
        (["<http://x/a;answer-after=9>;purpose=icon"], None),  # inside the URI, not a param
        (["<http://x/icon>;purpose=icon, <sip:127.0.0.1>;answer-after=4"], 4.0),
        (["<sip:a>;purpose=info", "<sip:b>;answer-after=6"], 6.0),
        (["<sip:127.0.0.1>;answer-after"], None),
        (["<sip:127.0.0.1>;answer-after=soon"], None),
        (["<sip:127.0.0.1>;answer-after=-1"], None),
        (["<sip:127.0.0.1>;answer-after=nan"], None),
        (["<sip:127.0.0.1>;answer-after=inf"], None),
        (["<sip:127.0.0.1>;answer-after=999999"], None),
        (["<sip:127.0.0.1>;answer-after=-1, <sip:x>;answer-after=2"], 2.0),
        (["<sip:127.0.0.1>;purpose=info"], None),
        ([], None),
    ],
)
def test_answer_after_variants(values: list[str], expected: float | None) -> None:
    assert answer_after_from(calls_info(*values)) == expected


def test_answer_after_is_absent_without_call_info() -> None:
    assert answer_after_from(parse_headers("INVITE x SIP/2.0\r\nTo: <sip:a>\r\n\r\n")) is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["h-123"], "h-123"),
        (["  8f14e45f-ceea-467f-a0e6-0123456789ab "], "8f14e45f-ceea-467f-a0e6-0123456789ab"),
        (["campaign:7.handoff~42+x"], "campaign:7.handoff~42+x"),
        ([""], None),
        (["has space"], None),
        (["-leading-dash"], None),
        (["x" * 129], None),
        (["<script>"], None),
        (["bad id", "h-2"], "h-2"),
        ([], None),
    ],
)
def test_handoff_id_variants(values: list[str], expected: str | None) -> None:
    assert handoff_id_from({"x-acuerdo-handoff": values}) == expected


def test_handoff_headers_for_predictive_and_preview() -> None:
    assert handoff_headers("h-1", True, "127.0.0.1") == [
        ("X-Acuerdo-Handoff", "h-1"),
        ("Call-Info", "<sip:127.0.0.1>;answer-after=0"),
    ]
    assert handoff_headers("h-1", False, "127.0.0.1") == [("X-Acuerdo-Handoff", "h-1")]


def test_written_headers_read_back() -> None:
    lines = "".join(f"{n}: {v}\r\n" for n, v in handoff_headers("h-9", True, "10.1.2.3"))
    headers = parse_headers(f"INVITE sip:a SIP/2.0\r\n{lines}\r\n")
    assert handoff_id_from(headers) == "h-9"
    assert answer_after_from(headers) == 0.0


@pytest.mark.parametrize("bad_id", ["", "a b", "h-1\r\nX-Evil: 1", "x" * 200])
def test_handoff_headers_refuse_header_injection(bad_id: str) -> None:
    with pytest.raises(ValueError):
        handoff_headers(bad_id, True, "127.0.0.1")


@pytest.mark.parametrize("bad_host", ["", "a>b", "h;x", "a\r\nb"])
def test_handoff_headers_refuse_bad_hosts(bad_host: str) -> None:
    with pytest.raises(ValueError):
        handoff_headers("h-1", True, bad_host)


@given(st.text())
def test_parsing_any_text_never_raises(message: str) -> None:
    headers = parse_headers(message)
    handoff = handoff_id_from(headers)
    seconds = answer_after_from(headers)
    assert handoff is None or handoff.strip() == handoff
    assert seconds is None or seconds >= 0
