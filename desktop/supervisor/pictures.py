"""Pictures of the floor for the docs (docs/supervisor-floor-*.png), taken offscreen.

``floor_picture`` renders a live window (the headless demo's ``--screenshot``);
``python -m desktop.supervisor.pictures DOCS_DIR`` draws the production window over a
sample floor (every state, a raised hand, poor quality, a long call, a late wrap-up) in
es-MX and en-US. Sample agents are invented; no debtor data exists here. It must never
change what a live window shows: it only renders it to a file.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from sync.protocol import BoardEntry, KpiPoint, KpiSet


def floor_picture(window: QWidget, path: Path) -> Path:
    """Render the window as it is now to ``path`` (PNG); the folder is created if needed."""
    QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        raise OSError(f"cannot write the picture {path}")
    return path


_AGENTS: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    ("ana", "Ana López", "on_call", {"mos": 4.3, "script_node": "oferta", "secs": 185}),
    ("luis", "Luis Hernández", "on_call", {"mos": 3.1, "script_node": "verificar", "secs": 95}),
    ("sofia", "Sofía Ramírez", "on_call", {"script_node": "objecion", "secs": 1090, "mos": 4.1}),
    ("diego", "Diego Torres", "wrap_up", {"secs": 165}),
    ("maria", "María Castillo", "on_call", {"mos": 4.0, "script_node": "saludo", "secs": 40}),
    ("jorge", "Jorge Mendoza", "ready", {"secs": 12}),
    ("valeria", "Valeria Ortiz", "not_ready", {"pause_code": "comida", "secs": 620}),
    ("fernando", "Fernando Aguilar", "wrap_up", {"secs": 35}),
    ("paola", "Paola Guzmán", "ready", {"secs": 48}),
    ("ricardo", "Ricardo Salinas", "on_call", {"mos": 4.2, "script_node": "cierre", "secs": 410}),
    ("lucia", "Lucía Navarro", "not_ready", {"pause_code": "capacitacion", "secs": 1500}),
    ("andres", "Andrés Vega", "logged_out", {}),
)


def sample_floor(now: dt.datetime) -> list[BoardEntry]:
    entries = []
    for i, (agent, name, state, extra) in enumerate(_AGENTS):
        extra = dict(extra)
        secs = extra.pop("secs", 0)
        fields: dict[str, Any] = {
            "contacts_today": 6 + (i * 5) % 13,
            "promises_today": 1 + (i * 3) % 5,
        }
        if state in ("on_call", "wrap_up"):
            fields |= {"campaign": "temprana" if i % 3 else "tardia"}
        if state == "on_call":
            fields |= {
                "handoff_id": f"h-{agent}",
                "debtor_ref": f"…{(i * 37) % 100:02d}",
                "call_started_at": now - dt.timedelta(seconds=secs),
            }
        if agent == "luis":
            fields["help_message"] = "Pide quita del 40 %, ¿la autorizo?"
            fields["help_at"] = now - dt.timedelta(seconds=30)
        entries.append(
            BoardEntry(
                agent=agent,
                display_name=name,
                state=state,  # type: ignore[arg-type]
                since=now - dt.timedelta(seconds=secs) if state != "logged_out" else None,
                **fields,
                **extra,
            )
        )
    return entries


def sample_kpis(now: dt.datetime) -> KpiSet:
    start = now.replace(hour=8, minute=0, second=0, microsecond=0)
    hourly = (38, 52, 61, 47, 55, 58, 44)
    weekly = (61.0, 64.5, 63.0, 66.2, 68.9, 67.4, 70.3, 71.8)
    return KpiSet(
        scope="floor",
        since=now.replace(hour=0, minute=0, second=0, microsecond=0),
        contacts=355,
        right_party_contacts=212,
        promises=64,
        promised_cents=38_512_000,
        goal_promises=90,
        goal_amount_cents=52_000_000,
        kept_rate_pct=71.8,
        occupancy_pct=78.0,
        avg_handle_s=262.0,
        avg_wrapup_s=41.0,
        abandon_rate_pct=2.1,
        contacts_by_hour=[
            KpiPoint(at=start + dt.timedelta(hours=h), value=v) for h, v in enumerate(hourly)
        ],
        kept_rate_by_week=[
            KpiPoint(at=now - dt.timedelta(weeks=8 - w), value=v) for w, v in enumerate(weekly)
        ],
    )


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.common.resources import load_theme

    from .floor_model import FloorModel
    from .i18n import install_translator
    from .kpis import figures
    from .monitor import MonitorSession
    from .window import SupervisorWindow

    docs = Path(argv[0]) if argv else Path("docs")
    app = QApplication.instance() or QApplication(["acuerdo-pictures"])
    assert isinstance(app, QApplication)
    app.setStyleSheet(load_theme())
    now = dt.datetime(2026, 11, 23, 15, 12, tzinfo=dt.UTC)

    async def offline(*_: object) -> object:
        raise ConnectionError

    for locale, suffix in (("es_MX", "es"), ("en_US", "en")):
        translator = install_translator(app, locale)
        model = FloorModel()
        model.apply_snapshot(1, sample_floor(now), now)
        window = SupervisorWindow(model, MonitorSession(offline, None), "Carmen Díaz", locale)
        window.floor.timer.stop()
        window.kpis.show_figures(figures(sample_kpis(now), model.entries(), dt.UTC))
        window.on_connection("online")
        window.resize(1366, 820)
        window.show()
        window.floor.select_agent("ana")
        floor_picture(window, docs / f"supervisor-floor-{suffix}.png")
        window.allow_close()
        window.close()
        if translator is not None:
            app.removeTranslator(translator)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
