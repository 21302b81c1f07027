"""The rules and effect of an agent's ``contact.update`` write: wrong number, valid, new phone.

``wrong_number`` and ``valid`` flip ``contact_points.valid`` of one of the
debtor's own contact points; ``new_number`` adds a contact point after
checking its value has the shape of its kind. ``plan`` checks inside the
batch's transaction and returns a ``ContactChange``; ``apply`` carries it out
and returns the contact point's id, which becomes the write's ``result_id``.
Synchronous. It must never change another debtor's contact points, nor log a
phone number or an address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from sync.protocol import UpdateContact

from .models import ContactPoint
from .records import UserRecord
from .write_checks import BatchLookups, Rejection

# E.164-like: an optional +, then 8-15 digits once spaces, dashes, dots and brackets go.
_PHONE = re.compile(r"^\+?\d{8,15}$")
_PHONE_NOISE = re.compile(r"[\s\-().]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_VALUE = 200


@dataclass(frozen=True)
class ContactChange:
    """What one accepted update does: flip ``valid`` of ``point_id``, or add a point."""

    debtor_id: int
    point_id: int | None
    valid: bool
    kind: str = "phone"
    value: str = ""


def normalised(kind: str, value: str) -> str:
    """The value as stored; raises ``Rejection`` when it is not a usable ``kind``."""
    value = value.strip()
    if kind in ("phone", "whatsapp"):
        digits = _PHONE_NOISE.sub("", value)
        if not _PHONE.match(digits):
            raise Rejection("invalid_phone", "a phone needs 8-15 digits, optionally after +")
        return digits
    if kind == "email":
        if len(value) > MAX_VALUE or not _EMAIL.match(value):
            raise Rejection("invalid_email", "not an e-mail address")
        return value
    if not 1 <= len(value) <= MAX_VALUE:
        raise Rejection("invalid_value", f"a value of 1-{MAX_VALUE} characters is required")
    return value


def plan(
    session: Session, lookups: BatchLookups, user: UserRecord, msg: UpdateContact
) -> ContactChange:
    lookups.check_assignment(user, msg.debtor_id, msg.handoff_id)
    if msg.action == "new_number":
        if msg.value is None:
            raise Rejection("invalid_value", "new_number needs a value")
        value = normalised(msg.kind, msg.value[: MAX_VALUE * 2])
        if session.scalar(
            select(ContactPoint.id).where(
                ContactPoint.debtor_id == msg.debtor_id,
                ContactPoint.kind == msg.kind,
                ContactPoint.value == value,
                ContactPoint.do_not_call.is_(True),
            )
        ):
            # Entering it again must not bring back a point the debtor had taken away.
            raise Rejection("do_not_call", "this contact point is marked do-not-call")
        return ContactChange(msg.debtor_id, None, True, msg.kind, value)
    if msg.contact_point_id is None:
        raise Rejection("unknown_contact_point", f"{msg.action} needs a contact_point_id")
    found = session.execute(
        select(ContactPoint.debtor_id, ContactPoint.do_not_call).where(
            ContactPoint.id == msg.contact_point_id
        )
    ).first()
    if found is None or found[0] != msg.debtor_id:
        raise Rejection("unknown_contact_point", "no such contact point for this debtor")
    if msg.action == "valid" and found[1]:
        raise Rejection("do_not_call", "a do-not-call contact point cannot be made valid")
    return ContactChange(msg.debtor_id, msg.contact_point_id, msg.action == "valid")


def apply(session: Session, change: ContactChange) -> int:
    """Carry out an accepted change; the contact point's id."""
    if change.point_id is not None:
        session.execute(
            update(ContactPoint)
            .where(ContactPoint.id == change.point_id)
            .values(valid=change.valid)
        )
        return change.point_id
    existing = session.scalar(
        select(ContactPoint.id).where(
            ContactPoint.debtor_id == change.debtor_id,
            ContactPoint.kind == change.kind,
            ContactPoint.value == change.value,
        )
    )
    if existing is not None:
        # Already known (perhaps marked wrong before): the agent says it works now.
        session.execute(update(ContactPoint).where(ContactPoint.id == existing).values(valid=True))
        return int(existing)
    return int(
        session.scalars(
            insert(ContactPoint)
            .values(
                debtor_id=change.debtor_id,
                kind=change.kind,
                value=change.value,
                valid=True,
                label="agent",
            )
            .returning(ContactPoint.id)
        ).one()
    )
