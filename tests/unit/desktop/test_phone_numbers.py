"""Manual dial checks: E.164 validation, on the debtor's record, flags, the calling window;
and every dialling text has its es-MX translation."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desktop.agent.campaign_rules import CampaignRules
from desktop.agent.dial_settings import DialSettings
from desktop.agent.own_calls import refusal_text
from desktop.agent.phone_numbers import check_dial, to_e164
from desktop.common.i18n import install_translator, translate
from sync.protocol import ContactPoint, DebtorProfile

# 17:00 UTC is 11:00 in Mexico City: inside the default 08:00-21:00 window.
NOON_MX = dt.datetime(2026, 11, 23, 17, 0, tzinfo=dt.UTC)
NIGHT_MX = dt.datetime(2026, 11, 24, 5, 0, tzinfo=dt.UTC)  # 23:00 the day before
AGENT_DIR = Path(__file__).resolve().parents[3] / "desktop" / "agent"


def debtor(*contacts: ContactPoint, dnc: bool = False) -> DebtorProfile:
    return DebtorProfile(
        id=7,
        first_name="Ana",
        last_name="Ruiz",
        full_name="Ana Ruiz",
        timezone="America/Mexico_City",
        region="CDMX",
        do_not_call=dnc,
        contact_points=list(contacts),
    )


MOBILE = ContactPoint(id=1, kind="phone", value="+52 55 1234 5678", label="celular")
HOME = ContactPoint(id=2, kind="phone", value="+52 33 3615 0000", label="casa", valid=False)
WORK = ContactPoint(id=3, kind="phone", value="+52 81 8340 1234", do_not_call=True)


def test_e164_accepts_mexican_numbers_with_or_without_the_country_code() -> None:
    assert to_e164("55 1234 5678") == "+525512345678"
    assert to_e164("+52 (55) 1234-5678") == "+525512345678"
    assert to_e164("+34 912 345 678") == "+34912345678"
    assert to_e164("12345") is None
    assert to_e164("call me") is None


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("5512345678", None),
        ("+52 55 1234 5678", None),
        ("555", "invalid"),
        ("+52 55 9999 0000", "not_on_record"),
        ("+52 33 3615 0000", "wrong_number"),
        ("+52 81 8340 1234", "do_not_call"),
    ],
)
def test_check_dial_gives_the_reason(typed: str, refusal: str | None) -> None:
    check = check_dial(typed, debtor(MOBILE, HOME, WORK), CampaignRules(), NOON_MX)
    assert check.refusal == refusal
    assert check.allowed is (refusal is None)


def test_a_do_not_call_debtor_and_the_calling_window_are_respected() -> None:
    rules = CampaignRules()
    assert check_dial("5512345678", debtor(MOBILE, dnc=True), rules, NOON_MX).refusal == (
        "do_not_call"
    )
    assert check_dial("5512345678", debtor(MOBILE), rules, NIGHT_MX).refusal == "outside_window"


def test_dial_settings_read_the_environment_when_there_are_no_settings() -> None:
    env = {"ACUERDO_SIP_TRUNK": "sip:127.0.0.1:5099", "ACUERDO_PREVIEW_COUNTDOWN_S": "5"}
    settings = DialSettings.load(None, env)
    assert settings.preview_countdown_s == 5 and not settings.progressive_auto_answer
    assert settings.trunk_uri("+525512345678") == "sip:+525512345678@127.0.0.1:5099"
    assert DialSettings.load(None, {}).trunk_uri("+525512345678") is None


DIALLING_MODULES = (
    "preview_bar",
    "callbacks_model",
    "callbacks_panel",
    "own_calls",
    "manual_dial",
    "dialing_view",
    "sign_out",
    "shortcuts",
)


def _dialling_strings() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for name in DIALLING_MODULES:
        source = (AGENT_DIR / f"{name}.py").read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("translate", "QT_TRANSLATE_NOOP")
                and len(node.args) >= 2
                and all(isinstance(a, ast.Constant) for a in node.args[:2])
            ):
                found.add((str(node.args[0].value), str(node.args[1].value)))  # type: ignore[attr-defined]
    return found


def test_every_dialling_text_has_a_spanish_translation_with_its_placeholders(
    qapp: QApplication,
) -> None:
    strings = _dialling_strings()
    assert len(strings) > 40
    translator = install_translator(qapp, "es_MX")
    assert translator is not None
    try:
        untranslated = sorted(s for s in strings if translate(*s) == s[1])
        assert untranslated == []
        for context, text in strings:
            wanted = set(re.findall(r"\{\w+\}", text))
            assert set(re.findall(r"\{\w+\}", translate(context, text))) == wanted, text
        check = check_dial("+52 81 8340 1234", debtor(MOBILE, WORK), CampaignRules(), NOON_MX)
        assert refusal_text(check).startswith("No llamar")
    finally:
        QCoreApplication.removeTranslator(translator)
