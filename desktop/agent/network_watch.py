"""Notices that the laptop slept or its network changed, and tells the phone once.

Three signs, checked on the GUI thread: a gap between the wall clock and the monotonic clock
(Linux's CLOCK_MONOTONIC, like Windows' and macOS's, does not advance during suspend while the
wall clock does, so after resume the wall clock is ahead by about the time asleep); a change in
the set of local interface addresses (new Wi-Fi, VPN up or down, DHCP renewal with a new
address), polled every few seconds because that works on every platform; and, when a
QNetworkInformation backend loads here, its reachability coming back. Signs that come together
(resume usually brings all three) are merged into one call of `on_change`, after a short
settle delay. It must never call into the phone directly (CallControl does that and shows the
messages), never block the GUI thread, and never log addresses (they identify a person's home).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QAbstractSocket, QNetworkInformation, QNetworkInterface

log = logging.getLogger("acuerdo.desktop")

Clock = Callable[[], float]
AddressSource = Callable[[], frozenset[str]]

POLL_S = 3.0
# More than a few seconds unaccounted for is a suspend (or a big clock step, which a re-register
# also survives); GUI stalls of a second or two are not.
SLEEP_GAP_S = 8.0
SETTLE_S = 1.0  # let DHCP and routes settle before registering again


def local_addresses() -> frozenset[str]:
    """Addresses of the interfaces that are up, without loopback and link-local ones (those
    come and go with no effect on SIP)."""
    found: set[str] = set()
    for address in QNetworkInterface.allAddresses():
        if address.isLoopback() or address.isLinkLocal():
            continue
        if address.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv6Protocol:
            address.setScopeId("")
        found.add(address.toString())
    return frozenset(found)


class NetworkWatch(QObject):
    """Calls `on_change()` once after a resume from sleep or a network change."""

    def __init__(
        self,
        on_change: Callable[[], object],
        parent: QObject | None = None,
        *,
        wall: Clock = time.time,
        monotonic: Clock = time.monotonic,
        addresses: AddressSource = local_addresses,
        poll_s: float = POLL_S,
        sleep_gap_s: float = SLEEP_GAP_S,
        settle_s: float = SETTLE_S,
        system_backend: bool = True,
    ) -> None:
        super().__init__(parent)
        self._on_change = on_change
        self._wall = wall
        self._monotonic = monotonic
        self._addresses = addresses
        self._sleep_gap_s = sleep_gap_s
        self._last_wall = wall()
        self._last_mono = monotonic()
        self._known = addresses()
        self._reasons: set[str] = set()
        self.triggered = 0  # how many times on_change ran (diagnostics, tests)
        self._poll = QTimer(self)
        self._poll.setObjectName("networkWatchPoll")
        self._poll.setInterval(int(poll_s * 1000))
        self._poll.timeout.connect(self.check)
        self._settle = QTimer(self)
        self._settle.setObjectName("networkWatchSettle")
        self._settle.setSingleShot(True)
        self._settle.setInterval(int(settle_s * 1000))
        self._settle.timeout.connect(self._fire)
        self._reachability: QNetworkInformation.Reachability | None = None
        if system_backend:
            self._watch_system()

    def start(self) -> None:
        self._last_wall, self._last_mono = self._wall(), self._monotonic()
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()

    def check(self) -> None:
        """One poll: a clock gap (sleep) or new addresses schedule `on_change`."""
        wall, mono = self._wall(), self._monotonic()
        gap = (wall - self._last_wall) - (mono - self._last_mono)
        self._last_wall, self._last_mono = wall, mono
        if abs(gap) > self._sleep_gap_s:
            self._note(f"resumed after {gap:.0f} s" if gap > 0 else "clock stepped back")
        now = self._addresses()
        if now != self._known:
            self._known = now
            self._note("addresses changed")

    def _watch_system(self) -> None:
        # Optional: which backends exist depends on the platform (NetworkManager, glib, Windows
        # NLM, macOS SCNetworkReachability); the address poll covers the rest.
        if not QNetworkInformation.loadDefaultBackend():
            return
        info = QNetworkInformation.instance()
        if info is None:
            return
        self._reachability = info.reachability()
        info.reachabilityChanged.connect(self._reachability_changed)

    def _reachability_changed(self, value: QNetworkInformation.Reachability) -> None:
        before, self._reachability = self._reachability, value
        # Going offline needs no re-register (there is nowhere to send it); coming back does.
        if value != QNetworkInformation.Reachability.Disconnected and before != value:
            self._note("reachability changed")

    def _note(self, reason: str) -> None:
        self._reasons.add(reason)
        if not self._settle.isActive():
            self._settle.start()

    def _fire(self) -> None:
        reasons, self._reasons = sorted(self._reasons), set()
        self.triggered += 1
        log.info("network change noticed (%s); telling the phone", ", ".join(reasons))
        try:
            self._on_change()
        except Exception:
            log.exception("handling a network change failed")
