"""Shortcut overrides and the campaign rules the screen pop applies (pure logic)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.agent.campaign_rules import FALLBACK_POLICY, CampaignRules
from desktop.agent.shortcuts import ACTIONS, ShortcutMap
from sync.hub.campaigns import answer_fetch, policy_for
from sync.protocol import FetchCampaign, HistoryEvent


def test_every_action_has_a_distinct_default_key(qapp: object) -> None:
    keys = ShortcutMap()
    assert len({keys.key(a.action_id) for a in ACTIONS}) == len(ACTIONS)
    assert keys.key("answer") == "F5" and keys.key("hangup") == "F6"


def test_bad_or_clashing_overrides_keep_the_default(qapp: object) -> None:
    keys = ShortcutMap({"answer": "Ctrl+Alt+A", "hold": "F6", "mute": "not a key!!", "x": "F2"})
    assert keys.key("answer") == "Ctrl+Alt+A"
    assert keys.key("hold") == "F7"  # F6 is hang up's
    assert keys.key("mute") == "F8"
    assert len(keys.problems) == 3


def test_two_actions_may_swap_keys_and_the_choice_survives_a_restart(
    qapp: object, tmp_path: Path
) -> None:
    swapped = ShortcutMap.exactly({"hold": "F8", "mute": "F7"})
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    swapped.save(settings)
    again = ShortcutMap.from_settings(settings)
    assert (again.key("hold"), again.key("mute"), again.key("answer")) == ("F8", "F7", "F5")
    with pytest.raises(ValueError, match="used twice"):
        ShortcutMap.exactly({"hold": "F9", "mute": "F9"})
    with pytest.raises(ValueError, match="already used"):
        ShortcutMap.exactly({"hold": "F5"})  # answer keeps F5


def _event(event_id: int, channel: str, days_ago: float, now: dt.datetime) -> HistoryEvent:
    return HistoryEvent(
        id=event_id,
        channel=channel,  # type: ignore[arg-type]
        occurred_at=now - dt.timedelta(days=days_ago),
        direction="out",
    )


def test_calling_window_is_judged_in_the_debtors_local_time() -> None:
    rules = CampaignRules()
    # 03:30 UTC is 21:30 the day before in Mexico City (UTC-6): outside 08:00-21:00.
    now = dt.datetime(2026, 11, 20, 3, 30, tzinfo=dt.UTC)
    late = rules.compliance("America/Mexico_City", [], True, now)
    assert late.inside_window is False and late.local_time is not None
    assert late.local_time.hour == 21
    noon = rules.compliance("America/Mexico_City", [], True, now + dt.timedelta(hours=15))
    assert noon.inside_window is True
    unknown = rules.compliance("Mars/Olympus", [], True, now)
    assert unknown.inside_window is None and unknown.local_time is None


def test_contacts_in_the_last_seven_days_count_outreach_only() -> None:
    now = dt.datetime(2026, 11, 20, 18, 0, tzinfo=dt.UTC)
    events = [
        _event(9, "call", 0.5, now),
        _event(8, "payment", 1, now),  # an outcome, not a contact
        _event(7, "sms", 3, now),
        _event(6, "whatsapp", 6.9, now),
        _event(5, "call", 8, now),  # older than the window
    ]
    status = CampaignRules().compliance("America/Monterrey", events, False, now)
    assert status.contacts_7d == 3 and status.contacts_complete
    partial = CampaignRules().compliance("America/Monterrey", events[:2], False, now)
    assert partial.contacts_7d == 1 and not partial.contacts_complete


def test_hub_policies_and_the_desks_fallback_agree_on_the_default_campaign() -> None:
    hub = policy_for(None)
    assert hub.campaign == FALLBACK_POLICY.campaign
    assert hub.wrapup_limit_s == FALLBACK_POLICY.wrapup_limit_s
    assert (hub.window_start_min, hub.window_end_min) == (480, 1260)
    assert policy_for("some-list").campaign == "some-list"  # dialer-named lists get defaults
    assert answer_fetch(FetchCampaign(campaign="tardia", ref="r")).policy.wrapup_limit_s == 120
    with pytest.raises(ValueError):
        answer_fetch(FetchCampaign(campaign="x" * 65))
