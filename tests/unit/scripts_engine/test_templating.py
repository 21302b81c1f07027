"""Safe templating: rendering by locale, clear errors with positions, no code paths."""

from __future__ import annotations

import datetime as dt

import pytest

from scripts_engine import Money, TemplateError, parse_template, render_template

VARS: dict[str, object] = {
    "debtor.first_name": "Ana",
    "account.balance": Money(123456, "MXN"),
    "promise.due_date": dt.date(2024, 3, 5),
    "account.days_past_due": 12,
}


def test_money_renders_like_es_mx() -> None:
    assert render_template("{{ account.balance | money }}", VARS) == "$1,234.56"
    assert render_template("Saldo: {{account.balance|money}}.", VARS) == "Saldo: $1,234.56."


def test_money_in_en_us_names_the_peso() -> None:
    assert render_template("{{ account.balance | money }}", VARS, "en-US") == "MX$1,234.56"


def test_negative_and_small_amounts() -> None:
    assert render_template("{{ m | money }}", {"m": Money(-5)}) == "-$0.05"


def test_date_filter_uses_medium_style() -> None:
    assert render_template("{{ promise.due_date | date }}", VARS) == "5 mar 2024"


def test_upper_lower_chain_and_plain_values() -> None:
    assert render_template("{{ debtor.first_name | upper }}", VARS) == "ANA"
    assert render_template("{{ debtor.first_name | upper | lower }}", VARS) == "ana"
    assert render_template("{{ account.days_past_due }} días", VARS) == "12 días"


def test_unknown_variable_reports_position() -> None:
    with pytest.raises(TemplateError) as info:
        render_template("Hola {{ debtor.last_name }}", VARS)
    assert info.value.position == 5
    assert "debtor.last_name" in str(info.value)


def test_unknown_filter_reports_position_at_parse() -> None:
    source = "Hola {{ debtor.first_name | shout }}"
    with pytest.raises(TemplateError, match="unknown filter 'shout'") as info:
        parse_template(source)
    assert source[info.value.position :].startswith("shout")


def test_filter_on_wrong_value_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="money filter needs an amount"):
        render_template("{{ debtor.first_name | money }}", VARS)


@pytest.mark.parametrize(
    "source",
    [
        "{{ debtor.__class__ }}",
        "{{ __import__ }}",
        "{{ debtor._secret }}",
        "{{ a[0] }}",
        "{{ a() }}",
    ],
)
def test_attribute_and_call_injection_is_rejected(source: str) -> None:
    with pytest.raises(TemplateError, match="invalid variable name"):
        parse_template(source)


def test_deep_dotted_name_is_just_an_unknown_variable() -> None:
    with pytest.raises(TemplateError, match=r"unknown variable 'a\.b\.c\.d'"):
        render_template("{{ a.b.c.d }}", VARS)


def test_names_are_looked_up_whole_never_walked() -> None:
    class Debtor:
        first_name = "leaked"

    # Even with an object under "debtor", "debtor.first_name" is a key, not an attribute.
    with pytest.raises(TemplateError, match="unknown variable"):
        render_template("{{ debtor.first_name }}", {"debtor": Debtor()})


@pytest.mark.parametrize(
    "source",
    ["{0.__globals__}", "{debtor.first_name}", "%(x)s", "${x}", "{ {x} }", "${{", "a { b } c"],
)
def test_format_style_text_is_literal(source: str) -> None:
    if "{{" in source:
        with pytest.raises(TemplateError):
            render_template(source, VARS)
    else:
        assert render_template(source, VARS) == source


def test_unbalanced_braces_have_positions() -> None:
    with pytest.raises(TemplateError, match="never closed") as opened:
        parse_template("abc {{ x ")
    assert opened.value.position == 4
    with pytest.raises(TemplateError, match="without a matching") as closed:
        parse_template("abc }} x")
    assert closed.value.position == 4
    with pytest.raises(TemplateError, match="empty placeholder"):
        parse_template("{{   }}")


def test_templates_are_parsed_once() -> None:
    assert parse_template("Hola {{ debtor.first_name }}") is parse_template(
        "Hola {{ debtor.first_name }}"
    )
    assert parse_template("Hola {{ debtor.first_name }}").names == ("debtor.first_name",)


def test_unknown_locale_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="unknown locale"):
        render_template("x", VARS, "zz-ZZ")
