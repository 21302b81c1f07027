"""The answer policy against sipp: vendor auto-answer headers, trusted sources, refusals.

Each case renders a sipp UAC that fails unless the phone answers the way the policy says:
auto-answered (200 with nobody touching the phone), or refused with exactly 403 (untrusted
source under policy "reject") or 480 (no handoff under unpaired policy "reject").
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone import Phone, PhoneConfig
from tests.integration.softphone.support import SCENARIOS, AnsweringListener, Sipp, pump_until

pytestmark = [
    pytest.mark.sip,
    pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) not installed"),
]

HANDOFF = "      X-Acuerdo-Handoff: flood-[call_number]\n"
CALL_INFO = "      Call-Info: <sip:[local_ip]>;answer-after=0\n"
ANY_FINAL = (
    '  <recv response="486" optional="true" next="refused"/>\n'
    '  <recv response="503" optional="true" next="refused"/>\n'
    '  <recv response="200"/>\n'
)


def _scenario(workdir: Path, name: str, headers: list[str], expect: int) -> str:
    text = (SCENARIOS / "uac_flood.xml").read_text()
    assert HANDOFF in text and CALL_INFO in text and ANY_FINAL in text
    lines = "".join(f"      {h}\n" for h in headers)
    text = text.replace(HANDOFF + CALL_INFO, lines)
    final = (
        '  <recv response="200"/>\n'
        if expect == 200
        else f'  <recv response="{expect}" next="refused"/>\n'
    )
    text = text.replace(ANY_FINAL, final)
    path = workdir / f"{name}.xml"
    path.write_text(text)
    return str(path)


class AutoAnswering(AnsweringListener):
    """Answers whatever the phone marked for auto-answer (answer_after_s == 0)."""


@pytest.fixture
def make_phone() -> Iterator[object]:
    phones: list[Phone] = []

    def make(**settings: object) -> tuple[Phone, AnsweringListener]:
        listener = AutoAnswering()
        phone = Phone(PhoneConfig(**settings), listener)  # type: ignore[arg-type]
        listener.phone = phone
        phone.start()
        phones.append(phone)
        return phone, listener

    yield make
    for phone in phones:
        phone.stop()


VARIANTS = [
    "Alert-Info: <http://www.notused.com>;info=alert-autoanswer",
    "Alert-Info: <http://www.notused.com>;answer-after=0",
    "Alert-Info: info=Auto Answer",
    "Call-Info: <sip:127.0.0.1>;answer-after=0",
    "Answer-Mode: Auto",
]


def test_every_vendor_auto_answer_variant_is_answered_from_a_trusted_dialer(
    make_phone: object, tmp_path: Path
) -> None:
    phone, listener = make_phone()  # type: ignore[operator]
    for index, variant in enumerate(VARIANTS):
        scenario = _scenario(tmp_path, f"v{index}", [f"X-Acuerdo-Handoff: h-{index}", variant], 200)
        sipp = Sipp.calling(scenario, phone.contact_uri, tmp_path, "-d", "200")
        assert pump_until(phone.pump, lambda s=sipp: not s.running(), 15), variant
        code, output = sipp.finish()
        assert code == 0, (variant, output[-1500:])
    assert [call.answer_after_s for call in listener.incoming] == [0.0] * len(VARIANTS)


def test_untrusted_dialer_gets_403_and_unpaired_invite_gets_480(
    make_phone: object, tmp_path: Path
) -> None:
    phone, listener = make_phone(  # type: ignore[operator]
        trusted_sources=("10.99.0.0/16",), untrusted_policy="reject"
    )
    auto = "Alert-Info: <http://www.notused.com>;info=alert-autoanswer"
    scenario = _scenario(tmp_path, "untrusted", ["X-Acuerdo-Handoff: h-1", auto], 403)
    sipp = Sipp.calling(scenario, phone.contact_uri, tmp_path)
    assert pump_until(phone.pump, lambda: not sipp.running(), 15)
    code, output = sipp.finish()
    assert code == 0, output[-1500:]
    assert listener.incoming == [] and phone.calls() == []  # never rang at the desk
    phone.stop()

    phone, listener = make_phone(unpaired_policy="reject")  # type: ignore[operator]
    scenario = _scenario(tmp_path, "unpaired", [auto], 480)
    sipp = Sipp.calling(scenario, phone.contact_uri, tmp_path)
    assert pump_until(phone.pump, lambda: not sipp.running(), 15)
    code, output = sipp.finish()
    assert code == 0, output[-1500:]
    assert listener.incoming == []


def test_untrusted_auto_answer_request_only_rings(make_phone: object, tmp_path: Path) -> None:
    phone, listener = make_phone(trusted_sources=("10.99.0.1",))  # type: ignore[operator]
    auto = "Alert-Info: <http://www.notused.com>;info=alert-autoanswer"
    scenario = _scenario(tmp_path, "rings", ["X-Acuerdo-Handoff: h-2", auto], 200)
    sipp = Sipp.calling(scenario, phone.contact_uri, tmp_path, "-d", "100")
    assert pump_until(phone.pump, lambda: bool(listener.incoming), 10)
    ringing = listener.incoming[0]
    assert ringing.answer_after_s is None and ringing.state == "ringing"
    pump_until(phone.pump, lambda: False, 0.3)
    assert (phone.call(ringing.call_id) or ringing).state == "ringing"  # nobody answered it
    phone.answer(ringing.call_id)  # the agent does
    assert pump_until(phone.pump, lambda: not sipp.running(), 15)
    code, output = sipp.finish()
    assert code == 0, output[-1500:]
