"""The campaign's rules as the agent's desk applies them: pause codes, wrap-up, calling window.

`CampaignRules` wraps the hub's `CampaignPolicy` with the desk's translations of pause codes and
the pure checks the screen pop needs: is it inside the calling window in the debtor's local
time, how many times was the debtor contacted in the last seven days. Until the hub answered,
`FALLBACK_POLICY` (the default campaign's published rules) keeps the desk usable offline. This
module must never import widgets, do I/O, or log anything about the debtor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.common.formatting import debtor_zone
from desktop.common.i18n import translate
from sync.protocol import DEFAULT_DISPOSITIONS, CampaignPolicy, HistoryEvent, PauseCode

CONTACT_WINDOW_DAYS = 7
# Channels where someone from the agency reached out to the debtor (payments and promises
# are outcomes, not contacts).
CONTACT_CHANNELS = frozenset({"call", "sms", "whatsapp", "email", "messenger", "blaster"})

FALLBACK_POLICY = CampaignPolicy(
    campaign="temprana",
    pause_codes=[
        PauseCode(code="break", label="Descanso", max_minutes=15),
        PauseCode(code="lunch", label="Comida", max_minutes=60),
        PauseCode(code="training", label="Capacitación"),
    ],
    dispositions=list(DEFAULT_DISPOSITIONS),
    wrapup_limit_s=60,
    timeout_disposition="wrapup_expired",
    window_start_min=8 * 60,
    window_end_min=21 * 60,
    min_promise_cents=20_000,
    max_days_ahead=30,
    max_discount_pct=10,
    max_instalments=6,
)

_PAUSE_LABELS: dict[str, str] = {
    "break": str(QT_TRANSLATE_NOOP("Pause", "Break")),
    "lunch": str(QT_TRANSLATE_NOOP("Pause", "Lunch")),
    "training": str(QT_TRANSLATE_NOOP("Pause", "Training")),
    "coaching": str(QT_TRANSLATE_NOOP("Pause", "Coaching")),
    "meeting": str(QT_TRANSLATE_NOOP("Pause", "Meeting")),
    "technical": str(QT_TRANSLATE_NOOP("Pause", "Technical problem")),
}


def pause_label(code: PauseCode) -> str:
    source = _PAUSE_LABELS.get(code.code)
    return translate("Pause", source) if source else code.label


@dataclass(frozen=True)
class Compliance:
    """What the compliance banner says about calling this debtor now."""

    local_time: dt.datetime | None  # None: the debtor's time zone is unknown
    inside_window: bool | None  # None: cannot tell (unknown zone)
    contacts_7d: int
    contacts_complete: bool  # False when older history (not loaded yet) may add contacts


class CampaignRules:
    def __init__(self, policy: CampaignPolicy = FALLBACK_POLICY) -> None:
        self.policy = policy
        # False while the desk works from the fallback (the hub has not answered yet).
        self.from_hub = policy is not FALLBACK_POLICY

    @property
    def pause_codes(self) -> list[PauseCode]:
        return list(self.policy.pause_codes)

    def pause_code(self, code: str | None) -> PauseCode | None:
        return next((p for p in self.policy.pause_codes if p.code == code), None)

    def window_text(self) -> str:
        start, end = self.policy.window_start_min, self.policy.window_end_min
        return f"{start // 60:02d}:{start % 60:02d}–{end // 60:02d}:{end % 60:02d}"

    def inside_window(self, local: dt.datetime) -> bool:
        minute = local.hour * 60 + local.minute
        return self.policy.window_start_min <= minute < self.policy.window_end_min

    def compliance(
        self,
        timezone: str,
        events: Iterable[HistoryEvent],
        history_exhausted: bool,
        now: dt.datetime,
    ) -> Compliance:
        """Local time, window and recent contacts; `events` are the loaded history, newest
        first, so counting stops at the first event older than the seven-day window."""
        zone = debtor_zone(timezone)
        local = now.astimezone(zone) if zone is not None else None
        since = now - dt.timedelta(days=CONTACT_WINDOW_DAYS)
        count = 0
        reached_older = False
        for event in events:
            if event.occurred_at < since:
                reached_older = True
                break
            if event.channel in CONTACT_CHANNELS and event.direction != "in":
                count += 1
        return Compliance(
            local_time=local,
            inside_window=self.inside_window(local) if local is not None else None,
            contacts_7d=count,
            contacts_complete=reached_older or history_exhausted,
        )
