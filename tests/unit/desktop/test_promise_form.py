"""Promise checks and the form: policy limits beside each field, plans, offers, read-back gating."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest
from pytestqt.qtbot import QtBot

from desktop.agent.campaign_rules import FALLBACK_POLICY
from desktop.agent.confirmation import targets
from desktop.agent.instalment_plan import even_plan, offers_for
from desktop.agent.outbox_model import OutboxModel
from desktop.agent.promise_form import PromiseForm
from desktop.agent.promise_rules import (
    PromiseDraft,
    check_plan,
    check_promise,
    check_settlement,
    parse_amount,
)
from sync.protocol import ContactPoint
from tests.unit.desktop.conftest import make_account, make_debtor

TODAY = dt.date(2026, 11, 22)
POLICY = FALLBACK_POLICY  # 200.00 minimum, 30 days, 10 % discount, 6 instalments


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


def test_form_prefills_minimum_payment_and_saves_only_after_the_read_back(qtbot: QtBot) -> None:
    form = _form(qtbot)
    assert form.amount.text() == "1200.00"
    assert not form.save_button.isEnabled()  # nothing read back yet
    with qtbot.assertNotEmitted(form.submitted):
        assert not form.submit()
    assert form.problems.text() == "Read the promise back to the debtor before saving."
    assert "You agree to pay MX$1,200.00 on Nov 25, 2026" in form.read_back.text()
    form.read_back_done.setChecked(True)
    assert form.save_button.isEnabled()
    with qtbot.waitSignal(form.submitted) as blocker:
        form.save_button.click()
    draft = blocker.args[0]
    assert (draft.account_id, draft.amount_cents, draft.due_date) == (
        5001,
        120000,
        TODAY + dt.timedelta(days=3),
    )
    assert draft.payment_channel == "bank_transfer" and draft.kind == "single"


def test_any_change_asks_for_a_new_read_back(qtbot: QtBot) -> None:
    form = _form(qtbot)
    form.read_back_done.setChecked(True)
    form.amount.setText("1300")
    assert not form.read_back_done.isChecked() and not form.save_button.isEnabled()
    assert "MX$1,300.00" in form.read_back.text()


def test_form_shows_the_problem_beside_the_amount_and_emits_nothing(qtbot: QtBot) -> None:
    form = _form(qtbot)
    form.select_account(5002)
    form.amount.setText("600")
    assert not form.read_back_done.isEnabled()  # nothing valid to read back
    with qtbot.assertNotEmitted(form.submitted):
        assert not form.submit()
    assert not form.amount_problem.isHidden()
    assert form.amount_problem.text() == "The amount cannot be more than the balance of MX$500.00."


def test_form_refuses_a_past_due_date(qtbot: QtBot) -> None:
    form = _form(qtbot)
    form.set_due_date(TODAY - dt.timedelta(days=2))
    assert not form.submit()
    assert form.due_problem.text() == "The due date cannot be in the past."


def test_closed_accounts_are_not_offered(qtbot: QtBot) -> None:
    form = PromiseForm(OutboxModel(), "en_US", today=lambda: TODAY)
    qtbot.addWidget(form)
    form.set_accounts([make_account(status="paid")])
    assert form.account.count() == 0
    assert not form.isEnabled()


# --- campaign policy ---------------------------------------------------------------


def test_policy_minimum_per_payment_unless_it_pays_the_balance_off() -> None:
    low = check_promise(make_account(), "150", TODAY, TODAY, "en_US", POLICY)
    assert low.by_field["amount"] == ("The campaign asks for at least MX$200.00 per payment.",)
    small = make_account(balance_cents=15_000)
    assert check_promise(small, "150", TODAY, TODAY, "en_US", POLICY).ok


def test_policy_horizon_replaces_the_default_thirty_days() -> None:
    short = msgspec.structs.replace(POLICY, max_days_ahead=10)
    check = check_promise(
        make_account(), "500", TODAY + dt.timedelta(days=11), TODAY, "en_US", short
    )
    assert check.by_field["due"] == ("The due date must be on or before Dec 2, 2026.",)


def test_settlement_within_the_maximum_discount() -> None:
    account = make_account(balance_cents=100_000)
    ok = check_settlement(account, "900", TODAY, TODAY, "en_US", POLICY)
    assert ok.draft is not None and ok.draft.kind == "settlement" and ok.draft.discount_pct == 10
    over = check_settlement(account, "899.99", TODAY, TODAY, "en_US", POLICY)
    assert over.by_field["amount"] == (
        "That is a 11% discount; the campaign allows 10% (at least MX$900.00).",
    )


def test_plan_checks_count_order_minimum_and_total() -> None:
    account = make_account(balance_cents=100_000)
    d = [TODAY + dt.timedelta(days=n) for n in (5, 35, 65)]
    ok = check_plan(account, [("400", d[0]), ("300", d[1]), ("300", d[2])], TODAY, "en_US", POLICY)
    assert ok.draft is not None
    assert ok.draft.amount_cents == 100_000 and ok.draft.due_date == d[0]
    assert [i.amount_cents for i in ok.draft.instalments] == [40_000, 30_000, 30_000]
    bad = check_plan(account, [("100", d[1]), ("950", d[0])], TODAY, "en_US", POLICY)
    assert bad.by_field["plan"] == (
        "Instalment 1: The campaign asks for at least MX$200.00 per payment.",
        "Instalment 1: The due date must be on or before Dec 22, 2026.",
        "Each instalment must fall after the one before.",
    )
    over = check_plan(account, [("600", d[0]), ("600", d[1])], TODAY, "en_US", POLICY)
    assert over.by_field["plan"] == (
        "The instalments add up to MX$1,200.00, more than the balance.",
    )
    one = check_plan(account, [("1000", d[0])], TODAY, "en_US", POLICY)
    assert one.by_field["plan"] == ("A plan has 2 to 6 instalments.",)


def test_even_plan_adds_up_and_follows_the_cadence() -> None:
    plan = even_plan(100_001, 3, dt.date(2026, 1, 31), "monthly")
    assert [i.amount_cents for i in plan] == [33_333, 33_333, 33_335]
    assert [i.due_date for i in plan] == [
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
    ]
    weekly = even_plan(60_000, 2, TODAY, "weekly")
    assert weekly[1].due_date - weekly[0].due_date == dt.timedelta(days=7)
    fortnightly = even_plan(60_000, 2, TODAY, "fortnightly")
    assert fortnightly[1].due_date - fortnightly[0].due_date == dt.timedelta(days=14)


def test_offers_come_from_the_engines_calculator() -> None:
    offers = offers_for(make_account(balance_cents=100_000), POLICY, TODAY)
    settle, plan = offers
    assert (settle.kind, settle.amount_cents, settle.discount_pct) == ("settlement", 90_000, 10)
    assert plan.kind == "plan" and len(plan.instalments) == 5  # 1,000 / 200 minimum
    assert sum(i.amount_cents for i in plan.instalments) == 100_000


def test_plan_mode_splits_evenly_and_emits_the_instalments(qtbot: QtBot) -> None:
    form = _form(qtbot)
    form.set_policy(POLICY)
    form.select_kind("plan")
    assert form.amount.text() == "18543.90"  # the plan covers the balance
    form.plan.count.setValue(3)
    assert [e.text() for e in form.plan.amounts] == ["6181.30", "6181.30", "6181.30"]
    assert "in 3 instalments" in form.read_back.text()
    form.read_back_done.setChecked(True)
    with qtbot.waitSignal(form.submitted) as blocker:
        form.save_button.click()
    draft = blocker.args[0]
    assert draft.kind == "plan" and len(draft.instalments) == 3
    assert draft.amount_cents == 1_854_390


def test_choosing_a_settlement_offer_fills_the_form(qtbot: QtBot) -> None:
    form = _form(qtbot)
    form.set_policy(POLICY)
    assert form.offer.count() == 3  # prompt, settlement, plan
    form.offer.setCurrentIndex(1)
    form.offer.activated.emit(1)
    assert form.current_kind() == "settlement"
    assert form.amount.text() == "16689.51"
    assert "to settle your Credit card account **** 4821" in form.read_back.text()


def test_confirmation_goes_only_to_valid_points_that_may_be_messaged(qtbot: QtBot) -> None:
    debtor = make_debtor(
        contact_points=[
            ContactPoint(id=1, kind="phone", value="+528112345678", valid=False),
            ContactPoint(id=2, kind="phone", value="+528187654321", do_not_call=True),
            ContactPoint(id=3, kind="email", value="maria@example.com"),
            ContactPoint(id=4, kind="phone", value="+528100000000"),
        ]
    )
    assert [(t.channel, t.contact_point_id) for t in targets(debtor)] == [("sms", 4), ("email", 3)]
    assert targets(msgspec.structs.replace(debtor, do_not_call=True)) == []
    form = PromiseForm(OutboxModel(), "en_US", today=lambda: TODAY)
    qtbot.addWidget(form)
    form.set_debtor(debtor)
    assert form.confirm_to.currentText() == "SMS to +528100000000"
    form.read_back_done.setChecked(True)
    with qtbot.waitSignal(form.submitted) as blocker:
        form.save_button.click()
    sent = blocker.args[0].confirmation
    assert (sent.channel, sent.contact_point_id) == ("sms", 4)
    assert sent.text.startswith("Payment agreement confirmed. You agree to pay MX$1,200.00")
