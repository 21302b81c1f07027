"""Auto-answer requests in every vendor dialect, trusted dialer sources and refusal statuses."""

from __future__ import annotations

import pytest

from softphone.answer_policy import AnswerRules, TrustedSources, auto_answer_request
from softphone.headers import parse_headers


def _headers(*lines: str) -> dict[str, list[str]]:
    return parse_headers("INVITE sip:a@b SIP/2.0\r\n" + "\r\n".join(lines) + "\r\n\r\nv=0")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Call-Info: <sip:127.0.0.1>;answer-after=0", 0.0),
        ("Call-Info: <sip:x>;answer-after=3", 3.0),
        ("Alert-Info: <http://www.notused.com>;info=alert-autoanswer", 0.0),
        ("Alert-Info: <http://www.notused.com>;info=alert-autoanswer;delay=2", 2.0),
        ("Alert-Info: info=alert-autoanswer", 0.0),
        ("Alert-Info: <http://www.notused.com>;answer-after=0", 0.0),
        ("Alert-Info: <sip:x>;info=Auto Answer", 0.0),
        ("Alert-Info: Auto Answer", 0.0),
        ("Alert-Info: info=Auto Answer", 0.0),
        ("Alert-Info: info=alert-autoanswer;delay=4", 4.0),
        ("Alert-Info: Ring Answer", 0.0),
        ("Alert-Info: <http://127.0.0.1>;info=intercom", 0.0),
        ("Answer-Mode: Auto", 0.0),
        ("Answer-Mode: Auto;require", 0.0),
        ("Alert-Info: <http://www.notused.com>;info=ring2", None),
        ("Alert-Info: <http://x>;answer-after=-1", None),
        ("Alert-Info: <http://x>;answer-after=nan", None),
        ("Answer-Mode: Manual", None),
        ("Alert-Info: ;;;=", None),
        ("Subject: info=alert-autoanswer", None),
    ],
)
def test_auto_answer_dialects(line: str, expected: float | None) -> None:
    assert auto_answer_request(_headers(line)) == expected


def test_the_earliest_request_wins() -> None:
    headers = _headers("Call-Info: <sip:x>;answer-after=5", "Alert-Info: info=alert-autoanswer")
    assert auto_answer_request(headers) == 0.0


def test_trusted_sources_accept_ips_networks_and_resolved_hosts() -> None:
    resolved = {"dialer.local": ["10.1.2.3"]}
    trusted = TrustedSources.from_entries(
        ["192.168.5.7", "10.9.0.0/16", "dialer.local"], resolve=lambda h: resolved.get(h, [])
    )
    assert trusted.contains("192.168.5.7:5060")
    assert trusted.contains("10.9.44.1")
    assert trusted.contains("10.1.2.3:5080")
    assert not trusted.contains("192.168.5.8:5060")
    assert not trusted.contains("[::1]:5060")
    assert not trusted.contains("garbage") and not trusted.contains(None)
    with pytest.raises(ValueError, match="not an IP"):
        TrustedSources.from_entries(["no.such.host"], resolve=lambda h: [])
    with pytest.raises(ValueError, match="empty"):
        TrustedSources.from_entries([" "])


def test_ipv6_sources() -> None:
    trusted = TrustedSources.from_entries(["::1"])
    assert trusted.contains("[::1]:5060") and not trusted.contains("127.0.0.1:5060")


AUTO = _headers("Alert-Info: <http://www.notused.com>;info=alert-autoanswer")


def test_trusted_source_auto_answers_untrusted_rings_or_gets_403() -> None:
    trusted = TrustedSources.from_entries(["10.0.0.1"])
    rules = AnswerRules(trusted)
    assert rules.decide(AUTO, "10.0.0.1:5060", "h-1").action == "auto_answer"
    assert rules.decide(AUTO, "10.0.0.1:5060", "h-1").answer_after_s == 0.0
    ringing = rules.decide(AUTO, "10.6.6.6:5060", "h-1")
    assert ringing.action == "ring" and ringing.answer_after_s is None
    strict = AnswerRules(trusted, untrusted_policy="reject")
    refused = strict.decide(AUTO, "10.6.6.6:5060", "h-1")
    assert (refused.action, refused.status) == ("reject", 403)
    assert strict.decide(_headers(), "10.0.0.1:5060", "h-1").action == "ring"


def test_unpaired_policy_rejects_with_480() -> None:
    rules = AnswerRules(TrustedSources.from_entries(["10.0.0.1"]), unpaired_policy="reject")
    no_handoff = rules.decide(AUTO, "10.0.0.1:5060", None)
    assert (no_handoff.action, no_handoff.status) == ("reject", 480)
    assert rules.unpaired().status == 480
    assert AnswerRules(TrustedSources(())).unpaired().action == "ring"
    assert AnswerRules(TrustedSources(())).decide(AUTO, "1.2.3.4", None).action == "ring"
