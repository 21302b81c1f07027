"""`acuerdo diagnostics`: the page in a window, or `--headless` JSON for scripts and IT tools.

Headless runs every check, prints one JSON line and, with `--bundle PATH`, writes the support
zip; the exit code is 0 when every configured check passed. It must never print a secret.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from desktop.diagnostics.bundle import export_support_bundle
from desktop.diagnostics.checks import run_all
from desktop.settings.layered import Settings


def run_diagnostics(settings: Settings, headless: bool, bundle: Path | None) -> int:
    if not headless:
        return _run_window(settings)
    results = asyncio.run(run_all(settings))
    if bundle is not None:
        export_support_bundle(bundle, settings, results)
    print(json.dumps({"diagnostics": [r.as_dict() for r in results]}, default=str), flush=True)
    return 0 if all(r.ok for r in results) else 1


def _run_window(settings: Settings) -> int:
    from qasync import QEventLoop

    from desktop.diagnostics.page import DiagnosticsPage
    from desktop.settings.i18n import setup_session

    with setup_session(settings.text("locale")) as app:
        page = DiagnosticsPage(settings)
        page.resize(760, 360)
        page.show()

        async def until_closed() -> int:
            closed = asyncio.get_running_loop().create_future()

            def on_closed() -> None:
                if not closed.done():
                    closed.set_result(0)

            app.lastWindowClosed.connect(on_closed)
            return int(await closed)

        with asyncio.Runner(loop_factory=lambda: QEventLoop(app)) as runner:
            return runner.run(until_closed())
