"""First run: ask only what the machine policy did not preset, then save it in the right place.

`FirstRunAnswers` is what the wizard collected; `apply_first_run` puts each answer where it
belongs: non-secret values into the user settings file (never over a locked key), the SIP
password into the OS keyring. `run_first_run` shows the wizard in its own Qt session. This
module must never write the password anywhere but the keyring.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.settings.layered import Settings
from desktop.settings.schema import SettingValueError
from desktop.settings.secrets import SecretStore, sip_scope
from desktop.settings.userfile import SettingsFileError

# Keys the wizard may ask about, in page order; a locked key is shown, never asked.
ASKED_KEYS = (
    "hub_url",
    "sip_registrar",
    "sip_user",
    "headset_output",
    "headset_input",
    "ringer_output",
)


@dataclass
class FirstRunAnswers:
    values: dict[str, str] = field(default_factory=dict)
    sip_password: str = field(default="", repr=False)


def keys_to_ask(settings: Settings) -> list[str]:
    return [key for key in ASKED_KEYS if not settings.is_locked(key)]


def apply_first_run(
    settings: Settings, answers: FirstRunAnswers, secrets: SecretStore | None = None
) -> list[str]:
    """Store the answers; returns problems (empty = all stored). Locked keys are skipped."""
    problems: list[str] = []
    for key, raw in answers.values.items():
        if settings.is_locked(key):
            continue
        try:
            settings.set_user(key, raw)
        except SettingValueError as exc:
            problems.append(str(exc))
    if problems:
        return problems
    if answers.sip_password:
        scope = sip_scope(settings.text("sip_registrar"), settings.text("sip_user"))
        stored = (secrets or SecretStore()).save("sip_password", scope, answers.sip_password)
        if not stored.ok:
            problems.append(stored.reason)
    try:
        settings.save()
    except SettingsFileError as exc:
        problems.append(str(exc))
    return problems


def run_first_run(settings: Settings) -> int:
    """Show the wizard; 0 when the agent finished it, 1 when they cancelled."""
    from desktop.settings.i18n import setup_session
    from desktop.settings.wizard import FirstRunWizard

    with setup_session(settings.text("locale")):
        return 0 if FirstRunWizard(settings).exec() else 1
