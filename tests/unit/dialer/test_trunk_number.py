"""The simulator's trunk answers INVITEs that name a phone number, and only those."""

from __future__ import annotations

import pytest

from sync.dialer.sip_caller import trunk_number


@pytest.mark.parametrize(
    ("request_line", "number"),
    [
        ("INVITE sip:+525512345678@127.0.0.1:5070 SIP/2.0\r\nVia: x", "+525512345678"),
        ("INVITE sip:5512345678@127.0.0.1 SIP/2.0", "5512345678"),
        ("INVITE sip:ana@127.0.0.1:5070 SIP/2.0", None),
        ("INVITE sip:12@127.0.0.1 SIP/2.0", None),
        ("OPTIONS sip:5512345678@127.0.0.1 SIP/2.0", None),
    ],
)
def test_trunk_number_reads_the_request_line(request_line: str, number: str | None) -> None:
    assert trunk_number(request_line) == number
