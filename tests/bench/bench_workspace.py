"""Negotiator's workspace figures: screen pop, a 100,000-event history, cold start and memory.

In-process part: a real hub (SQLite, loopback websockets) seeded with a 5,000-event and a
100,000-event debtor, a real `SyncClient` signed in as an agent, and the production
`AgentSession` + `AgentWorkspace` offscreen on a qasync loop. The screen pop is timed from
the wire bytes of a `HandoffOffer` built from the hub's own records (debtor profile and first
history page, as the hub's handoff code does) through decoding, `AgentSession.on_offer`
(debtor, accounts, first history page, the campaign's script from the session's cache, as
on every call after the first) to a synchronous repaint of the window. The 100,000-event
history is opened by asking the hub for its first page over the socket and timed until the
rows are painted; scrolling frames are the view repainted after each scroll step while older
pages stream in from the hub. Out-of-process part: `acuerdo desktop` started cold until its
login dialog is on screen, and the headless demo's RSS at the screen pop. Medians of several
runs beside each goal; none is a pass/fail test.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tests.bench import Figure, median, percentile

BENCH = "workspace"
RUNS = int(os.environ.get("ACUERDO_BENCH_RUNS", "5"))
POPS = 40
POP_DEBTOR, POP_EVENTS = 2, 5_000
BIG_DEBTOR, BIG_EVENTS = 1, 100_000
SCROLL_FRAMES = 300
# A supervisor may read any debtor's history; an agent only those handed to them.
AGENT, PASSWORD = "carmen", "acuerdo-demo"
REPO = Path(__file__).resolve().parents[2]


def seed_hub(path: Path) -> None:
    """The demo portfolio, with two debtors' histories grown to the benchmark sizes."""
    from sync.hub.seed import seed_demo

    seed_demo(f"sqlite:///{path}", debtors=3, seed=7)
    with sqlite3.connect(path) as db:
        samples = db.execute(
            "SELECT channel, direction, account_id, summary, detail FROM history_events"
        ).fetchall()
        rng = random.Random(7)
        for debtor, count in ((BIG_DEBTOR, BIG_EVENTS), (POP_DEBTOR, POP_EVENTS)):
            accounts = [
                r[0] for r in db.execute("SELECT id FROM accounts WHERE debtor_id = ?", (debtor,))
            ]
            db.execute("DELETE FROM history_events WHERE debtor_id = ?", (debtor,))
            # Ascending ids and times: newest-first by id is newest-first by time too.
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            rows = []
            for i in range(count):
                channel, direction, _account, summary, detail = rng.choice(samples)
                when = now - dt.timedelta(minutes=(count - i) * 37)
                rows.append(
                    (
                        debtor,
                        channel,
                        when.isoformat(" "),
                        direction,
                        rng.choice(accounts),
                        summary,
                        detail,
                    )
                )
            db.executemany(
                "INSERT INTO history_events (debtor_id, channel, occurred_at, direction, "
                "account_id, summary, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )


async def _in_process(workdir: Path) -> dict[str, list[float]]:
    import msgspec
    from PySide6.QtWidgets import QApplication
    from sqlalchemy.orm import Session

    from desktop.adapters.sync_signals import SyncSignals
    from desktop.agent.session import AgentSession
    from desktop.agent.shortcuts import ShortcutMap
    from desktop.agent.workspace import AgentWorkspace
    from sync.client import LocalStore, SyncClient
    from sync.hub import records
    from sync.hub.db import make_engine
    from sync.hub.server import Hub
    from sync.protocol import FetchHistory, HandoffOffer, HistoryData, decode_server, encode

    db = workdir / "hub.db"
    seed_hub(db)
    hub = Hub(f"sqlite:///{db}", host="127.0.0.1", port=0)
    await hub.start()
    store = LocalStore(workdir / "desk" / "desktop.sqlite")
    signals = SyncSignals()
    client = SyncClient(f"ws://127.0.0.1:{hub.port}", AGENT, PASSWORD, store, signals)
    session = AgentSession(client, None, "Ana López", "es_MX")
    signals.connection_changed.connect(session.on_connection)
    signals.item_changed.connect(session.on_item)
    workspace = AgentWorkspace(session, shortcuts=ShortcutMap())
    workspace.resize(1440, 900)
    workspace.show()
    figures: dict[str, list[float]] = {"pop": [], "first_rows": [], "frame": []}
    try:
        await client.start()
        for _ in range(1000):
            if session.connection == "online":
                break
            await asyncio.sleep(0.01)
        else:
            raise RuntimeError("the bench desk never came online")
        engine = make_engine(f"sqlite:///{db}")
        with Session(engine) as s:
            profile = records.debtor_profile(s, POP_DEBTOR)
            page = records.history_page(s, POP_DEBTOR)
        engine.dispose()
        assert profile is not None and page.total == POP_EVENTS
        script = session.rules.policy
        base = HandoffOffer(
            seq=1,
            handoff_id="bench-0",
            campaign=script.campaign,
            mode="predictive",
            script_id="early-stage-mx",
            script_version=1,
            debtor=profile,
            history=page,
            offered_at=dt.datetime.now(dt.UTC),
        )
        # The first offer fetches the script; every later call finds it cached.
        session.on_offer(base)
        for _ in range(500):
            if session.script.script is not None:
                break
            await asyncio.sleep(0.01)
        QApplication.processEvents()
        for i in range(1, POPS + 1):
            wire = encode(msgspec.structs.replace(base, handoff_id=f"bench-{i}", seq=i + 1))
            started = time.perf_counter()
            offer = decode_server(wire)
            assert isinstance(offer, HandoffOffer)
            session.on_offer(offer)
            workspace.repaint()
            figures["pop"].append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0)  # let the loop breathe like a real desk between calls

        # A 100,000-event history, opened from the hub over the socket.
        session.verify_identity(True)
        panel = workspace.debtor_panel
        view = panel.history_view
        for _ in range(RUNS):
            started = time.perf_counter()
            reply = await client.request(FetchHistory(debtor_id=BIG_DEBTOR, ref=None))
            assert isinstance(reply, HistoryData) and reply.page.total == BIG_EVENTS
            session.history.reset(reply.page)
            view.viewport().repaint()
            figures["first_rows"].append((time.perf_counter() - started) * 1000)
        bar = view.verticalScrollBar()
        step = view.verticalHeader().defaultSectionSize() * 3
        for _ in range(SCROLL_FRAMES):
            started = time.perf_counter()
            bar.setValue(bar.value() + step)
            view.viewport().repaint()
            figures["frame"].append((time.perf_counter() - started) * 1000)
            # Older pages arrive between frames, as they would while the agent scrolls.
            await asyncio.sleep(0.002)
        figures["rows_loaded"] = [float(session.history.rowCount())]
    finally:
        await session.drain()
        await client.stop()
        store.close()
        workspace.allow_close()
        workspace.close()
        await hub.stop()
    return figures


def _measure_in_process() -> dict[str, list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from qasync import QEventLoop

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # closing the workspace must not stop the loop
    with tempfile.TemporaryDirectory(prefix="acuerdo-bench-workspace-") as tmp:
        loop = QEventLoop(app)
        asyncio.set_event_loop(loop)
        try:
            figures: dict[str, list[float]] = loop.run_until_complete(_in_process(Path(tmp)))
            return figures
        finally:
            loop.close()
            asyncio.set_event_loop(None)


# Started as `python -c`: wraps the login dialog's open() to print the moment it is shown,
# so the production `acuerdo desktop` needs no benchmark hook of its own.
_COLD_START = """
import os, sys, time
from desktop.login import dialog as d
from PySide6.QtCore import QTimer
opened = d.LoginDialog.open
def open_and_report(self):
    opened(self)
    def shown():
        print("LOGIN_SHOWN", self.isVisible(), flush=True)
        os._exit(0)
    QTimer.singleShot(0, shown)
d.LoginDialog.open = open_and_report
from desktop.cli import main
sys.exit(main(["desktop", "--no-wizard", "--hub", "ws://127.0.0.1:9"]))
"""


def _cold_start(workdir: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(workdir))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(workdir / name.lower())
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _COLD_START],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        # The child exits right after printing, so its end is the moment the dialog showed.
        out, _ = proc.communicate(timeout=60)
        elapsed = (time.perf_counter() - started) * 1000
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise RuntimeError("acuerdo desktop did not show its login dialog within 60 s") from None
    if "LOGIN_SHOWN True" not in out:
        raise RuntimeError("acuerdo desktop exited without showing its login dialog")
    return elapsed


def _demo_rss(workdir: Path) -> float:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop.cli",
            "demo",
            "--headless",
            "--calls",
            "1",
            "--debtors",
            "300",
            "--data-dir",
            str(workdir),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    metrics = json.loads(out.stdout.strip().splitlines()[-1])
    return float(metrics["rss_mb_at_screen_pop"])


def run() -> Iterator[Figure]:
    figures = _measure_in_process()
    yield Figure(
        BENCH,
        "offer_to_screen_pop_ms_p95_5k_history",
        percentile(figures["pop"], 95),
        "ms",
        50.0,
        "lower",
    )
    yield Figure(
        BENCH, "offer_to_screen_pop_ms_p50_5k_history", median(figures["pop"]), "ms", None, "lower"
    )
    yield Figure(
        BENCH, "history_100k_first_rows_ms", median(figures["first_rows"]), "ms", 150.0, "lower"
    )
    yield Figure(
        BENCH, "history_100k_scroll_frame_ms_median", median(figures["frame"]), "ms", 16.0, "lower"
    )
    yield Figure(
        BENCH,
        "history_100k_scroll_frame_ms_p95",
        percentile(figures["frame"], 95),
        "ms",
        None,
        "lower",
    )
    yield Figure(
        BENCH,
        "history_100k_rows_loaded_while_scrolling",
        figures["rows_loaded"][0],
        "rows",
        None,
        "higher",
    )
    colds = []
    for i in range(RUNS):
        with tempfile.TemporaryDirectory(prefix=f"acuerdo-bench-cold-{i}-") as tmp:
            colds.append(_cold_start(Path(tmp)))
    yield Figure(BENCH, "cold_start_to_login_ms", median(colds), "ms", 2000.0, "lower")
    rss = []
    for i in range(max(1, RUNS // 2)):
        with tempfile.TemporaryDirectory(prefix=f"acuerdo-bench-rss-{i}-") as tmp:
            rss.append(_demo_rss(Path(tmp)))
    yield Figure(BENCH, "rss_mb_with_a_call_up", median(rss), "MB", 250.0, "lower")
