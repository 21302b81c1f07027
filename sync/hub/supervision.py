"""What agents tell the board (call status, a raised hand) and what supervisors do to agents.

``report_status`` keeps an agent's latest MOS (to 0.1) and script node on their
presence, ``raise_help``/``clear_help`` their raised hand, and each pushes a
board delta only when what the board shows changed, so a desk reporting every
few seconds costs one row read when nothing moved. ``command_agent`` checks the
sender may give the order, audits it (refusals too), applies ``force_not_ready``
and ``logout`` to the agent's presence itself (so the dialer stops at once,
whatever the desk does), and appends an ``AgentOrder`` to the agent's stream.
Synchronous; runs in the database executor inside the caller's transaction. It
must never trust the client's role, skip the audit row, or log message text.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from sync.protocol import MAX_NAME, AgentOrder, CommandAgent, EndMonitor, ReportCallStatus

from . import board, presence, streams
from .db import to_db_time
from .models import AgentPresenceRow, AuditEntry, User
from .records import UserRecord
from .streams import Pushed

MAX_EXTEND_S = 1800
MAX_NODE = 100
# The pause code a supervisor's force_not_ready leaves on the agent.
SUPERVISOR_PAUSE = "supervisor"


class CommandRefused(Exception):
    """The order cannot be given; ``code`` goes back to the sender in an Error."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason


def report_status(
    session: Session, origin: str, agent: UserRecord, msg: ReportCallStatus, now: dt.datetime
) -> list[Pushed]:
    if msg.mos is not None and not 1.0 <= msg.mos <= 5.0:
        raise CommandRefused("invalid", "mos must be between 1 and 5")
    row = session.get(AgentPresenceRow, agent.id, with_for_update=True)
    if row is None or row.state not in ("on_call", "wrap_up"):
        return []  # a late report after the call: nothing on the board to update
    if msg.handoff_id is not None and msg.handoff_id != row.handoff_id:
        return []  # about a call that is over
    # Rounded, so jitter in the second decimal does not become a stream of deltas.
    mos = None if msg.mos is None else round(msg.mos, 1)
    node = None if msg.script_node is None else msg.script_node[:MAX_NODE]
    if (row.mos, row.script_node) == (mos, node):
        return []
    row.mos, row.script_node = mos, node
    session.flush()
    return board.tell_watchers(session, origin, agent.username, now)


def raise_help(
    session: Session, origin: str, agent: UserRecord, message: str, now: dt.datetime
) -> list[Pushed]:
    row = _presence(session, origin, agent.id, now)
    row.help_message = message[:MAX_NAME]
    row.help_at = to_db_time(now)
    _audit(session, agent.id, "help.raise", f"agent:{agent.username}", now)
    session.flush()
    return board.tell_watchers(session, origin, agent.username, now)


def clear_help(
    session: Session, origin: str, by: UserRecord, agent_id: int, agent: str, now: dt.datetime
) -> list[Pushed]:
    """Lower the agent's hand (by the agent or a supervisor); audited when one was up."""
    row = session.get(AgentPresenceRow, agent_id, with_for_update=True)
    if row is None or row.help_message is None:
        return []
    row.help_message = None
    row.help_at = None
    _audit(session, by.id, "help.clear", f"agent:{agent}", now)
    session.flush()
    return board.tell_watchers(session, origin, agent, now)


def command_agent(
    session: Session, origin: str, sender: UserRecord, msg: CommandAgent, now: dt.datetime
) -> tuple[CommandRefused | None, list[Pushed]]:
    """Audit, apply and relay one order; a refusal is returned (not raised) so the
    transaction still commits its audit row."""
    name = msg.agent[:64]
    try:
        agent_id = _check(session, sender, msg, name)
    except CommandRefused as refused:
        _audit(session, sender.id, f"agent.{msg.action}", f"agent:{name}:{refused.code}", now)
        return refused, []
    _audit(session, sender.id, f"agent.{msg.action}", f"agent:{name}:done", now)
    pushed: list[Pushed] = []
    if msg.action == "force_not_ready":
        pushed += presence.set_state(
            session, origin, agent_id, name, "not_ready", None, now, SUPERVISOR_PAUSE
        )
    elif msg.action == "logout":
        pushed += presence.set_state(session, origin, agent_id, name, "logged_out", None, now)
    elif msg.action == "extend_wrapup":
        row = session.get(AgentPresenceRow, agent_id, with_for_update=True)
        if row is not None and row.state == "wrap_up":
            row.wrapup_extra_s = min((row.wrapup_extra_s or 0) + msg.seconds, 4 * MAX_EXTEND_S)
            session.flush()
            pushed += board.tell_watchers(session, origin, name, now)
    elif msg.action == "clear_help":
        pushed += clear_help(session, origin, sender, agent_id, name, now)
    order = AgentOrder(
        seq=0,
        action=msg.action,
        by=sender.display_name,
        seconds=msg.seconds if msg.action == "extend_wrapup" else 0,
        text=msg.text if msg.action == "message" else "",
    )
    # The order first, so the desk hears why before it sees its state change.
    relayed = streams.append(session, origin, agent_id, lambda seq: _numbered(order, seq), now)
    return None, [relayed, *pushed]


def end_monitor(
    session: Session, supervisor: UserRecord, msg: EndMonitor, now: dt.datetime
) -> None:
    target = f"agent:{msg.agent[:64]}:{msg.handoff_id[:40]}"
    _audit(session, supervisor.id, "monitor.end", target, now)


def _check(session: Session, sender: UserRecord, msg: CommandAgent, name: str) -> int:
    if sender.role == "team_lead" and msg.action != "message":
        raise CommandRefused("forbidden", "a team lead may only send messages to agents")
    if msg.action == "extend_wrapup" and not 1 <= msg.seconds <= MAX_EXTEND_S:
        raise CommandRefused("bad_request", f"extend_wrapup needs 1-{MAX_EXTEND_S} seconds")
    if msg.action == "message" and not 1 <= len(msg.text.strip()) <= MAX_NAME:
        raise CommandRefused("bad_request", f"a message needs 1-{MAX_NAME} characters")
    found = session.execute(select(User.id, User.role).where(User.username == name)).first()
    if found is None or found[1] != "agent":
        raise CommandRefused("unknown_agent", "no such agent")
    return int(found[0])


def _numbered(order: AgentOrder, seq: int) -> AgentOrder:
    order.seq = seq
    return order


def _presence(session: Session, origin: str, user_id: int, now: dt.datetime) -> AgentPresenceRow:
    row = session.get(AgentPresenceRow, user_id, with_for_update=True)
    if row is None:
        row = AgentPresenceRow(
            user_id=user_id,
            state="logged_out",
            handoff_accepted=False,
            updated_at=to_db_time(now),
            hub_origin=origin,
        )
        session.add(row)
    return row


def _audit(session: Session, user_id: int, action: str, target: str, now: dt.datetime) -> None:
    session.execute(
        insert(AuditEntry).values(
            user_id=user_id, action=action[:64], target=target[:200], at=to_db_time(now)
        )
    )
