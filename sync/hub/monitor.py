"""Monitor requests: who may listen to, coach or join which call, and the grant they get.

A supervisor's ``monitor.request`` names an agent and a mode; the hub checks
the role may use that mode (a configurable role → modes map), that the agent
is on a call, and answers with a ``MonitorGrant`` carrying an HMAC-signed token
that expires within a minute (see ``grants``). Every request, granted or not,
is written to the audit log with who, whom, which mode and the outcome.
Synchronous; runs in the database executor inside the caller's transaction.
It must never grant without auditing, log the secret, or trust the client's role.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from sync.protocol import MonitorGrant, MonitorMode, RequestMonitor

from .db import to_db_time
from .grants import GrantClaims, agent_grant_key, sign_grant
from .models import AgentPresenceRow, AuditEntry, User
from .records import UserRecord

log = logging.getLogger("acuerdo.hub.monitor")

SECRET_ENV = "ACUERDO_HUB_GRANT_SECRET"
# "shown": the agent's desk says when a supervisor listens; "hidden" (default): only
# coach and join, which the agent hears anyway, are announced.
LISTEN_NOTICE_ENV = "ACUERDO_HUB_LISTEN_NOTICE"
GRANT_TTL = dt.timedelta(seconds=60)
ModesByRole = Mapping[str, frozenset[str]]
DEFAULT_MODES: ModesByRole = {
    "supervisor": frozenset({"listen", "coach", "join"}),
    "admin": frozenset({"listen", "coach", "join"}),
    "team_lead": frozenset({"listen"}),
}


@dataclass(frozen=True)
class MonitorRefused:
    code: str
    reason: str


def grant_secret() -> bytes:
    """The secret from the environment; a random one (this process only) when unset."""
    configured = os.environ.get(SECRET_ENV, "")
    if configured:
        return configured.encode()
    # Several hub processes must share the secret for one softphone to trust them all.
    log.warning("%s is not set: grants are signed with a per-process random secret", SECRET_ENV)
    return secrets.token_bytes(32)


def listen_notice() -> bool:
    """Whether a listen-only grant tells the agent (from ``ACUERDO_HUB_LISTEN_NOTICE``)."""
    value = os.environ.get(LISTEN_NOTICE_ENV, "hidden").strip().lower()
    if value not in ("shown", "hidden"):
        log.warning("%s must be 'shown' or 'hidden'; using 'hidden'", LISTEN_NOTICE_ENV)
    return value == "shown"


def request(
    session: Session,
    supervisor: UserRecord,
    msg: RequestMonitor,
    secret: bytes,
    modes: ModesByRole,
    now: dt.datetime,
    notify_listen: bool = False,
) -> MonitorGrant | MonitorRefused:
    """Decide and audit one request; the grant, or why not (the audit row is kept either way)."""
    outcome = _decide(session, supervisor, msg, secret, modes, now, notify_listen)
    result = "granted" if isinstance(outcome, MonitorGrant) else outcome.code
    session.execute(
        insert(AuditEntry).values(
            user_id=supervisor.id,
            action=f"monitor.{msg.mode}",
            target=f"agent:{msg.agent[:64]}:{result}"[:200],
            at=to_db_time(now),
        )
    )
    return outcome


def _decide(
    session: Session,
    supervisor: UserRecord,
    msg: RequestMonitor,
    secret: bytes,
    modes: ModesByRole,
    now: dt.datetime,
    notify_listen: bool,
) -> MonitorGrant | MonitorRefused:
    if msg.mode not in modes.get(supervisor.role, frozenset()):
        return MonitorRefused("forbidden", f"a {supervisor.role} may not {msg.mode}")
    found = session.execute(
        select(
            User.role, AgentPresenceRow.state, AgentPresenceRow.handoff_id, AgentPresenceRow.sip_uri
        )
        .outerjoin(AgentPresenceRow, AgentPresenceRow.user_id == User.id)
        .where(User.username == msg.agent[:64])
    ).first()
    if found is None or found[0] != "agent":
        return MonitorRefused("unknown_agent", "no such agent")
    _, state, handoff_id, sip_uri = found
    if state != "on_call" or handoff_id is None:
        return MonitorRefused("not_on_call", "the agent has no call in progress")
    mode: MonitorMode = msg.mode
    expires = now + GRANT_TTL
    claims = GrantClaims(
        agent=msg.agent,
        supervisor=supervisor.username,
        handoff_id=handoff_id,
        mode=mode,
        sip_uri=sip_uri,
        expires_at=int(expires.timestamp()),
        notify_agent=mode != "listen" or notify_listen,
    )
    return MonitorGrant(
        # Signed with the agent's own key: only that agent's phone accepts it.
        token=sign_grant(claims, agent_grant_key(secret, msg.agent)),
        expires_at=claims.expires,
        agent=msg.agent,
        supervisor=supervisor.username,
        handoff_id=handoff_id,
        mode=mode,
        sip_uri=sip_uri,
        ref=msg.ref,
    )
