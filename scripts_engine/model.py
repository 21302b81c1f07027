"""The script document model: nodes, options, objection handlers, and their JSON shape.

A script is a versioned JSON document (``"format": 1``) whose nodes are keyed by
id and tagged by ``kind``. The model is immutable msgspec Structs so a running
call keeps exactly the version it started with. This module only describes
shapes and decodes them with errors that name the node and field; graph checks
live in ``validation`` and walking lives in ``runner``. It must never render
text, evaluate conditions, or touch files.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import msgspec

from .errors import ScriptError
from .offers import OfferPolicy
from .translations import Text, pick_text

FORMAT_VERSION = 1
# Nodes, options and rules are ``gc=False`` Structs: immutable trees of text that can hold no
# reference cycle, so the garbage collector need not walk the thousands a large script has.
# Ten times the biggest real script: beyond it a document is a mistake or an attack.
MAX_NODES = 20_000
RESUME = "$resume"  # an option/next target meaning "back to where the objection started"

ActionName = Literal[
    "open_promise_form", "schedule_callback", "transfer", "set_disposition", "mark_contact_wrong"
]
ACTIONS: frozenset[str] = frozenset(ActionName.__args__)  # type: ignore[attr-defined]
ScriptValue = str | int | float | bool


class Option(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    """One answer the agent can pick; ``set`` stores script variables under ``vars.``."""

    id: str
    label: Text
    next: str | None = None
    set: dict[str, ScriptValue] = {}


class BranchRule(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True, gc=False
):
    condition: str = msgspec.field(name="if")
    next: str


class _Node(
    msgspec.Struct,
    tag_field="kind",
    frozen=True,
    forbid_unknown_fields=True,
    omit_defaults=True,
    gc=False,
):
    """What every node kind shares: tagged by ``kind``, immutable, strict, cycle-free."""


class SayNode(_Node, tag="say", frozen=True):  # frozen repeated for type checkers
    text: Text
    next: str | None = None


class AskNode(_Node, tag="ask", frozen=True):  # frozen repeated for type checkers
    text: Text
    options: tuple[Option, ...]


class OfferNode(_Node, tag="offer", frozen=True):  # frozen repeated for type checkers
    """A proposal read to the customer; its amounts come from templated variables."""

    text: Text
    options: tuple[Option, ...]


class BranchNode(_Node, tag="branch", frozen=True):  # frozen repeated for type checkers
    """Evaluated automatically by the runner, never shown: first true rule wins."""

    branches: tuple[BranchRule, ...]
    otherwise: str | None = msgspec.field(default=None, name="else")


class ActionNode(_Node, tag="action", frozen=True):  # frozen repeated for type checkers
    action: ActionName
    next: str | None = None
    text: Text = ""
    disposition: str | None = None


class EndNode(_Node, tag="end", frozen=True):  # frozen repeated for type checkers
    """Closes the call, or with ``resume`` closes an objection and returns to the flow."""

    text: Text = ""
    disposition: str | None = None
    resume: bool = False


Node = SayNode | AskNode | OfferNode | BranchNode | ActionNode | EndNode
NodeKind = Literal["say", "ask", "offer", "branch", "action", "end"]


class Objection(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A handler reachable from any node; with ``after`` only once the call reached that node.

    ``after`` keeps debt talk behind right-party verification: a handler that
    speaks of the balance is offered only after the verification step.
    """

    id: str
    label: Text
    start: str
    after: str | None = None


class Audience(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """Which accounts a script is meant for; empty tuples mean "any"."""

    min_days_past_due: int = 0
    max_days_past_due: int | None = None
    products: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()


class Script(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    format: int
    id: str
    version: int
    locale: str
    # Plain text, or one text per locale ({"es-MX": ..., "en-US": ...}) like node texts.
    title: Text
    start: str
    nodes: dict[str, Node]
    objections: tuple[Objection, ...] = ()
    audience: Audience | None = None
    description: str = ""
    # Every locale the script ships in (the primary ``locale`` included); empty = just ``locale``.
    locales: tuple[str, ...] = ()
    # The campaign's offer limits for this script; None = the caller's default policy.
    offer_policy: OfferPolicy | None = None

    def title_for(self, locale: str) -> str:
        """The title in *locale* (same language, then the script's own locale, as node texts)."""
        return pick_text(self.title, locale, self.locale)

    @property
    def all_locales(self) -> tuple[str, ...]:
        if not self.locales:
            return (self.locale,)
        return self.locales if self.locale in self.locales else (self.locale, *self.locales)

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise ScriptError("no such node", node_id=node_id) from None

    def objection(self, objection_id: str) -> Objection | None:
        return next((o for o in self.objections if o.id == objection_id), None)


def kind_of(node: Node) -> NodeKind:
    tag = type(node).__struct_config__.tag
    assert isinstance(tag, str)
    return tag  # type: ignore[return-value]


def targets(node: Node) -> list[str]:
    """Every node id (or ``$resume``) a node can lead to."""
    if isinstance(node, SayNode | ActionNode):
        return [node.next] if node.next else []
    if isinstance(node, AskNode | OfferNode):
        return [o.next for o in node.options if o.next]
    if isinstance(node, BranchNode):
        found = [rule.next for rule in node.branches]
        return [*found, node.otherwise] if node.otherwise else found
    return [RESUME] if node.resume else []


class _Envelope(msgspec.Struct, forbid_unknown_fields=True):
    """The top level with nodes left raw, so each node decodes with its own id in errors."""

    format: int
    id: str
    version: int
    locale: str
    title: Text
    start: str
    nodes: dict[str, dict[str, Any]]
    objections: tuple[Objection, ...] = ()
    audience: Audience | None = None
    description: str = ""
    locales: tuple[str, ...] = ()
    offer_policy: OfferPolicy | None = None


def script_from_mapping(document: Mapping[str, Any]) -> Script:
    """Decode a JSON-like mapping into a Script; raise ScriptError naming node and field."""
    if not isinstance(document, Mapping):
        raise ScriptError("a script document must be a JSON object")
    fmt = document.get("format")
    if fmt != FORMAT_VERSION:
        raise ScriptError(
            f"unsupported format {fmt!r}; this version reads format {FORMAT_VERSION}",
            field="format",
        )
    try:
        envelope = msgspec.convert(dict(document), _Envelope)
    except msgspec.ValidationError as exc:
        raise ScriptError(_where(str(exc))) from None
    except RecursionError:
        raise ScriptError("the document is nested too deeply to be a script") from None
    if len(envelope.nodes) > MAX_NODES:
        raise ScriptError(f"too many nodes ({len(envelope.nodes)}; at most {MAX_NODES})")
    nodes: dict[str, Node] = {}
    for node_id, raw in envelope.nodes.items():
        if not node_id or node_id.startswith("$"):
            raise ScriptError("node ids must be non-empty and not start with '$'", node_id=node_id)
        kind = raw.get("kind")
        if kind not in ("say", "ask", "offer", "branch", "action", "end"):
            raise ScriptError(
                f"unknown kind {kind!r} (say, ask, offer, branch, action, end)",
                node_id=node_id,
                field="kind",
            )
        try:
            nodes[node_id] = msgspec.convert(raw, Node)
        except msgspec.ValidationError as exc:
            raise ScriptError(_where(str(exc)), node_id=node_id) from None
        except RecursionError:
            raise ScriptError("nested too deeply", node_id=node_id) from None
    if envelope.start not in nodes:
        raise ScriptError(f"start node {envelope.start!r} does not exist", field="start")
    return Script(
        format=envelope.format,
        id=envelope.id,
        version=envelope.version,
        locale=envelope.locale,
        title=envelope.title,
        start=envelope.start,
        nodes=nodes,
        objections=envelope.objections,
        audience=envelope.audience,
        description=envelope.description,
        locales=envelope.locales,
        offer_policy=envelope.offer_policy,
    )


def _where(message: str) -> str:
    # msgspec says "... - at `$.options[0].next`"; say it the way a team lead reads it.
    message = message.replace("`str | object`", "text or an object of translations")
    text, sep, path = message.partition(" - at `")
    if not sep:
        return message
    field = path.rstrip("`").removeprefix("$").lstrip(".")
    return f"{text} (field {field!r})" if field else text
