"""Where a promise's confirmation may go: the debtor's valid SMS phones and e-mail addresses.

A confirmation is a `QueueMessage` outbox write the hub stores as an outgoing SMS or e-mail. It
may only go to a point the debtor owns that is valid and not marked do-not-call, and never to a
debtor who asked not to be contacted. This module must never import widgets, send anything, or
log a phone number or address (contact points are named by id only).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal

from desktop.agent.promise_rules import Confirmation
from desktop.common.i18n import translate
from sync.protocol import ContactPoint, DebtorProfile, QueueMessage

_CHANNEL_OF: dict[str, Literal["sms", "email"]] = {"phone": "sms", "email": "email"}


@dataclass(frozen=True)
class ConfirmationTarget:
    channel: Literal["sms", "email"]
    contact_point_id: int
    label: str  # shown to the agent (who already sees the debtor's contact points)


def may_message(debtor: DebtorProfile, point: ContactPoint) -> bool:
    return (
        not debtor.do_not_call
        and point.valid
        and not point.do_not_call
        and point.kind in _CHANNEL_OF
    )


def targets(debtor: DebtorProfile | None) -> list[ConfirmationTarget]:
    """SMS targets first (a promise is usually confirmed by text), then e-mail."""
    if debtor is None:
        return []
    found = [
        ConfirmationTarget(
            _CHANNEL_OF[p.kind],
            p.id,
            (
                translate("Confirm", "SMS to {value}")
                if p.kind == "phone"
                else translate("Confirm", "E-mail to {value}")
            ).format(value=p.value),
        )
        for p in debtor.contact_points
        if may_message(debtor, p)
    ]
    return sorted(found, key=lambda t: t.channel != "sms")


def queue_message(
    debtor_id: int, confirmation: Confirmation, handoff_id: str | None, promise_key: str
) -> QueueMessage:
    return QueueMessage(
        key=uuid.uuid4().hex,
        debtor_id=debtor_id,
        channel=confirmation.channel,
        contact_point_id=confirmation.contact_point_id,
        text=confirmation.text,
        handoff_id=handoff_id,
        promise_key=promise_key,
    )
