"""Publishing negotiation scripts: validation, immutable versions and the catalog.

A team lead's ``script.publish`` is checked by the scripts engine (the same
validation the editor runs), refused with ``version_conflict`` when the draft
was edited from a version that is no longer the newest, and stored as the next
version with an audit row; every logged-in agent then gets ``script.updated``
in their stream, in the same transaction. Handoffs already offered keep their
version (they carry it). Synchronous; runs in the hub's database executor
inside the caller's transaction. It must never change a stored version.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from scripts_engine import pick_text
from sync.protocol import MAX_NAME, PublishScript, ScriptSummary, ScriptUpdated

from . import presence, records, streams
from .db import to_db_time
from .models import AuditEntry, ScriptRow
from .records import UserRecord
from .streams import Pushed


class PublishRefused(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason


def validate(msg: PublishScript) -> dict[str, Any]:
    """The document to store (id and version set by the hub), or PublishRefused."""
    if not msg.script_id or len(msg.script_id) > 100:
        raise PublishRefused("invalid_script", "script_id must be 1-100 characters")
    document = dict(msg.document)
    if document.get("id") != msg.script_id:
        raise PublishRefused("invalid_script", "the document's id must equal script_id")
    try:
        from scripts_engine import load_script

        # The version is the hub's to assign; validate the document as it will be stored.
        load_script({**document, "version": 1}, check=True)
    except Exception as exc:  # ScriptError and anything a broken document provokes
        raise PublishRefused("invalid_script", str(exc)[: MAX_NAME * 5]) from None
    return document


def publish(
    session: Session,
    origin: str,
    user: UserRecord,
    msg: PublishScript,
    document: dict[str, Any],
    now: dt.datetime,
) -> tuple[int, list[Pushed]]:
    """Store the next version; the new version number and the agents' update events."""
    latest = records.newest_versions(session).get(msg.script_id)
    if msg.base_version != latest:
        raise PublishRefused(
            "version_conflict",
            f"the newest version is {latest}, the draft was edited from {msg.base_version}",
        )
    version = (latest or 0) + 1
    # The unique (script_id, version) constraint settles a race between two processes.
    session.add(
        ScriptRow(
            script_id=msg.script_id,
            version=version,
            document={**document, "version": version},
            published_at=to_db_time(now),
        )
    )
    session.add(
        AuditEntry(
            user_id=user.id,
            action="script.publish",
            target=f"script:{msg.script_id}:{version}",
            at=to_db_time(now),
        )
    )
    session.flush()
    pushed = [
        streams.append(
            session,
            origin,
            agent_id,
            lambda seq: ScriptUpdated(seq=seq, script_id=msg.script_id, version=version),
            now,
        )
        for agent_id in presence.connected_agent_ids(session)
    ]
    return version, pushed


def catalog(session: Session) -> list[ScriptSummary]:
    summaries = []
    for script, published_at in records.script_catalog(session):
        title = script.document.get("title")
        locale = script.document.get("locale")
        locale = locale if isinstance(locale, str) else ""
        if isinstance(title, dict):  # one title per locale: the catalogue shows the primary
            title = pick_text({str(k): str(v) for k, v in title.items()}, locale, locale)
        summaries.append(
            ScriptSummary(
                script_id=script.script_id,
                version=script.version,
                title=title if isinstance(title, str) else "",
                locale=locale,
                published_at=published_at,
            )
        )
    return summaries
