"""The desktop's composition root: options, the Qt application, the qasync loop, the wiring.

`run_desktop` builds the QApplication (translator, theme), signs in through the sync client,
starts the softphone on the GUI thread with a 10 ms pump, adapts both to Qt signals, feeds the
agent session and shows the workspace; on quit it stops the softphone, then the sync client,
in that order. It must never hold business logic (that is the session's) and never log or
store a password outside the OS keyring.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.settings import Settings

log = logging.getLogger("acuerdo.desktop")

LOGIN_TIMEOUT_S = 10.0


@dataclass
class DesktopOptions:
    hub_url: str = "ws://127.0.0.1:8765"
    user: str | None = None
    password: str | None = None
    data_dir: Path = field(default_factory=lambda: Path.home() / ".acuerdo")
    locale: str = "es_MX"
    sip_port: int = 0
    autopilot: bool = False
    calls: int = 0
    headless: bool = False
    on_metrics: Callable[[dict[str, Any]], None] | None = None
    # Autopilot only: save a picture of the workspace during the first call.
    screenshot: Path | None = None
    # Autopilot only: stay on each call this long (a random pick in the range, seconds).
    talk_s: tuple[float, float] | None = None
    # The layered deployment settings (policy < user < --set); None = the demo and tests:
    # direct IP, no registrar, the hub and locale given above.
    settings: Settings | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        hub_url: str | None = None,
        locale: str | None = None,
        sip_port: int | None = None,
        **rest: Any,
    ) -> DesktopOptions:
        """Options for a deployed desk; explicit command-line values beat the settings."""
        return cls(
            hub_url=hub_url or settings.text("hub_url"),
            locale=locale or settings.text("locale"),
            sip_port=int(settings.value("sip_port")) if sip_port is None else sip_port,
            settings=settings,
            **rest,
        )

    @property
    def hub_locked(self) -> bool:
        """IT's policy fixes the hub: the sign-in dialog may not point the desk elsewhere."""
        return self.settings is not None and self.settings.is_locked("hub_url")


def run_desktop(opts: DesktopOptions) -> int:
    """Run the agent desktop until the agent (or the autopilot) quits; returns the exit code."""
    from desktop.common.i18n import check_locale

    try:
        check_locale(opts.locale)
    except ValueError as exc:
        print(f"acuerdo: {exc}", file=sys.stderr)
        return 2
    if opts.autopilot and opts.calls <= 0:
        print("acuerdo: --autopilot needs a number of calls greater than 0", file=sys.stderr)
        return 2
    if opts.headless:
        # Must be decided before the QApplication exists.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication
    from qasync import QEventLoop

    from desktop.common.i18n import install_translator
    from desktop.common.theme import apply_theme
    from desktop.desk import Desk

    qInstallMessageHandler(_qt_message)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "acuerdo"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Acuerdo")
    app.setQuitOnLastWindowClosed(False)
    translator = install_translator(app, opts.locale)
    apply_theme(app, opts.settings.text("theme") if opts.settings else "light")
    desk = Desk(opts)
    # Ctrl+C in a terminal, and SIGTERM from a session manager or `kill`, quit through the
    # same ordered shutdown as closing the window (calls hung up, outbox closed).
    previous = {
        signum: signal.signal(signum, lambda *_, code=code: desk.request_quit(code))
        for signum, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143))
    }
    try:
        with asyncio.Runner(loop_factory=lambda: QEventLoop(app)) as runner:
            return runner.run(desk.main())
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if translator is not None:
            app.removeTranslator(translator)


def _qt_message(kind: Any, _context: Any, text: str) -> None:
    """Qt's own diagnostics go to our log instead of raw stderr."""
    if "propagateSizeHints" in text:
        return  # the offscreen platform says this for every window; it means nothing here
    from PySide6.QtCore import QtMsgType

    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    logging.getLogger("acuerdo.qt").log(level, "%s", text)
