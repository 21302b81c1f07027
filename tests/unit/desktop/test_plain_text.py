"""Debtor-supplied text is shown literally: markup in a name is never rendered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.agent.debtor_panel import DebtorCard
from tests.unit.desktop.conftest import make_debtor


def test_markup_in_a_debtor_name_is_plain_text(qtbot: QtBot) -> None:
    card = DebtorCard("en_US")
    qtbot.addWidget(card)
    card.show_debtor(make_debtor(full_name="<b>markup</b>", region="<i>Sonora</i>"), "temprana")
    assert card.name.textFormat() == Qt.TextFormat.PlainText
    assert card.name.text() == "<b>markup</b>"
    assert card.region.textFormat() == Qt.TextFormat.PlainText
    # Rendered as plain text, the tags take room: a bold "markup" alone would be narrower.
    plain_width = card.name.fontMetrics().horizontalAdvance("<b>markup</b>")
    assert card.name.sizeHint().width() >= plain_width


def test_empty_card_invites_the_agent_to_go_ready(qtbot: QtBot) -> None:
    card = DebtorCard("en_US")
    qtbot.addWidget(card)
    card.show_debtor(None, "")
    assert card.name.text() == "Waiting for the next call"
