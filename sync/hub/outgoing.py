"""The rules and row of an agent's ``message.queue`` write: an SMS or e-mail to send.

The message must go to one of the debtor's own contact points, of the kind its
channel needs (a phone for SMS, an address for e-mail), still valid and not
marked do-not-call; the text must be 1..MAX_TEXT characters. ``plan`` checks
it inside the batch's transaction and returns the outgoing history event
``writes`` inserts (detail status "queued"; whatever sends messages picks it
up from there); its id becomes the write's ``result_id``. Synchronous and
read-only; it must never insert, send anything, or log the text or the address.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import MAX_TEXT, QueueMessage

from .db import to_db_time
from .models import ContactPoint
from .records import UserRecord
from .write_checks import BatchLookups, Rejection

# Which contact point kinds each channel can reach.
_KINDS = {"sms": frozenset({"phone", "whatsapp"}), "email": frozenset({"email"})}
_SUMMARY = {"sms": "SMS en cola de envío", "email": "Correo en cola de envío"}


def plan(
    session: Session,
    lookups: BatchLookups,
    user: UserRecord,
    msg: QueueMessage,
    now: dt.datetime,
) -> dict[str, Any]:
    """The ``history_events`` row for ``msg``; raises ``Rejection`` when a rule fails."""
    lookups.check_assignment(user, msg.debtor_id, msg.handoff_id)
    if not msg.text.strip() or len(msg.text) > MAX_TEXT:
        raise Rejection("invalid_text", f"a message of 1-{MAX_TEXT} characters is required")
    point = session.execute(
        select(
            ContactPoint.debtor_id, ContactPoint.kind, ContactPoint.valid, ContactPoint.do_not_call
        ).where(ContactPoint.id == msg.contact_point_id)
    ).first()
    if point is None or point[0] != msg.debtor_id:
        raise Rejection("unknown_contact_point", "no such contact point for this debtor")
    _, kind, valid, do_not_call = point
    if kind not in _KINDS[msg.channel]:
        raise Rejection("wrong_contact_kind", f"a {kind} cannot receive {msg.channel}")
    if not valid:
        raise Rejection("invalid_contact_point", "the contact point is marked as not valid")
    if do_not_call:
        raise Rejection("do_not_call", "the debtor asked not to be contacted there")
    if msg.promise_key is not None and len(msg.promise_key) > 100:
        raise Rejection("invalid_promise_key", "promise_key must be at most 100 characters")
    return {
        "debtor_id": msg.debtor_id,
        "channel": msg.channel,
        "occurred_at": to_db_time(now),
        "direction": "out",
        "account_id": None,
        "summary": _SUMMARY[msg.channel],
        "detail": {
            "status": "queued",
            "text": msg.text,
            "contact_point_id": msg.contact_point_id,
            "agent": user.username,
            "handoff_id": msg.handoff_id,
            "promise_key": msg.promise_key,
        },
    }
