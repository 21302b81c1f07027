"""Scripts engine and script editor figures: load+validate, runner step, editor open, pan.

A generated 5,000-node script (questions, answers, branches and offers chained
forward, as a very large real script would be) is loaded and validated, walked
by the runner, opened in the editor offscreen, and panned by rendering the
graph view to an image while scrolling. Each figure is a median of several
runs, printed beside its goal; none is a pass/fail test.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from typing import Any

from tests.bench import Figure, median

NODES = 5_000
RUNS = int(os.environ.get("ACUERDO_BENCH_RUNS", "7"))
BENCH = "scripts"


def generated_script(count: int = NODES) -> dict[str, Any]:
    """A valid script of *count* nodes: every node leads forward, the last ones end."""
    nodes: dict[str, Any] = {}
    for i in range(count - 1):
        nxt, skip = f"n{i + 1}", f"n{min(i + 3, count - 1)}"
        name, balance = "{{ debtor.first_name }}", "{{ account.balance }}"
        text = {
            "es-MX": f"Paso {i}: {name}, su saldo es {balance}.",
            "en-US": f"Step {i}: {name}, your balance is {balance}.",
        }
        match i % 4:
            case 0:
                nodes[f"n{i}"] = {
                    "kind": "ask",
                    "text": text,
                    "options": [
                        {"id": "a", "label": {"es-MX": "Sí", "en-US": "Yes"}, "next": nxt},
                        {
                            "id": "b",
                            "label": {"es-MX": "No", "en-US": "No"},
                            "next": skip,
                            "set": {"answer": "no"},
                        },
                    ],
                }
            case 1:
                nodes[f"n{i}"] = {"kind": "say", "text": text, "next": nxt}
            case 2:
                nodes[f"n{i}"] = {
                    "kind": "branch",
                    "branches": [{"if": "account.days_past_due > 30", "next": skip}],
                    "else": nxt,
                }
            case _:
                nodes[f"n{i}"] = {"kind": "say", "text": text, "next": nxt}
    nodes[f"n{count - 1}"] = {"kind": "end", "text": {"es-MX": "Gracias", "en-US": "Thanks"}}
    return {
        "format": 1,
        "id": "bench",
        "version": 1,
        "locale": "es-MX",
        "locales": ["es-MX", "en-US"],
        "title": "bench",
        "start": "n0",
        "nodes": nodes,
        "objections": [],
    }


def _load_and_validate(raw: bytes) -> float:
    from scripts_engine import load_script
    from scripts_engine.templating import _parse_cached

    _parse_cached.cache_clear()  # measure a cold load, as on the first call of the day
    started = time.perf_counter()
    load_script(raw)  # check=True: decode, build the model and validate
    return (time.perf_counter() - started) * 1000


def _runner_steps(document: dict[str, Any]) -> float:
    from scripts_engine import Runner, load_script, variables_for_call

    script = load_script(document)
    debtor = {"first_name": "Ana", "full_name": "Ana López", "timezone": "America/Mexico_City"}
    account = {
        "product": "credit_card",
        "balance_cents": 123456,
        "currency": "MXN",
        "days_past_due": 12,
        "minimum_payment_cents": 45000,
        "segment": "early",
    }
    variables = variables_for_call(debtor, account, "Luis", dt.datetime.now(dt.UTC))
    runner = Runner(script, variables)
    samples: list[float] = []
    while not runner.current.is_end and len(samples) < 2_000:
        step = runner.current
        started = time.perf_counter()
        if step.options:
            runner.choose(step.options[0].id)
        else:
            runner.advance()
        samples.append((time.perf_counter() - started) * 1000)
    return median(samples)


def _editor_figures(document: dict[str, Any]) -> tuple[float, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from desktop.script_editor import ScriptEditor

    app = QApplication.instance() or QApplication([])
    editor = ScriptEditor()
    editor.resize(1400, 900)
    editor.show()
    app.processEvents()
    opens: list[float] = []
    for _ in range(3):
        started = time.perf_counter()
        editor.open_document(document)
        app.processEvents()
        opens.append((time.perf_counter() - started) * 1000)

    view = editor.graph_view
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    bar = view.verticalScrollBar()
    frames: list[float] = []
    for i in range(120):
        started = time.perf_counter()
        bar.setValue(bar.value() + 12)
        painter = QPainter(image)
        view.render(painter)
        painter.end()
        frames.append((time.perf_counter() - started) * 1000)
        if i == 0:
            frames.clear()  # the first frame fills the item caches
    editor.close()
    editor.deleteLater()
    app.processEvents()
    return median(opens), median(frames)


def run() -> Iterator[Figure]:
    document = generated_script()
    raw = json.dumps(document).encode()
    loads = [_load_and_validate(raw) for _ in range(RUNS)]
    yield Figure(BENCH, "load_validate_5000_nodes_ms", median(loads), "ms", 100, "lower")
    yield Figure(BENCH, "runner_step_ms", _runner_steps(document), "ms", 1, "lower")
    open_ms, frame_ms = _editor_figures(document)
    yield Figure(BENCH, "editor_open_5000_nodes_ms", open_ms, "ms", 1000, "lower")
    yield Figure(BENCH, "editor_pan_frame_ms", frame_ms, "ms", 16, "lower")
