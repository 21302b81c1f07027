"""The script being edited: a plain JSON document plus reversible edits to it.

The editor works on the raw document (the same dicts the file format holds)
so nothing a team lead types is lost to a model round-trip, and asks the
scripts engine to parse it for validation and preview. Every change goes
through an ``Edit`` that knows how to apply and revert itself, which is what
undo/redo stores. This module must never import Qt or touch files.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import msgspec

from scripts_engine import EngineError, Script, load_script, script_to_document
from scripts_engine.model import RESUME

NodeDoc = dict[str, Any]
KINDS: tuple[str, ...] = ("say", "ask", "offer", "branch", "action", "end")
META_KEYS: tuple[str, ...] = ("start", "objections", "title", "locales", "id", "version")


@dataclass
class Edit:
    """One reversible change: node snapshots and top-level fields before and after.

    ``None`` for a node means "absent"; ``order_*`` restores node order when
    nodes are added or removed, so undo puts a deleted node back where it was.
    """

    label: str
    before: dict[str, NodeDoc | None] = field(default_factory=dict)
    after: dict[str, NodeDoc | None] = field(default_factory=dict)
    meta_before: dict[str, Any] = field(default_factory=dict)
    meta_after: dict[str, Any] = field(default_factory=dict)
    order_before: list[str] | None = None
    order_after: list[str] | None = None
    merge_key: str | None = None  # consecutive edits with the same key are one undo step

    @property
    def is_empty(self) -> bool:
        return self.before == self.after and self.meta_before == self.meta_after


class DraftScript:
    """A mutable script document: the thing the editor shows and changes."""

    def __init__(self, document: Mapping[str, Any]):
        self.document: dict[str, Any] = _json_copy(document)
        self.document.setdefault("nodes", {})
        self.document.setdefault("objections", [])

    @classmethod
    def blank(cls, script_id: str = "new-script", locale: str = "es-MX") -> DraftScript:
        return cls(
            {
                "format": 1,
                "id": script_id,
                "version": 1,
                "locale": locale,
                "locales": ["es-MX", "en-US"],
                "title": "",
                "start": "",
                "nodes": {},
                "objections": [],
            }
        )

    @classmethod
    def from_script(cls, script: Script) -> DraftScript:
        return cls(script_to_document(script))

    # --- reading ---------------------------------------------------------------

    @property
    def nodes(self) -> dict[str, NodeDoc]:
        nodes: dict[str, NodeDoc] = self.document["nodes"]
        return nodes

    @property
    def locale(self) -> str:
        return str(self.document.get("locale") or "es-MX")

    @property
    def locales(self) -> list[str]:
        declared = [str(x) for x in self.document.get("locales") or []]
        return declared if self.locale in declared else [self.locale, *declared]

    @property
    def start(self) -> str:
        return str(self.document.get("start") or "")

    def node(self, node_id: str) -> NodeDoc | None:
        return self.nodes.get(node_id)

    def parse(self) -> Script:
        """The document as the engine reads it; ScriptError (an EngineError) if malformed."""
        # Through JSON bytes: the engine's fast decoder, and exactly what a saved file holds.
        return load_script(msgspec.json.encode(self.document), check=False)

    def try_parse(self) -> tuple[Script | None, str | None]:
        try:
            return self.parse(), None
        except EngineError as exc:
            return None, str(exc)

    def new_id(self, kind: str) -> str:
        number = len(self.nodes) + 1
        while f"{kind}_{number}" in self.nodes:
            number += 1
        return f"{kind}_{number}"

    def to_document(self) -> dict[str, Any]:
        return _json_copy(self.document)

    # --- changing --------------------------------------------------------------

    def apply(self, edit: Edit, *, undo: bool = False) -> None:
        nodes_state = edit.before if undo else edit.after
        meta_state = edit.meta_before if undo else edit.meta_after
        order = edit.order_before if undo else edit.order_after
        nodes = self.nodes
        for node_id, node in nodes_state.items():
            if node is None:
                nodes.pop(node_id, None)
            else:
                nodes[node_id] = copy.deepcopy(node)
        for key, value in meta_state.items():
            if value is None:
                self.document.pop(key, None)
            else:
                self.document[key] = copy.deepcopy(value)
        if order is not None:
            self.document["nodes"] = {k: nodes[k] for k in order if k in nodes}


def _json_copy(document: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of a JSON document at C speed (copy.deepcopy takes ~0.3 s on 5,000 nodes)."""
    copied = msgspec.json.decode(msgspec.json.encode(document))
    if not isinstance(copied, dict):
        raise TypeError("a script document must be a JSON object")
    return copied


def targets_of(node: Mapping[str, Any]) -> list[str]:
    """Every target a raw node points to, in display order (dangling ones included)."""
    found: list[str] = []
    target = node.get("next")
    if type(target) is str and target != RESUME:
        found.append(target)
    for key in ("options", "branches"):
        rows = node.get(key)
        if rows and isinstance(rows, list):
            for row in rows:
                if isinstance(row, dict):
                    target = row.get("next")
                    if type(target) is str and target != RESUME:
                        found.append(target)
    target = node.get("else")
    if type(target) is str and target != RESUME:
        found.append(target)
    return found


def arrows_of(draft: DraftScript) -> dict[str, list[str]]:
    """Every node's targets at once; the graph and the outline share one computation."""
    return {node_id: targets_of(node) for node_id, node in draft.nodes.items()}


def lanes_of(draft: DraftScript, edges: Mapping[str, list[str]]) -> dict[str, int]:
    """0 for the main flow, 1 for what only objection handlers reach, 2 for the unreachable."""
    lanes: dict[str, int] = {}
    objections = draft.document.get("objections") or []
    starts = [str(o.get("start")) for o in objections if isinstance(o, dict)]
    for lane, roots in ((0, [draft.start]), (1, starts)):
        pending = [r for r in roots if r in edges and r not in lanes]
        while pending:
            node_id = pending.pop()
            if node_id in lanes:
                continue
            lanes[node_id] = lane
            pending.extend(t for t in edges[node_id] if t in edges and t not in lanes)
    return {node_id: lanes.get(node_id, 2) for node_id in edges}
