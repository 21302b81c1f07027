"""A team lead edits and publishes a script in the real app; a working agent picks it up live.

Two production desks sign in to one real hub: `roberto` (team lead) gets the script editor,
`ana` (agent) the workspace with her softphone. A raw websockets dialer hands Ana a call, the
team lead opens the script from the hub, breaks it, fixes the error by clicking it in the
problems list, and publishes. Ana's desk hears of the new version and prepares it; her call in
progress keeps version 1 (down to the wrap-up the hub stores) and her next call shows the new
text in the script panel.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.agent.session import AgentSession
from desktop.common import messages
from desktop.script_editor import ScriptEditor
from desktop.script_editor.problems import NODE_ROLE
from desktop.team_lead import TeamLeadDesk
from sync.hub.server import Hub
from sync.protocol import DEFAULT_DISPOSITIONS, AgentAvailability, CreateHandoff, HandoffCreated
from tests.integration.hub.conftest import Peer, connect_peer

from .conftest import RunningDesk, until

SCRIPT = "early-stage-mx"
START = "greet"
NEW_GREETING = "Hola, habla {{ agent.first_name }} de Financiera Acuerdo. Guion nuevo de prueba."


def click_node(qtbot: QtBot, editor: ScriptEditor, node_id: str) -> None:
    editor.graph.select_node(node_id)  # scrolls it into view (and builds it if needed)
    box = editor.graph.boxes[node_id]
    point = editor.graph_view.mapFromScene(box.sceneBoundingRect().center())
    qtbot.mouseClick(editor.graph_view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def type_greeting(qtbot: QtBot, editor: ScriptEditor, text: str) -> None:
    box = editor.form.text_edits["es-MX"]
    box.setFocus()
    box.clear()
    qtbot.keyClicks(box, text)  # ASCII only: QTest cannot type other characters


def problem_rows(editor: ScriptEditor, node_id: str) -> list[int]:
    return [
        row
        for row in range(editor.problems.count())
        if editor.problems.item(row).data(NODE_ROLE) == node_id
    ]


async def hand_off(dialer: Peer, session: AgentSession, ref: str) -> HandoffCreated:
    assert await until(lambda: session.state == "ready"), "the agent never became ready"
    # The dialer hears the hub say so: only then can it hand a call off to her.
    while (await dialer.receive_type(AgentAvailability, timeout=10)).state != "ready":
        pass
    reply = await dialer.request(CreateHandoff(agent="ana", campaign="temprana", ref=ref))
    assert isinstance(reply, HandoffCreated), reply
    assert await until(
        lambda: session.offer is not None and session.offer.handoff_id == reply.handoff_id
    ), "no screen pop"
    return reply


@pytest.mark.asyncio
async def test_team_lead_publishes_and_the_agents_next_call_uses_it(
    hub: Hub, desks: list[RunningDesk], qtbot: QtBot, tmp_path: Path
) -> None:
    desks.append(RunningDesk(hub, "ana", tmp_path / "ana"))
    desks.append(RunningDesk(hub, "roberto", tmp_path / "roberto"))
    agent, lead = desks[0].desk, desks[1].desk
    assert await until(lambda: agent.session is not None and lead.team_lead is not None, 20)
    session, team_lead = agent.session, lead.team_lead
    assert isinstance(session, AgentSession) and isinstance(team_lead, TeamLeadDesk)
    assert lead.session is None and lead.phone is None  # a team lead takes no calls
    editor, panel = team_lead.editor, agent.workspace.script_panel  # type: ignore[union-attr]
    dialer, _ = await connect_peer(hub, "dialer")
    async with dialer:
        # Ana is on a call with version 1 before anything is published.
        assert await until(lambda: session.connection == "online")
        session.go("ready")
        first = await hand_off(dialer, session, "h1")
        assert session.offer is not None and session.offer.script_id == SCRIPT
        assert session.offer.script_version == 1
        assert await until(lambda: session.script.script is not None), "no script on screen"
        old_text = panel.step_text.text()
        assert old_text and "Guion nuevo" not in old_text

        # The team lead opens the published script from the hub.
        editor.actions_by_name["open_hub"].trigger()
        assert await until(lambda: team_lead.dialog is not None and team_lead.dialog.isVisible())
        dialog = team_lead.dialog
        assert dialog is not None and dialog.select(SCRIPT)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        open_button = buttons.button(QDialogButtonBox.StandardButton.Open)
        qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
        assert await until(lambda: editor.published_version == 1 and START in editor.draft.nodes)

        # A typo makes an error; clicking it in the problems list brings the node back.
        click_node(qtbot, editor, START)
        assert editor.selected == START
        type_greeting(qtbot, editor, "Hola, habla {{ agent.nickname }}.")
        assert await until(lambda: bool(problem_rows(editor, START))), "no problem listed"
        assert editor.problems.error_count >= 1
        click_node(qtbot, editor, "verify")
        assert editor.selected == "verify"
        item = editor.problems.item(problem_rows(editor, START)[0])
        rect = editor.problems.visualItemRect(item)
        qtbot.mouseClick(editor.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert editor.selected == START and editor.form.node_id == START
        type_greeting(qtbot, editor, NEW_GREETING)
        assert await until(
            lambda: not problem_rows(editor, START) and not editor.problems.error_count
        )

        # Publish: the hub makes it version 2 and tells Ana's desk, which fetches it ahead.
        editor.actions_by_name["publish"].trigger()
        assert await until(lambda: editor.published_version == 2), editor.status.text()
        assert await until(lambda: session.scripts.cached(SCRIPT, 2) is not None)
        assert session.scripts.latest(SCRIPT) == 2
        notices = [m.text for m in messages.bridge().recent if m.level == "info"]
        assert any("(2)" in text for text in notices), notices

        # The call in progress keeps version 1, on screen and in the wrap-up.
        script = session.script.script
        assert script is not None and script.version == 1
        assert panel.step_text.text() == old_text
        session.hang_up()
        assert await until(lambda: session.state == "wrap_up")
        await session.submit_wrapup(DEFAULT_DISPOSITIONS[0], "")

        # The next call is offered with version 2, and the panel reads the new greeting.
        second = await hand_off(dialer, session, "h2")
        assert second.handoff_id != first.handoff_id
        assert session.offer is not None and session.offer.script_version == 2
        assert await until(lambda: "Guion nuevo de prueba" in panel.step_text.text())
        assert "Ana" in panel.step_text.text()  # variables filled in: the agent's first name

        # The first call's wrap-up (sent through the outbox) names the version it ran.
        def wrapup_versions() -> list[tuple[int]]:
            with sqlite3.connect(tmp_path / "hub.db") as db:
                query = "SELECT script_version FROM wrapups WHERE handoff_id = ?"
                return db.execute(query, (first.handoff_id,)).fetchall()

        assert await until(lambda: bool(wrapup_versions())), "the wrap-up never reached the hub"
        assert wrapup_versions() == [(1,)]
