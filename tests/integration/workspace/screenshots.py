"""Pictures of the agent workspace in its states, from the real window against a real hub.

``python -m tests.integration.workspace.screenshots`` writes every picture into docs/: both
languages (one child process each, since a process has one QApplication and one translator),
the light theme, and in Spanish also the dark one. ``... screenshots OUT_DIR es_MX|en_US``
shoots one language. Each run starts a hub on loopback over a fresh demo database, signs in as
``ana`` with the production session and window (offscreen), works a few preview calls through
a protocol-level dialer so the personal dashboard has a day to show, then saves: waiting with
the dashboard, the screen pop before and after identity, the promise form with an instalment
plan, the wrap-up with its countdown, a pause, and (Spanish) the dark theme. It drives only
what an agent can click; it is a tool, not a test. The HiDPI test reuses `running_desk`.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from desktop.adapters.phone_signals import PhonePump, PhoneSignals
from desktop.adapters.sync_signals import SyncSignals
from desktop.agent.session import AgentSession
from desktop.agent.shortcuts import ShortcutMap
from desktop.agent.workspace import AgentWorkspace
from desktop.common.i18n import install_translator
from desktop.common.theme import apply_theme
from softphone import Phone, PhoneConfig
from sync.client import LocalStore, SyncClient
from sync.hub.seed import seed_demo
from sync.hub.server import Hub
from sync.protocol import CreateHandoff, HandoffCreated
from tests.integration.hub.conftest import Peer, connect_peer
from tests.integration.workspace.conftest import until

SUFFIX = {"es_MX": "es", "en_US": "en"}
DOCS = Path(__file__).resolve().parents[3] / "docs"
# A maximised window on the 1080p monitors most contact-centre desks have.
SIZE = (1600, 1000)


@dataclass
class Scene:
    hub: Hub
    session: AgentSession
    workspace: AgentWorkspace
    dialer: Peer

    async def offer(self) -> None:
        """A previewed debtor on screen, script loaded (no SIP call: preview waits for it)."""
        assert await until(lambda: self.session.state == "ready"), "never ready"
        await asyncio.sleep(0.1)  # the hub stores ready before it hands off
        reply = await self.dialer.request(
            CreateHandoff(agent="ana", campaign="temprana", mode="preview", ref="h")
        )
        assert isinstance(reply, HandoffCreated), reply
        assert await until(lambda: self.session.offer is not None and self.session.script.loaded)

    async def close_call(self, disposition: str) -> None:
        ws = self.workspace
        ws.call_bar.hangup_button.click()
        assert await until(lambda: ws.wrapup.isVisible()), "no wrap-up"
        ws.wrapup.choose(disposition)
        ws.wrapup.submit_button.click()
        assert await until(lambda: self.session.state == "ready"), "not ready after wrap-up"

    async def promise_plan(self, save: bool) -> None:
        form = self.workspace.promise_form
        form.confirm_to.setCurrentIndex(0)
        form.select_kind("plan")
        form.plan.count.setValue(3)
        form.read_back_done.setChecked(True)
        if save:
            keys: list[str] = []
            self.session.promise_saved.connect(lambda item: keys.append(item.key))
            form.save_button.click()
            assert await until(
                lambda: bool(keys) and self.session.outbox.state_of(keys[0]) == "synced"
            )


@asynccontextmanager
async def running_desk(locale: str, size: tuple[int, int] = SIZE) -> AsyncIterator[Scene]:
    """A hub over a fresh demo database and ana's real workspace on it, online and shown."""
    work = Path(tempfile.mkdtemp(prefix="acuerdo-shots-"))
    seed_demo(f"sqlite:///{work / 'hub.db'}", debtors=40, seed=7)
    hub = Hub(f"sqlite:///{work / 'hub.db'}", host="127.0.0.1", port=0)
    await hub.start()
    store = LocalStore(work / "desk.sqlite")
    signals, phone_signals = SyncSignals(), PhoneSignals()
    client = SyncClient(f"ws://127.0.0.1:{hub.port}", "ana", "acuerdo-demo", store, signals)
    phone = Phone(PhoneConfig(user="ana", display_name="Ana"), phone_signals)
    phone.start()
    pump = PhonePump(phone)
    pump.start()
    session = AgentSession(client, phone, "Ana López", locale)
    for signal, slot in (
        (signals.offer_received, session.on_offer),
        (signals.item_changed, session.on_item),
        (signals.connection_changed, session.on_connection),
    ):
        signal.connect(slot)
    ws = AgentWorkspace(session, shortcuts=ShortcutMap())
    ws.resize(*size)
    ws.show()
    await client.start()
    dialer, _ = await connect_peer(hub, "dialer")
    try:
        assert await until(lambda: session.rules.from_hub), "campaign rules never arrived"
        yield Scene(hub, session, ws, dialer)
    finally:
        await dialer.ws.close()
        session.router.stop()
        await session.drain()
        pump.stop()
        phone.stop()
        await client.stop()
        store.close()
        await hub.stop()
        ws.allow_close()
        ws.close()


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.repaint()
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not save {path}")
    print(path)


async def settle(scene: Scene, seconds: float = 0.3) -> None:
    """Let fetches land (dashboard, history) and the clocks tick before a picture."""
    await until(lambda: scene.session.kpis.status != "loading", timeout_s=3)
    await asyncio.sleep(seconds)


async def shoot(out: Path, locale: str, dark: bool) -> None:
    tag = SUFFIX[locale]
    async with running_desk(locale) as scene:
        ws, session = scene.workspace, scene.session
        ws.top_bar.ready_button.click()
        # A short morning so the dashboard has figures: two promises among four calls.
        for number in range(4):
            await scene.offer()
            ws.verification.confirm_button.click()
            if number % 2 == 0:
                await scene.promise_plan(save=True)
            await scene.close_call("promise_to_pay" if number % 2 == 0 else "callback")
        await until(lambda: session.kpis.kpis is not None and session.kpis.kpis.contacts >= 4)
        await settle(scene)
        save(ws, out / f"workspace-ready-{tag}.png")
        await scene.offer()
        await settle(scene)
        save(ws, out / f"workspace-verify-{tag}.png")
        ws.verification.confirm_button.click()
        await settle(scene, 0.2)
        save(ws, out / f"workspace-verified-{tag}.png")
        await scene.promise_plan(save=False)
        # Bring the whole plan into view: on a call the form sits below the script.
        await settle(scene, 0.2)
        bar = ws.right_scroll.verticalScrollBar()
        bar.setValue(bar.maximum())
        await asyncio.sleep(0.1)
        save(ws, out / f"workspace-plan-{tag}.png")
        ws.call_bar.hangup_button.click()
        assert await until(lambda: ws.wrapup.isVisible())
        ws.wrapup.choose("callback")
        await asyncio.sleep(1.2)
        save(ws.wrapup, out / f"wrapup-countdown-{tag}.png")
        ws.wrapup.submit_button.click()
        assert await until(lambda: session.state == "ready")
        if dark:
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            apply_theme(app, "dark")
            await settle(scene)
            save(ws, out / f"workspace-ready-dark-{tag}.png")
            await scene.offer()
            ws.verification.confirm_button.click()
            await settle(scene, 0.2)
            save(ws, out / f"workspace-dark-{tag}.png")
            await scene.close_call("callback")
            apply_theme(app, "light")
        lunch = next(a for a in ws.top_bar.pause_menu.actions() if a.data() == "lunch")
        lunch.trigger()
        await asyncio.sleep(1.1)
        save(ws.top_bar, out / f"topbar-pause-{tag}.png")


def shoot_all(out: Path) -> int:
    """Every picture: one child process per language (each needs its own translator)."""
    for locale in SUFFIX:
        code = subprocess.call(
            [sys.executable, "-m", "tests.integration.workspace.screenshots", str(out), locale]
        )
        if code:
            return code
    return 0


def main(argv: list[str]) -> int:
    if not argv:
        return shoot_all(DOCS)
    if len(argv) != 2 or argv[1] not in SUFFIX:
        print("usage: python -m tests.integration.workspace.screenshots [OUT_DIR es_MX|en_US]")
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    translator = install_translator(app, argv[1])
    apply_theme(app, "light")
    try:
        asyncio.run(shoot(out, argv[1], dark=argv[1] == "es_MX"))
    finally:
        if translator is not None:
            app.removeTranslator(translator)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
