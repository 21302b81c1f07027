"""What a draft changes compared with the published version, node by node.

Team leads review this before publishing: which nodes were added, removed or
changed (and which fields), and which script-level settings changed. This
module must never import Qt and never change either document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Status = Literal["added", "removed", "changed"]
_SCRIPT_KEYS = (
    "title",
    "description",
    "start",
    "locale",
    "locales",
    "audience",
    "objections",
    "offer_policy",
)


@dataclass(frozen=True, slots=True)
class NodeChange:
    node_id: str
    status: Status
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScriptDiff:
    nodes: tuple[NodeChange, ...]
    settings: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.nodes and not self.settings


def diff_documents(published: Mapping[str, Any] | None, draft: Mapping[str, Any]) -> ScriptDiff:
    """Node-level differences from *published* (None = nothing published yet) to *draft*."""
    old_nodes: Mapping[str, Any] = (published or {}).get("nodes") or {}
    new_nodes: Mapping[str, Any] = draft.get("nodes") or {}
    changes: list[NodeChange] = []
    for node_id, node in new_nodes.items():
        before = old_nodes.get(node_id)
        if before is None:
            changes.append(NodeChange(node_id, "added"))
        elif before != node:
            keys = sorted(set(before) | set(node))
            fields = tuple(k for k in keys if before.get(k) != node.get(k))
            changes.append(NodeChange(node_id, "changed", fields))
    changes.extend(NodeChange(n, "removed") for n in old_nodes if n not in new_nodes)
    settings = (
        tuple(key for key in _SCRIPT_KEYS if (published or {}).get(key) != draft.get(key))
        if published is not None
        else ()
    )
    return ScriptDiff(tuple(changes), settings)
