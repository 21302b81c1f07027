"""Pictures of the agent workspace in its states, from the real window against a real hub.

``python -m tests.integration.workspace.screenshots docs/ es_MX`` starts a hub on loopback over
a fresh demo database, signs in as ``ana`` with the production session and window (offscreen),
has a protocol-level dialer offer preview calls, and saves: waiting (ready), the screen pop
before identity is confirmed, after confirmation, not ready on a pause, and the wrap-up with
its countdown. It drives only what an agent can click; it is a tool, not a test.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from desktop.adapters.phone_signals import PhonePump, PhoneSignals
from desktop.adapters.sync_signals import SyncSignals
from desktop.agent.session import AgentSession
from desktop.agent.shortcuts import ShortcutMap
from desktop.agent.workspace import AgentWorkspace
from desktop.common.i18n import install_translator
from desktop.common.resources import load_theme
from softphone import Phone, PhoneConfig
from sync.client import LocalStore, SyncClient
from sync.hub.seed import seed_demo
from sync.hub.server import Hub
from sync.protocol import CreateHandoff, HandoffCreated
from tests.integration.hub.conftest import connect_peer
from tests.integration.workspace.conftest import until

SUFFIX = {"es_MX": "es", "en_US": "en"}


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.repaint()
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not save {path}")
    print(path)


async def shoot(out: Path, locale: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
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
    ws.resize(1440, 900)
    ws.show()
    await client.start()
    dialer, _ = await connect_peer(hub, "dialer")
    tag = SUFFIX[locale]
    try:
        await until(lambda: session.rules.from_hub)
        ws.top_bar.ready_button.click()
        await until(lambda: session.state == "ready")
        await asyncio.sleep(0.3)
        save(ws, out / f"workspace-ready-{tag}.png")
        reply = await dialer.request(
            CreateHandoff(agent="ana", campaign="temprana", mode="preview", ref="h")
        )
        assert isinstance(reply, HandoffCreated), reply
        await until(lambda: session.offer is not None and session.script.loaded)
        await asyncio.sleep(0.3)
        save(ws, out / f"workspace-verify-{tag}.png")
        ws.verification.confirm_button.click()
        await asyncio.sleep(0.2)
        save(ws, out / f"workspace-verified-{tag}.png")
        ws.call_bar.hangup_button.click()
        await until(lambda: ws.wrapup.isVisible())
        ws.wrapup.choose("callback")
        await asyncio.sleep(1.2)
        save(ws.wrapup, out / f"wrapup-countdown-{tag}.png")
        ws.wrapup.submit_button.click()
        await until(lambda: session.state == "ready")
        lunch = next(a for a in ws.top_bar.pause_menu.actions() if a.data() == "lunch")
        lunch.trigger()
        await asyncio.sleep(1.1)
        save(ws.top_bar, out / f"topbar-pause-{tag}.png")
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


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in SUFFIX:
        print("usage: python -m tests.integration.workspace.screenshots OUT_DIR es_MX|en_US")
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    translator = install_translator(app, argv[1])
    app.setStyleSheet(load_theme("light"))
    try:
        asyncio.run(shoot(out, argv[1]))
    finally:
        if translator is not None:
            app.removeTranslator(translator)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
