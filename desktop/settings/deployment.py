"""What the desk's softphone and sign-in take from the layered deployment settings.

IT's policy (and the agent's own choices where IT left them open) decide the SIP registrar,
transport, SIP user, audio devices and what happens to a call without a handoff; the SIP
password comes from the OS keyring, never from a file. `phone_config` turns the settings into
the `PhoneConfig` the desk starts its phone with. This module must never write settings or
secrets, never log a password, and never import pjsua2 or Qt widgets.
"""

from __future__ import annotations

from typing import cast

from desktop.settings.layered import Layer, Settings
from desktop.settings.schema import Value
from desktop.settings.secrets import SecretStore, sip_scope
from desktop.settings.userfile import load_user_file
from softphone.model import AudioPrefs, PhoneConfig, SipTransport, UnpairedPolicy


def sip_user(settings: Settings, hub_user: str) -> str:
    """The SIP account: the configured one, else the hub user (the demo's direct-IP desks)."""
    return settings.text("sip_user") or hub_user


_AUDIO_KEYS = ("headset_output", "headset_input", "ringer_output", "echo_cancel")


def audio_prefs(settings: Settings) -> AudioPrefs:
    """The devices the agent chose by name (empty: the system default) and echo cancelling.

    The user file is read again here: the call bar writes the agent's device choice to it
    mid-shift (desktop.agent.audio_settings), after `settings` was loaded at start-up, and that
    file is the one place the choice lives. An override or IT's lock still wins, and a key the
    file does not hold resolves as usual (defaults, IT's preset, an edit not saved yet)."""
    saved = load_user_file(settings.user_path).values

    def pick(key: str) -> Value:
        held = settings.resolved(key)
        if held.layer in (Layer.OVERRIDE, Layer.POLICY) or key not in saved:
            return held.value
        return saved[key]

    values = {key: pick(key) for key in _AUDIO_KEYS}
    return AudioPrefs(
        headset_output=str(values["headset_output"]) or None,
        headset_input=str(values["headset_input"]) or None,
        ringer_output=str(values["ringer_output"]) or None,
        echo_cancel=bool(values["echo_cancel"]),
    )


def phone_config(
    settings: Settings,
    hub_user: str,
    display_name: str,
    port: int | None = None,
    secrets: SecretStore | None = None,
    *,
    with_audio: bool = True,
) -> PhoneConfig:
    """The softphone's configuration for this desk. Raises ValueError for an unusable one.

    ``port`` (the command line's ``--sip-port``) beats the ``sip_port`` setting. Without a
    registrar the dialer calls the desk's contact directly and no password is looked up.
    """
    user = sip_user(settings, hub_user)
    registrar = settings.text("sip_registrar") or None
    password = None
    if registrar is not None:
        password = (secrets or SecretStore()).load("sip_password", sip_scope(registrar, user))
    return PhoneConfig(
        user=user,
        display_name=display_name or user,
        port=int(settings.value("sip_port")) if port is None else port,
        rtp_port=int(settings.value("sip_rtp_port")),
        registrar=registrar,
        password=password,
        transport=cast(SipTransport, settings.text("sip_transport")),
        unpaired_policy=cast(UnpairedPolicy, settings.text("unpaired_policy")),
        audio=audio_prefs(settings) if with_audio else None,
    )
