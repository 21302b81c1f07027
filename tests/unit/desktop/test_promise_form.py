"""Promise checks: amount > 0 and within the balance, due date today..+30, clear messages."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from desktop.agent.outbox_model import OutboxModel
from desktop.agent.promise_form import PromiseForm
from desktop.agent.promise_rules import PromiseDraft, check_promise, parse_amount
from tests.unit.desktop.conftest import make_account

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1200", 120000),
        ("1,234.50", 123450),
        ("$ 99.9", 9990),
        ("0.01", 1),
        ("12.345", None),
        ("abc", None),
        ("", None),
        ("NaN", None),
    ],
)
def test_amount_parsing(text: str, cents: int | None) -> None:
    assert parse_amount(text, "MXN", "es_MX") == cents


def test_valid_promise_becomes_a_draft() -> None:
    check = check_promise(make_account(), "1200.00", TODAY + dt.timedelta(days=3), TODAY, "en_US")
    assert check.problems == ()
    assert check.draft == PromiseDraft(5001, 120000, "MXN", TODAY + dt.timedelta(days=3))


@pytest.mark.parametrize(
    ("amount", "due", "message"),
    [
        ("0", TODAY, "The amount must be greater than zero."),
        ("-5", TODAY, "The amount must be greater than zero."),
        ("20000", TODAY, "The amount cannot be more than the balance of MX$18,543.90."),
        ("ten", TODAY, "Enter the amount as a number, for example MX$1,500.50."),
        ("100", TODAY - dt.timedelta(days=1), "The due date cannot be in the past."),
        ("100", TODAY + dt.timedelta(days=31), "The due date must be on or before Dec 22, 2026."),
    ],
)
def test_problems_are_specific(amount: str, due: dt.date, message: str) -> None:
    check = check_promise(make_account(), amount, due, TODAY, "en_US")
    assert check.draft is None
    assert message in check.problems


def test_last_allowed_day_is_accepted() -> None:
    check = check_promise(make_account(), "100", TODAY + dt.timedelta(days=30), TODAY, "en_US")
    assert check.ok


def test_no_account_chosen() -> None:
    check = check_promise(None, "100", TODAY, TODAY, "en_US")
    assert check.problems == ("Choose the account the promise is for.",)


def _form(qtbot: QtBot) -> PromiseForm:
    form = PromiseForm(OutboxModel(), "en_US", today=lambda: TODAY)
    qtbot.addWidget(form)
    form.set_accounts([make_account(), make_account(id=5002, balance_cents=50_000)])
    return form


def test_form_prefills_minimum_payment_and_emits_a_draft(qtbot: QtBot) -> None:
    form = _form(qtbot)
    assert form.amount.text() == "1200.00"
    with qtbot.waitSignal(form.submitted) as blocker:
        form.save_button.click()
    assert blocker.args == [PromiseDraft(5001, 120000, "MXN", TODAY + dt.timedelta(days=3))]
    assert form.problems.isHidden()


def test_form_shows_the_problem_and_emits_nothing(qtbot: QtBot) -> None:
    form = _form(qtbot)
    form.select_account(5002)
    form.amount.setText("600")
    with qtbot.assertNotEmitted(form.submitted):
        form.save_button.click()
    assert not form.problems.isHidden()
    assert form.problems.text() == "The amount cannot be more than the balance of MX$500.00."


def test_form_refuses_a_past_due_date(qtbot: QtBot) -> None:
    form = _form(qtbot)
    form.set_due_date(TODAY - dt.timedelta(days=2))
    assert not form.submit()
    assert form.problems.text() == "The due date cannot be in the past."


def test_closed_accounts_are_not_offered(qtbot: QtBot) -> None:
    form = PromiseForm(OutboxModel(), "en_US", today=lambda: TODAY)
    qtbot.addWidget(form)
    form.set_accounts([make_account(status="paid")])
    assert form.account.count() == 0
    assert not form.isEnabled()
