"""Campaign policies: the rules an agent works under, as the hub defines them.

A campaign's policy names its pause codes (break, lunch, training, coaching...), its wrap-up
limit and the disposition used when the limit runs out, the calling window in the debtor's
local time, the promise policy (minimum amount, days ahead, discount, instalments) and the
agent's daily goals. The policies are code for now (one per dialled campaign plus a default),
so every hub process answers the same without a database round trip; the handler answers
``campaign.fetch``. This module must never hold agent or debtor data, nor block the loop.
"""

from __future__ import annotations

import msgspec

from sync.protocol import (
    DEFAULT_DISPOSITIONS,
    CampaignData,
    CampaignPolicy,
    FetchCampaign,
    PauseCode,
)

DEFAULT_CAMPAIGN = "temprana"
MAX_CAMPAIGN = 64  # the handoffs table's column width

# Labels are the hub's fallback text (Spanish, the floor's language); the desktop shows its
# own translation for the codes it knows.
PAUSE_CODES: tuple[PauseCode, ...] = (
    PauseCode(code="break", label="Descanso", max_minutes=15),
    PauseCode(code="lunch", label="Comida", max_minutes=60),
    PauseCode(code="training", label="Capacitación"),
    PauseCode(code="coaching", label="Retroalimentación"),
    PauseCode(code="meeting", label="Junta"),
    PauseCode(code="technical", label="Problema técnico", max_minutes=10),
)

TIMEOUT_DISPOSITION = "wrapup_expired"


def _policy(campaign: str, wrapup_limit_s: int, max_discount_pct: int) -> CampaignPolicy:
    return CampaignPolicy(
        campaign=campaign,
        pause_codes=list(PAUSE_CODES),
        dispositions=list(DEFAULT_DISPOSITIONS),
        wrapup_limit_s=wrapup_limit_s,
        timeout_disposition=TIMEOUT_DISPOSITION,
        # 08:00-21:00 local: the usual collections calling window in Mexico.
        window_start_min=8 * 60,
        window_end_min=21 * 60,
        min_promise_cents=20_000,
        max_days_ahead=30,
        max_discount_pct=max_discount_pct,
        max_instalments=6,
        goal_promises=12,
        goal_amount_cents=6_000_000,
    )


# Later stages get longer wrap-ups (harder calls, longer notes) and deeper discounts.
POLICIES: dict[str, CampaignPolicy] = {
    "temprana": _policy("temprana", 60, 10),
    "media": _policy("media", 90, 25),
    "tardia": _policy("tardia", 120, 40),
}


def policy_for(campaign: str | None) -> CampaignPolicy:
    """The campaign's policy; None means the default campaign. A campaign the hub has no
    policy for (the dialer may name any) works under the default campaign's rules."""
    name = DEFAULT_CAMPAIGN if campaign is None else campaign
    policy = POLICIES.get(name)
    if policy is None:
        return msgspec.structs.replace(POLICIES[DEFAULT_CAMPAIGN], campaign=name)
    return policy


def answer_fetch(msg: FetchCampaign) -> CampaignData:
    """The reply to ``campaign.fetch``; raises ValueError for an unusable campaign name."""
    if msg.campaign is not None and not 1 <= len(msg.campaign) <= MAX_CAMPAIGN:
        raise ValueError(f"a campaign name has 1 to {MAX_CAMPAIGN} characters")
    return CampaignData(policy=policy_for(msg.campaign), ref=msg.ref)
