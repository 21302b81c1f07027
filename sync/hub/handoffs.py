"""Handoffs in the store: claiming the agent and the debtor, choosing the script, the offer.

``make_handoff`` does a whole handoff in the caller's transaction: it claims
the ready agent (a conditional UPDATE on their presence), claims the debtor
(the one asked for, or the campaign's lowest due one, see
``debtor_claims``), picks the newest published script for the debtor's
account, adds the handoff and audit rows and numbers the offer in the agent's
stream and the availability change in each dialer's, so any hub process can
deliver them. ``HandoffDesk`` keeps the look-ups that rarely change (users,
dialers, parsed scripts) warm between handoffs. Synchronous; runs in the
hub's database executor. It must never decide who may send what, nor log a
debtor's personal data.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from sync.protocol import Account as AccountRecord
from sync.protocol import CreateHandoff, DebtorProfile, HandoffOffer, HistoryPage

from . import debtor_claims, presence, records, streams
from .db import to_db_time, utc_now
from .models import AuditEntry, HandoffRow, User
from .records import PublishedScript, UserRecord
from .streams import Pushed

log = logging.getLogger("acuerdo.hub")

DEFAULT_SCRIPT = "early-stage-mx"
# Users and the dialer list change rarely; a role change is seen within this long.
_CACHE_S = 30.0
_MAX_CACHED = 10_000
# Built once: plain Core inserts skip the ORM's per-statement bookkeeping.
_ADD_HANDOFF = insert(HandoffRow)
_ADD_AUDIT = insert(AuditEntry)


class HandoffRefused(Exception):
    """The handoff cannot be made; ``code`` goes back to the dialer in an Error."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class OpenedHandoff:
    handoff_id: str
    debtor: DebtorProfile
    history: HistoryPage
    script_id: str
    script_version: int
    created_at: dt.datetime


@dataclass(frozen=True)
class EndedHandoff:
    agent_id: int
    agent: str
    was_accepted: bool


class ScriptCatalog:
    """Chooses the published script for an account, using the scripts engine's audiences."""

    def __init__(self) -> None:
        self._scripts: list[tuple[PublishedScript, Any]] = []

    def load(self, session: Session) -> None:
        parsed: list[tuple[PublishedScript, Any]] = []
        for published in records.newest_scripts(session):
            parsed.append((published, _parse(published)))
        self._scripts = parsed

    def pick(self, session: Session, account: AccountRecord | None) -> tuple[str, int]:
        # A cheap look at the newest versions: a publish on any hub process shows up
        # in the next handoff, while offers already made keep the version they had.
        if records.newest_versions(session) != {p.script_id: p.version for p, _ in self._scripts}:
            self.load(session)
        if not self._scripts:
            raise HandoffRefused("no_script", "no script has been published")
        engine_scripts = [s for _, s in self._scripts if s is not None]
        if account is not None and engine_scripts:
            try:
                from scripts_engine import select_script

                chosen = select_script(engine_scripts, _account_mapping(account))
            except Exception:  # no audience fits: fall back to the default below
                chosen = None
            for published, _ in self._scripts:
                if published.script_id == chosen:
                    return published.script_id, published.version
        by_id = {p.script_id: p for p, _ in self._scripts}
        fallback = by_id.get(DEFAULT_SCRIPT) or min(by_id.values(), key=lambda p: p.script_id)
        return fallback.script_id, fallback.version


def _parse(published: PublishedScript) -> Any:
    try:
        from scripts_engine import load_script

        return load_script(published.document, check=False)
    except Exception as exc:  # a script the engine cannot read is still served as stored
        log.warning("script %s v%d unreadable: %s", published.script_id, published.version, exc)
        return None


def _account_mapping(account: AccountRecord) -> dict[str, Any]:
    return {
        "days_past_due": account.days_past_due,
        "product": account.product,
        "segment": account.segment,
    }


@dataclass
class HandoffDesk:
    """What every handoff on this process needs, kept warm between handoffs."""

    catalog: ScriptCatalog = field(default_factory=ScriptCatalog)
    redial_after: dt.timedelta = debtor_claims.REDIAL_AFTER
    _users: dict[str, tuple[float, UserRecord]] = field(default_factory=dict)
    _dialers: tuple[float, list[int]] = (0.0, [])

    def agent(self, session: Session, username: str) -> UserRecord | None:
        cached = self._users.get(username)
        if cached is not None and time.monotonic() - cached[0] <= _CACHE_S:
            return cached[1]
        user = records.user_by_name(session, username[:64])
        if user is not None:  # unknown names are not kept: a dialer's typos cannot grow this
            if len(self._users) >= _MAX_CACHED:
                self._users.clear()
            self._users[username] = (time.monotonic(), user)
        return user

    def dialers(self, session: Session) -> list[int]:
        at, ids = self._dialers
        if not ids or time.monotonic() - at > _CACHE_S:
            ids = list(
                session.scalars(select(User.id).where(User.role == "dialer").order_by(User.id))
            )
            self._dialers = (time.monotonic(), ids)
        return ids


@dataclass(frozen=True)
class MadeHandoff:
    opened: OpenedHandoff
    agent: str
    sip_uri: str


def make_handoff(
    session: Session, desk: HandoffDesk, origin: str, msg: CreateHandoff
) -> tuple[MadeHandoff, list[Pushed]]:
    """The whole handoff in one transaction; the events to deliver once it commits."""
    now = utc_now()
    agent = desk.agent(session, msg.agent)
    if agent is None or agent.role != "agent":
        raise HandoffRefused("unknown_agent", f"no agent named {msg.agent[:64]!r}")
    handoff_id = str(uuid.uuid4())
    # The agent first, so a busy agent is refused before any debtor is claimed.
    sip_uri = presence.claim_for_handoff(session, agent.id, handoff_id, now)
    if sip_uri is None:
        current = presence.of(session, agent.id)
        state = current.state if current else "logged_out"
        raise HandoffRefused("agent_not_ready", f"agent {agent.username} is {state}")
    opened = open_handoff(
        session, desk, agent, msg.campaign, msg.mode, msg.debtor_id, now, handoff_id
    )
    pushed = presence.tell_dialers(
        session, origin, agent.username, "on_call", sip_uri, now, desk.dialers(session)
    )
    offer = streams.append(
        session,
        origin,
        agent.id,
        lambda seq: HandoffOffer(
            seq=seq,
            handoff_id=opened.handoff_id,
            campaign=msg.campaign,
            mode=msg.mode,
            script_id=opened.script_id,
            script_version=opened.script_version,
            debtor=opened.debtor,
            history=opened.history,
            offered_at=opened.created_at,
        ),
        now,
    )
    # The offer first: the agent's screen pop is the figure that counts.
    return MadeHandoff(opened, agent.username, sip_uri), [offer, *pushed]


def open_handoff(
    session: Session,
    desk: HandoffDesk,
    agent: UserRecord,
    campaign: str,
    mode: str,
    debtor_id: int | None,
    now: dt.datetime,
    handoff_id: str,
) -> OpenedHandoff:
    """Claim the debtor, choose the script and add the handoff row to the transaction."""
    asked_for = debtor_id is not None
    if debtor_id is None:
        debtor_id = debtor_claims.claim_next(session, campaign, now, desk.redial_after)
        if debtor_id is None:
            raise HandoffRefused("no_debtors", f"campaign {campaign!r} has no debtors due")
    profile = records.debtor_profile(session, debtor_id)
    if profile is None:
        raise HandoffRefused("unknown_debtor", f"no debtor {debtor_id}")
    if profile.do_not_call:
        raise HandoffRefused("do_not_call", "the debtor asked not to be called")
    if asked_for:
        debtor_claims.stamp(session, debtor_id, now)
    script_id, script_version = desk.catalog.pick(session, _main_account(profile, campaign))
    connection = session.connection()
    connection.execute(
        _ADD_HANDOFF,
        {
            "id": handoff_id, "agent_id": agent.id, "debtor_id": debtor_id,
            "campaign": campaign, "mode": mode, "script_id": script_id,
            "script_version": script_version, "created_at": to_db_time(now), "state": "offered",
        },
    )  # fmt: skip
    connection.execute(
        _ADD_AUDIT,
        {
            "user_id": agent.id,
            "action": "handoff.create",
            "target": f"handoff:{handoff_id}",
            "at": to_db_time(now),
        },
    )
    history = records.history_page(session, debtor_id)
    return OpenedHandoff(handoff_id, profile, history, script_id, script_version, now)


def _main_account(profile: DebtorProfile, campaign: str) -> AccountRecord | None:
    """The account the call is about: the campaign's segment first, then any open one."""
    open_accounts = [a for a in profile.accounts if a.status == "open"]
    for account in open_accounts:
        if account.segment == campaign:
            return account
    if open_accounts:
        return open_accounts[0]
    return profile.accounts[0] if profile.accounts else None


def end_handoff(
    session: Session, dialer: UserRecord, handoff_id: str, now: dt.datetime, reason: str = ""
) -> EndedHandoff:
    row = session.get(HandoffRow, handoff_id)
    if row is None:
        raise HandoffRefused("unknown_handoff", "no such handoff")
    accepted = row.state in ("accepted", "wrapped")
    if row.state in ("offered", "accepted"):
        row.state = "ended" if accepted else "cancelled"
    if row.end_reason is None and reason:
        # Kept for the floor's figures (abandonment is reason "abandoned").
        row.end_reason = reason[:64]
    agent_name = session.scalar(select(User.username).where(User.id == row.agent_id))
    session.add(
        AuditEntry(
            user_id=dialer.id,
            action="handoff.end",
            target=f"handoff:{handoff_id}",
            at=to_db_time(now),
        )
    )
    return EndedHandoff(agent_id=row.agent_id, agent=agent_name or "", was_accepted=accepted)


def accept_handoff(session: Session, agent: UserRecord, handoff_id: str, now: dt.datetime) -> bool:
    row = session.get(HandoffRow, handoff_id)
    if row is None or row.agent_id != agent.id:
        return False
    if row.state == "offered":
        row.state = "accepted"
    session.add(
        AuditEntry(
            user_id=agent.id,
            action="handoff.accept",
            target=f"handoff:{handoff_id}",
            at=to_db_time(now),
        )
    )
    return True
