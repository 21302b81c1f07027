"""The editing operations a team lead performs, each returned as a reversible ``Edit``.

Add, delete, connect, change kind, edit a field, add/remove/reorder options,
copy and paste a subtree. Functions only read the draft and describe the
change; the editor applies it through its undo stack, so every operation can
be undone. This module must never import Qt and never apply an edit itself.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from scripts_engine.model import RESUME

from .document import KINDS, DraftScript, Edit, NodeDoc, targets_of

TEMPLATES: dict[str, NodeDoc] = {
    "say": {"kind": "say", "text": ""},
    "ask": {"kind": "ask", "text": "", "options": []},
    "offer": {"kind": "offer", "text": "", "options": []},
    "branch": {"kind": "branch", "branches": []},
    "action": {"kind": "action", "action": "open_promise_form"},
    "end": {"kind": "end"},
}
# Which fields survive a change of kind (the rest would not validate in the new kind).
_KEEP: dict[str, tuple[str, ...]] = {
    "say": ("text", "next"),
    "ask": ("text", "options"),
    "offer": ("text", "options"),
    "branch": ("branches", "else"),
    "action": ("text", "next", "action", "disposition"),
    "end": ("text", "disposition", "resume"),
}


def _order(draft: DraftScript) -> list[str]:
    return list(draft.nodes)


def replace_node(
    draft: DraftScript, node_id: str, node: NodeDoc, label: str, merge_key: str | None = None
) -> Edit:
    return Edit(
        label,
        before={node_id: copy.deepcopy(draft.nodes.get(node_id))},
        after={node_id: copy.deepcopy(node)},
        merge_key=merge_key,
    )


def set_field(draft: DraftScript, node_id: str, key: str, value: Any, label: str) -> Edit:
    """Set (or with ``None`` remove) one field of a node; typing merges into one undo step."""
    node = copy.deepcopy(draft.nodes[node_id])
    if value is None or value == "":
        node.pop(key, None)
    else:
        node[key] = value
    return replace_node(draft, node_id, node, label, merge_key=f"{node_id}:{key}")


def set_meta(draft: DraftScript, key: str, value: Any, label: str) -> Edit:
    return Edit(
        label,
        meta_before={key: copy.deepcopy(draft.document.get(key))},
        meta_after={key: copy.deepcopy(value)},
        merge_key=f"meta:{key}",
    )


def add_node(draft: DraftScript, kind: str, after: str | None = None) -> tuple[Edit, str]:
    """A new node of *kind*; linked from *after* when that node has a free 'next'."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    new_id = draft.new_id(kind)
    edit = Edit("add node", before={new_id: None}, after={new_id: dict(TEMPLATES[kind])})
    edit.order_before = _order(draft)
    edit.order_after = [*edit.order_before, new_id]
    parent = draft.nodes.get(after) if after else None
    slot = free_slot(parent) if parent is not None else None
    if after and parent is not None and slot is not None:
        edit.before[after] = copy.deepcopy(parent)
        edit.after[after] = _with_target(parent, slot, new_id)
    if not draft.start:
        edit.meta_before["start"] = draft.document.get("start")
        edit.meta_after["start"] = new_id
    return edit, new_id


def _without_references(node: NodeDoc, gone: set[str]) -> NodeDoc:
    node = copy.deepcopy(node)
    if node.get("next") in gone:
        node.pop("next")
    if node.get("else") in gone:
        node.pop("else")
    for option in node.get("options") or []:
        if option.get("next") in gone:
            option.pop("next")
    if "branches" in node:
        node["branches"] = [r for r in node["branches"] if r.get("next") not in gone]
    return node


def delete_nodes(draft: DraftScript, node_ids: Iterable[str]) -> Edit:
    """Remove nodes and every arrow into them (the arrows' sources are kept)."""
    gone = {n for n in node_ids if n in draft.nodes}
    edit = Edit("delete node", order_before=_order(draft))
    edit.order_after = [n for n in edit.order_before or [] if n not in gone]
    for node_id in gone:
        edit.before[node_id] = copy.deepcopy(draft.nodes[node_id])
        edit.after[node_id] = None
    for node_id, node in draft.nodes.items():
        if node_id not in gone and gone & set(targets_of(node)):
            edit.before[node_id] = copy.deepcopy(node)
            edit.after[node_id] = _without_references(node, gone)
    if draft.start in gone:
        edit.meta_before["start"], edit.meta_after["start"] = draft.start, ""
    objections = draft.document.get("objections") or []
    kept = [o for o in objections if o.get("start") not in gone]
    if len(kept) != len(objections):
        edit.meta_before["objections"], edit.meta_after["objections"] = objections, kept
    return edit


def change_kind(draft: DraftScript, node_id: str, kind: str) -> Edit:
    old = draft.nodes[node_id]
    node = dict(copy.deepcopy(TEMPLATES[kind]))
    for key in _KEEP[kind]:
        if key in old:
            node[key] = copy.deepcopy(old[key])
    return replace_node(draft, node_id, node, "change kind")


def connect(draft: DraftScript, source: str, target: str, slot: str = "next") -> Edit:
    """Point *source* at *target*: ``next``, ``else``, ``option:N`` or ``rule:N``."""
    return replace_node(draft, source, _with_target(draft.nodes[source], slot, target), "connect")


def _with_target(original: NodeDoc, slot: str, target: str) -> NodeDoc:
    node = copy.deepcopy(original)
    kind, _, index = slot.partition(":")
    if kind in ("next", "else"):
        node[kind] = target
    elif kind == "option":
        node["options"][int(index)]["next"] = target
    elif kind == "rule":
        node["branches"][int(index)]["next"] = target
    else:
        raise ValueError(f"unknown slot {slot!r}")
    return node


def free_slot(node: NodeDoc) -> str | None:
    """The first empty arrow of a node, or None when every arrow is taken."""
    kind = node.get("kind")
    if kind in ("say", "action") and not node.get("next"):
        return "next"
    for index, option in enumerate(node.get("options") or []):
        if not option.get("next"):
            return f"option:{index}"
    if kind == "branch" and not node.get("else"):
        return "else"
    return None


def add_option(draft: DraftScript, node_id: str) -> Edit:
    node = copy.deepcopy(draft.nodes[node_id])
    options = node.setdefault("options", [])
    taken = {o.get("id") for o in options}
    number = len(options) + 1
    while f"option_{number}" in taken:
        number += 1
    options.append({"id": f"option_{number}", "label": ""})
    return replace_node(draft, node_id, node, "add option")


def remove_option(draft: DraftScript, node_id: str, index: int) -> Edit:
    node = copy.deepcopy(draft.nodes[node_id])
    del node["options"][index]
    return replace_node(draft, node_id, node, "remove option")


def move_option(draft: DraftScript, node_id: str, index: int, delta: int) -> Edit | None:
    node = copy.deepcopy(draft.nodes[node_id])
    options = node.get("options") or []
    to = index + delta
    if not (0 <= index < len(options) and 0 <= to < len(options)):
        return None
    options[index], options[to] = options[to], options[index]
    return replace_node(draft, node_id, node, "move option")


def set_option_field(draft: DraftScript, node_id: str, index: int, key: str, value: Any) -> Edit:
    node = copy.deepcopy(draft.nodes[node_id])
    option = node["options"][index]
    if value is None or value == "":
        option.pop(key, None)
    else:
        option[key] = value
    return replace_node(draft, node_id, node, "edit option", merge_key=f"{node_id}:o{index}:{key}")


@dataclass(frozen=True)
class Clip:
    """A copied subtree: its nodes (by original id) and which one is its root."""

    root: str
    nodes: dict[str, NodeDoc]


MAX_CLIP_NODES = 500


def copy_subtree(draft: DraftScript, root: str) -> Clip:
    """*root* and every node reachable from it (bounded, so copying a whole script is safe)."""
    seen: dict[str, NodeDoc] = {}
    pending = [root]
    while pending and len(seen) < MAX_CLIP_NODES:
        node_id = pending.pop(0)
        if node_id in seen or node_id not in draft.nodes:
            continue
        seen[node_id] = copy.deepcopy(draft.nodes[node_id])
        pending.extend(targets_of(seen[node_id]))
    return Clip(root, seen)


def paste(draft: DraftScript, clip: Clip) -> tuple[Edit, str]:
    """Add a copy of *clip* with fresh ids; arrows inside the copy point inside the copy."""
    renamed: dict[str, str] = {}
    taken = set(draft.nodes)
    for old in clip.nodes:
        number = 2
        candidate = f"{old}_copy"
        while candidate in taken:
            candidate = f"{old}_copy{number}"
            number += 1
        renamed[old] = candidate
        taken.add(candidate)

    def remap(target: object) -> object:
        if isinstance(target, str) and target != RESUME:
            return renamed.get(target, target)
        return target

    edit = Edit("paste", order_before=_order(draft))
    for old, node in clip.nodes.items():
        copied = copy.deepcopy(node)
        for key in ("next", "else"):
            if key in copied:
                copied[key] = remap(copied[key])
        for item in [*(copied.get("options") or []), *(copied.get("branches") or [])]:
            if "next" in item:
                item["next"] = remap(item["next"])
        edit.before[renamed[old]] = None
        edit.after[renamed[old]] = copied
    edit.order_after = [*(edit.order_before or []), *renamed.values()]
    return edit, renamed[clip.root]
