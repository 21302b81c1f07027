"""May the agent dial this number for this debtor now? One answer, with the reason when not.

A number is parsed and validated as E.164 with `phonenumbers` (Mexican numbers may be typed
without the country code), must be one of the debtor's phone contact points, must not be flagged
wrong or do-not-call (nor the whole debtor), and the debtor's local time must be inside the
campaign's calling window. Pure logic over protocol records: it must never import Qt, dial, or
log a number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import phonenumbers

from desktop.agent.campaign_rules import CampaignRules
from desktop.common.formatting import debtor_zone
from sync.protocol import ContactPoint, DebtorProfile

DEFAULT_REGION = "MX"

Refusal = Literal["invalid", "not_on_record", "wrong_number", "do_not_call", "outside_window"]


@dataclass(frozen=True)
class DialCheck:
    """The outcome: `e164` to dial, or `refusal` (and the contact point when one matched)."""

    e164: str | None
    refusal: Refusal | None
    contact: ContactPoint | None = None

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def to_e164(text: str, region: str = DEFAULT_REGION) -> str | None:
    """The number in E.164 (+525512345678), or None if it is not a valid phone number."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > 32:
        return None
    try:
        parsed = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def dialable_phones(debtor: DebtorProfile) -> list[ContactPoint]:
    """The debtor's phone contact points the agent may pick from (flagged ones included, so
    the refusal can say why)."""
    return [c for c in debtor.contact_points if c.kind == "phone"]


def check_dial(
    text: str, debtor: DebtorProfile, rules: CampaignRules, now: dt.datetime
) -> DialCheck:
    """Decide whether `text` may be dialled for `debtor` at `now` (aware UTC)."""
    e164 = to_e164(text)
    if e164 is None:
        return DialCheck(None, "invalid")
    contact = next((c for c in dialable_phones(debtor) if to_e164(c.value) == e164), None)
    if contact is None:
        return DialCheck(e164, "not_on_record")
    if debtor.do_not_call or contact.do_not_call:
        return DialCheck(e164, "do_not_call", contact)
    if not contact.valid:
        return DialCheck(e164, "wrong_number", contact)
    zone = debtor_zone(debtor.timezone)
    # An unknown zone cannot prove the call is lawful now: refuse rather than guess.
    if zone is None or not rules.inside_window(now.astimezone(zone)):
        return DialCheck(e164, "outside_window", contact)
    return DialCheck(e164, None, contact)
