"""The wrap-up: a required disposition (never escaped), campaign codes with hotkeys, callbacks."""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import QDateTime
from pytestqt.qtbot import QtBot

from desktop.agent.callback_picker import CallbackPicker
from desktop.agent.wrapup_dialog import DISPOSITIONS, WrapUpDialog
from scripts_engine import bundled_scripts
from sync.protocol import DEFAULT_DISPOSITIONS


def test_the_protocols_dispositions_are_offered_in_order(qtbot: QtBot) -> None:
    dialog = WrapUpDialog()
    qtbot.addWidget(dialog)
    assert list(dialog.radios) == list(DEFAULT_DISPOSITIONS)
    assert set(DISPOSITIONS) == set(dialog.radios)


def test_every_bundled_scripts_suggestion_can_be_preselected(qtbot: QtBot) -> None:
    dialog = WrapUpDialog()
    qtbot.addWidget(dialog)
    suggested = {
        node.disposition
        for script in bundled_scripts()
        for node in script.nodes.values()
        if getattr(node, "disposition", None)
    }
    assert suggested, "the bundled scripts suggest dispositions at their ends"
    for code in sorted(suggested):
        dialog.prepare(code)
        assert dialog.selected() == code


def test_submit_without_disposition_is_refused(qtbot: QtBot) -> None:
    dialog = WrapUpDialog()
    qtbot.addWidget(dialog)
    dialog.prepare(None)
    dialog.open()
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.submit_button.click()
    assert dialog.isVisible()
    assert dialog.problem.text() == "Choose a disposition before submitting."


def test_escape_does_not_skip_the_wrap_up(qtbot: QtBot) -> None:
    dialog = WrapUpDialog()
    qtbot.addWidget(dialog)
    dialog.prepare(None)
    dialog.open()
    dialog.reject()
    assert dialog.isVisible()


def test_submit_with_disposition_emits_code_and_notes(qtbot: QtBot) -> None:
    dialog = WrapUpDialog()
    qtbot.addWidget(dialog)
    dialog.prepare(None)
    dialog.open()
    dialog.radios["callback"].click()
    dialog.notes.setPlainText("  call after 6 pm  ")
    with qtbot.waitSignal(dialog.submitted) as blocker:
        dialog.submit_button.click()
    assert blocker.args == ["callback", "call after 6 pm"]
    assert not dialog.isVisible()


def test_script_disposition_is_preselected_and_reset_next_call(qtbot: QtBot) -> None:
    dialog = WrapUpDialog()
    qtbot.addWidget(dialog)
    dialog.prepare("promise_to_pay")
    assert dialog.selected() == "promise_to_pay"
    dialog.prepare("not-a-code")
    assert dialog.selected() is None


def test_campaign_codes_replace_the_defaults_with_alt_number_hotkeys(qtbot: QtBot) -> None:
    dialog = WrapUpDialog(locale="en_US")
    qtbot.addWidget(dialog)
    dialog.set_dispositions(["no_agreement", "promise_to_pay", "special_code"])
    assert list(dialog.radios) == ["no_agreement", "promise_to_pay", "special_code"]
    assert dialog.radios["promise_to_pay"].text() == "Promise to pay  (Alt+2)"
    assert dialog.radios["special_code"].text() == "special_code  (Alt+3)"
    dialog.prepare(None)
    dialog.open()
    dialog.hotkeys[2].activated.emit()
    assert dialog.selected() == "special_code"


def test_a_callback_in_the_past_is_refused(qtbot: QtBot) -> None:
    now = dt.datetime(2026, 11, 23, 10, 0).astimezone()
    dialog = WrapUpDialog(locale="en_US")
    qtbot.addWidget(dialog)
    dialog.callback = CallbackPicker("en_US", now=lambda: now)
    dialog.prepare("callback")
    dialog.open()
    dialog.callback.wanted.setChecked(True)
    dialog.callback.when.setMinimumDateTime(QDateTime(2000, 1, 1, 0, 0, 0))
    dialog.callback.set_due(now - dt.timedelta(hours=1))
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.submit_button.click()
    assert dialog.problem.text() == "The callback time has already passed; choose a later one."
    dialog.callback.set_due(now + dt.timedelta(days=1))
    choice = dialog.callback_choice()
    assert choice is not None and choice.for_me and choice.due_at == now + dt.timedelta(days=1)


def test_an_extended_deadline_shows_at_once(qtbot: QtBot) -> None:
    dialog = WrapUpDialog()
    qtbot.addWidget(dialog)
    dialog.prepare(None, time.monotonic() + 10)
    dialog.set_deadline(time.monotonic() + 130)
    assert dialog.countdown.text().endswith("2:10")
