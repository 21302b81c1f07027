"""The team lead's desk: the script editor connected to the hub.

``TeamLeadDesk`` is what the app opens after sign-in for the team-lead and
admin roles (no softphone: they write scripts, they do not take calls).
``HubScripts`` is its widget-free boundary to the hub. Nothing here may
publish without the team lead asking.
"""

from __future__ import annotations

from .hub_scripts import HubScripts, ScriptRefused
from .window import TeamLeadDesk

__all__ = ["HubScripts", "ScriptRefused", "TeamLeadDesk"]
