"""Property tests for the file format: random scripts round-trip; hostile documents
(huge, deeply nested, wrong shapes) are refused with a clear ScriptError, never a crash."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts_engine import ScriptError, load_script, script_to_json
from scripts_engine.loading import MAX_SCRIPT_BYTES, script_to_document
from scripts_engine.model import MAX_NODES

ids = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
plain = st.text(max_size=40)
texts = st.one_of(plain, st.dictionaries(st.sampled_from(["es-MX", "en-US"]), plain, max_size=2))
values = st.one_of(st.text(max_size=5), st.integers(-1000, 1000), st.booleans())


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    node_ids = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    target = st.one_of(st.none(), st.sampled_from(node_ids))

    def option(i: int) -> dict[str, Any]:
        found: dict[str, Any] = {"id": f"o{i}", "label": draw(texts)}
        if (nxt := draw(target)) is not None:
            found["next"] = nxt
        if draw(st.booleans()):
            found["set"] = draw(st.dictionaries(ids, values, max_size=2))
        return found

    nodes: dict[str, Any] = {}
    for node_id in node_ids:
        kind = draw(st.sampled_from(["say", "ask", "offer", "branch", "action", "end"]))
        node: dict[str, Any] = {"kind": kind}
        if kind in ("say", "ask", "offer"):
            node["text"] = draw(texts)
        if kind in ("ask", "offer"):
            node["options"] = [option(i) for i in range(draw(st.integers(0, 3)))]
        if kind in ("say", "action") and (nxt := draw(target)) is not None:
            node["next"] = nxt
        if kind == "action":
            node["action"] = draw(st.sampled_from(["transfer", "open_promise_form"]))
        if kind == "branch":
            node["branches"] = [
                {"if": "account.days_past_due > 30", "next": draw(st.sampled_from(node_ids))}
            ]
        if kind == "end":
            node["resume"] = draw(st.booleans())
        nodes[node_id] = node
    return {
        "format": 1,
        "id": draw(ids),
        "version": draw(st.integers(1, 1000)),
        "locale": "es-MX",
        "locales": ["es-MX", "en-US"],
        "title": draw(plain),
        "start": node_ids[0],
        "nodes": nodes,
        "objections": [{"id": "x", "label": draw(texts), "start": node_ids[-1]}],
    }


@settings(max_examples=60, deadline=None)
@given(documents())
def test_random_scripts_round_trip_through_the_file_format(document: dict[str, Any]) -> None:
    script = load_script(document, check=False)
    again = load_script(script_to_json(script), check=False)
    assert again == script
    assert load_script(script_to_document(script), check=False) == script
    assert json.loads(script_to_json(script))["nodes"].keys() == document["nodes"].keys()


def _minimal() -> dict[str, Any]:
    return {
        "format": 1,
        "id": "s",
        "version": 1,
        "locale": "es-MX",
        "title": "t",
        "start": "a",
        "nodes": {"a": {"kind": "end"}},
    }


@pytest.mark.parametrize("depth", [2_000, 200_000])
def test_deeply_nested_json_is_refused_clearly(depth: int) -> None:
    hostile = '{"format": 1, "nodes": ' + "[" * depth + "]" * depth + "}"
    with pytest.raises(ScriptError, match=r"nested too deeply|not valid JSON"):
        load_script(hostile)


def test_deeply_nested_mapping_is_refused_clearly() -> None:
    document = _minimal()
    nested: Any = "x"
    for _ in range(5_000):
        nested = {"es-MX": nested}
    document["nodes"]["a"] = {"kind": "end", "text": nested}
    with pytest.raises(ScriptError, match=r"nested too deeply|node 'a'"):
        load_script(document)


def test_huge_documents_are_refused_before_parsing() -> None:
    huge = '{"format": 1, "title": "' + "x" * (MAX_SCRIPT_BYTES + 1) + '"}'
    with pytest.raises(ScriptError, match="larger than"):
        load_script(huge)


def test_too_many_nodes_are_refused() -> None:
    document = _minimal()
    document["nodes"] = {f"n{i}": {"kind": "end"} for i in range(MAX_NODES + 1)}
    document["start"] = "n0"
    with pytest.raises(ScriptError, match="too many nodes"):
        load_script(document, check=False)


@settings(max_examples=80, deadline=None)
@given(
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.text(max_size=6), children, max_size=4),
        ),
        max_leaves=30,
    )
)
def test_any_json_value_as_a_node_gives_a_script_error(junk: object) -> None:
    document = _minimal()
    document["nodes"]["a"] = junk
    with contextlib.suppress(ScriptError):
        load_script(document)
