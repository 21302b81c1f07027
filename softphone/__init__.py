"""Everything SIP and audio for the agent's desktop, on pjsua2 (no widgets here).

The package root re-exports the small API the desktop codes against: `Phone`, its
`PhoneConfig`, the `CallInfo` snapshots and the `PhoneListener` it reports to, plus the
pure `HandoffPairing` logic. Importing it must never start pjsua2; only `Phone.start()` does.
"""

from softphone.model import (
    AudioPrefs,
    CallInfo,
    PhoneConfig,
    PhoneListener,
    RegistrationInfo,
    SoftphoneError,
    UnknownCallError,
)
from softphone.pairing import HandoffPairing, Pair, Unpaired
from softphone.phone import Phone

__all__ = [
    "AudioPrefs",
    "CallInfo",
    "HandoffPairing",
    "Pair",
    "Phone",
    "PhoneConfig",
    "PhoneListener",
    "RegistrationInfo",
    "SoftphoneError",
    "UnknownCallError",
    "Unpaired",
]
