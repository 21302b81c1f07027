"""Handoffs in the store: picking the campaign's next debtor and its script, opening and ending.

``open_handoff`` chooses a debtor (the one asked for, or the lowest id in the
campaign not handed off yet in this hub process's lifetime), picks the newest
published script for the debtor's account, adds the handoff with an audit row
to the caller's transaction and returns everything the screen pop needs as
plain structs. Synchronous; runs in the hub's database executor. It must
never decide about agent availability (``presence`` does) or log a debtor's
personal data.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import Account as AccountRecord
from sync.protocol import DebtorProfile, HistoryPage

from . import records
from .db import to_db_time
from .models import Account, AuditEntry, Debtor, HandoffRow, User
from .records import PublishedScript, UserRecord

log = logging.getLogger("acuerdo.hub")

SEGMENTS = frozenset({"temprana", "media", "tardia"})
DEFAULT_SCRIPT = "early-stage-mx"
_CANDIDATE_BATCH = 64


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


def next_debtor(
    session: Session, campaign: str, after_id: int, skip: Collection[int]
) -> int | None:
    """Lowest debtor id above ``after_id`` in the campaign that is not in ``skip``."""
    cursor = after_id
    while True:
        if campaign in SEGMENTS:
            query = (
                select(Account.debtor_id)
                .where(
                    Account.segment == campaign,
                    Account.status == "open",
                    Account.debtor_id > cursor,
                )
                .distinct()
                .order_by(Account.debtor_id)
            )
        else:  # a campaign that is not a segment name dials the whole portfolio
            query = select(Debtor.id).where(Debtor.id > cursor).order_by(Debtor.id)
        ids = list(session.scalars(query.limit(_CANDIDATE_BATCH)))
        if not ids:
            return None
        for debtor_id in ids:
            if debtor_id not in skip:
                return debtor_id
        cursor = ids[-1]


def open_handoff(
    session: Session,
    catalog: ScriptCatalog,
    agent: UserRecord,
    campaign: str,
    mode: str,
    debtor_id: int | None,
    after_id: int,
    skip: Collection[int],
    now: dt.datetime,
    handoff_id: str | None = None,
) -> OpenedHandoff:
    """Choose the debtor and script and add the handoff row to the caller's transaction."""
    if debtor_id is None:
        debtor_id = next_debtor(session, campaign, after_id, skip)
        if debtor_id is None:
            raise HandoffRefused("no_debtors", f"campaign {campaign!r} has no debtors left")
    profile = records.debtor_profile(session, debtor_id)
    if profile is None:
        raise HandoffRefused("unknown_debtor", f"no debtor {debtor_id}")
    script_id, script_version = catalog.pick(session, _main_account(profile, campaign))
    handoff_id = handoff_id or str(uuid.uuid4())
    session.add(
        HandoffRow(
            id=handoff_id,
            agent_id=agent.id,
            debtor_id=debtor_id,
            campaign=campaign,
            mode=mode,
            script_id=script_id,
            script_version=script_version,
            created_at=to_db_time(now),
            state="offered",
        )
    )
    session.add(
        AuditEntry(
            user_id=agent.id,
            action="handoff.create",
            target=f"handoff:{handoff_id}",
            at=to_db_time(now),
        )
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
    session: Session, dialer: UserRecord, handoff_id: str, now: dt.datetime
) -> EndedHandoff:
    row = session.get(HandoffRow, handoff_id)
    if row is None:
        raise HandoffRefused("unknown_handoff", "no such handoff")
    accepted = row.state in ("accepted", "wrapped")
    if row.state in ("offered", "accepted"):
        row.state = "ended" if accepted else "cancelled"
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
