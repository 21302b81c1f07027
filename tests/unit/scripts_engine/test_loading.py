"""Loading script documents: sources, format errors that name node and field, round trip."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from scripts_engine import ScriptError, bundled_scripts_dir, load_script, script_to_json

BASE: dict[str, Any] = {
    "format": 1,
    "id": "t",
    "version": 1,
    "locale": "es-MX",
    "title": "t",
    "start": "a",
    "nodes": {
        "a": {"kind": "say", "text": "Hola", "next": "b"},
        "b": {"kind": "end", "text": "Adiós"},
    },
}


def doc(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    document.update(changes)
    return document


def test_loads_from_mapping_text_bytes_and_path(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(BASE), encoding="utf-8")
    loaded = [
        load_script(BASE),
        load_script(json.dumps(BASE)),
        load_script(path),
        load_script(str(path)),
    ]
    loaded.append(load_script(json.dumps(BASE).encode()))
    assert all(s == loaded[0] for s in loaded)


def test_round_trip_keeps_the_document() -> None:
    script = load_script(bundled_scripts_dir() / "early-stage-mx.json")
    again = load_script(script_to_json(script))
    assert again == script
    assert b'"else"' in script_to_json(script) and b'"kind": "branch"' in script_to_json(script)


@pytest.mark.parametrize(
    ("nodes", "message"),
    [
        (
            {"a": {"kind": "say", "text": 3, "next": "b"}},
            r"node 'a': Expected text or an object of translations, got `int` \(field 'text'\)",
        ),
        ({"a": {"kind": "dance", "text": "x"}}, r"node 'a', field 'kind': unknown kind 'dance'"),
        ({"a": {"kind": "say", "text": "x", "nxt": "b"}}, r"node 'a': .*unknown field `nxt`"),
        (
            {"a": {"kind": "ask", "text": "x", "options": [{"id": "o", "label": "L", "next": 1}]}},
            r"node 'a': .*field 'options\[0\].next'",
        ),
        (
            {"a": {"kind": "action", "action": "launch_rocket", "next": "b"}},
            r"node 'a': .*field 'action'",
        ),
    ],
)
def test_shape_errors_name_node_and_field(nodes: dict[str, Any], message: str) -> None:
    document = doc()
    document["nodes"].update(nodes)
    with pytest.raises(ScriptError, match=message):
        load_script(document)


def test_document_level_errors() -> None:
    with pytest.raises(ScriptError, match="unsupported format 2"):
        load_script(doc(format=2))
    with pytest.raises(ScriptError, match="start node 'zz' does not exist"):
        load_script(doc(start="zz"))
    with pytest.raises(ScriptError, match="field 'version'"):
        load_script(doc(version="one"))
    with pytest.raises(ScriptError, match="not valid JSON"):
        load_script("{ nope")
    with pytest.raises(ScriptError, match="cannot read"):
        load_script(Path("/nonexistent/script.json"))
    with pytest.raises(ScriptError, match="must be a JSON object"):
        load_script(b"[1, 2]")


def test_checked_load_refuses_scripts_with_errors_but_drafts_open() -> None:
    document = doc()
    document["nodes"]["a"]["next"] = "missing"
    with pytest.raises(ScriptError, match="does not exist: 'missing'"):
        load_script(document)
    draft = load_script(document, check=False)
    assert draft.nodes["a"]
