"""The wrap-up cannot be submitted (or escaped) without a disposition."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

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
