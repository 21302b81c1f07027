"""The desk's dialling preferences: trunk for the agent's own calls, auto-answer, preview countdown.

A deployed desk reads them from the layered settings (policy < user < command line); the demo
and the tests have no settings object and give them through the environment, under the same
names the settings use (`ACUERDO_SIP_TRUNK`...). This module only reads values: it must never
write settings, and never decide anything about a call.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from desktop.settings.schema import setting


class SettingsReader(Protocol):
    def value(self, key: str) -> str | int | bool: ...


@dataclass(frozen=True)
class DialSettings:
    # "sip:host:port" of the trunk; empty = this desk cannot dial out.
    trunk: str = ""
    # Progressive calls ring; with this the phone answers them by itself.
    progressive_auto_answer: bool = False
    # Seconds a previewed debtor stays on screen before the call is dialled; 0 = never.
    preview_countdown_s: int = 20

    @classmethod
    def load(
        cls, settings: SettingsReader | None, environ: Mapping[str, str] | None = None
    ) -> DialSettings:
        if settings is not None:
            return cls(
                trunk=str(settings.value("sip_trunk")),
                progressive_auto_answer=settings.value("progressive_answer") == "auto",
                preview_countdown_s=int(settings.value("preview_countdown_s")),
            )
        env = os.environ if environ is None else environ

        def pick(key: str) -> str | int | bool:
            declared = setting(key)
            raw = env.get(declared.env_name)
            return declared.default if raw is None else declared.coerce(raw)

        return cls(
            trunk=str(pick("sip_trunk")),
            progressive_auto_answer=pick("progressive_answer") == "auto",
            preview_countdown_s=int(pick("preview_countdown_s")),
        )

    def trunk_uri(self, number: str) -> str | None:
        """The SIP address that dials `number` (E.164) through the trunk; None without one."""
        if not self.trunk:
            return None
        host = self.trunk.removeprefix("sip:").split(";", 1)[0]
        return f"sip:{number}@{host}"
