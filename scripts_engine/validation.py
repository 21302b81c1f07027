"""Check a script before it is published: graph, templates, conditions and tone.

``validate`` never raises on a bad script; it returns every ``Problem`` it finds
(errors block publishing, warnings are advice) so the script editor can list
them next to the nodes. Checks: dangling targets, dead ends, unreachable nodes,
loops with no way out, ``$resume`` outside an objection, malformed templates and
conditions, unknown variables, duplicate ids, missing translations, and
language that shames or threatens. It must never run a script or change it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, Protocol

from .conditions import parse_condition
from .errors import ConditionError, TemplateError
from .language import find_banned
from .model import (
    RESUME,
    ActionNode,
    AskNode,
    BranchNode,
    EndNode,
    Node,
    OfferNode,
    SayNode,
    Script,
    targets,
)
from .money import normalize_locale
from .templating import parse_template
from .translations import Text, is_blank, missing_locales, variants
from .variables import KNOWN_VARIABLES, SCRIPT_VARIABLE_PREFIX

Severity = Literal["error", "warning"]
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Problem:
    severity: Severity
    node_id: str | None
    message: str
    position: int | None = None

    def __str__(self) -> str:
        where = f"node {self.node_id!r}" if self.node_id else "script"
        at = f" (at character {self.position})" if self.position is not None else ""
        return f"{self.severity}: {where}: {self.message}{at}"


def _reachable(script: Script, starts: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    pending = [s for s in starts if s in script.nodes]
    while pending:
        node_id = pending.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        pending.extend(t for t in targets(script.nodes[node_id]) if t in script.nodes)
    return seen


def _texts(node_id: str, node: Node) -> Iterator[tuple[str, Text]]:
    """(what, text) pairs for every templated text of a node."""
    if not isinstance(node, BranchNode) and node.text:
        yield "text", node.text
    if isinstance(node, AskNode | OfferNode):
        for option in node.options:
            yield f"option {option.id!r} label", option.label


def validate(script: Script) -> list[Problem]:
    """Return every problem found in *script*, errors first; an empty list means publishable."""
    report = _Report()
    add = report.add
    for locale in script.all_locales:
        try:
            normalize_locale(locale)
        except ValueError:
            add("error", None, f"unknown locale {locale!r}")

    script_vars = {
        SCRIPT_VARIABLE_PREFIX + name
        for node in script.nodes.values()
        if isinstance(node, AskNode | OfferNode)
        for option in node.options
        for name in option.set
    }
    known = set(KNOWN_VARIABLES) | script_vars

    seen_objections: set[str] = set()
    for objection in script.objections:
        if objection.id in seen_objections:
            add("error", None, f"objection id {objection.id!r} is used twice")
        seen_objections.add(objection.id)
        if objection.start not in script.nodes:
            add("error", None, f"objection {objection.id!r} starts at missing {objection.start!r}")
        # Report on the handler's first node so the editor can select something.
        at = objection.start if objection.start in script.nodes else None
        _check_text(objection.label, f"objection {objection.id!r} label", at, known, script, add)

    for node_id, node in script.nodes.items():
        _check_node(script, node_id, node, known, add)

    _check_privacy(script, add)

    _check_graph(script, add)
    return sorted(report.problems, key=lambda p: p.severity != "error")


def _check_node(script: Script, node_id: str, node: Node, known: set[str], add: _Add) -> None:
    for target in targets(node):
        if target != RESUME and target not in script.nodes:
            add("error", node_id, f"leads to a node that does not exist: {target!r}")
    if isinstance(node, SayNode | AskNode | OfferNode) and is_blank(node.text):
        add("warning", node_id, "no text for the agent to read")
    if isinstance(node, SayNode | ActionNode) and node.next is None:
        add("error", node_id, "dead end: no 'next' and not an end node")
    if isinstance(node, AskNode | OfferNode):
        if not node.options:
            add("error", node_id, "dead end: no options to choose")
        ids = [o.id for o in node.options]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            add("error", node_id, f"option id {dup!r} is used twice")
        for option in node.options:
            if option.next is None:
                add("error", node_id, f"option {option.id!r} has no 'next'")
            for name in option.set:
                if not name.isidentifier() or name.startswith("_"):
                    add("error", node_id, f"option {option.id!r} sets a bad name {name!r}")
    if isinstance(node, BranchNode):
        if not node.branches:
            add("warning", node_id, "branch has no conditions")
        for rule in node.branches:
            try:
                condition = parse_condition(rule.condition)
            except ConditionError as exc:
                add(
                    "error",
                    node_id,
                    f"bad condition {rule.condition!r}: {exc.reason}",
                    exc.position,
                )
                continue
            for name in condition.names:
                if name not in known:
                    add("error", node_id, f"unknown variable {name!r} in condition")
        if node.otherwise is None:
            add("warning", node_id, "branch has no 'else': the call stops if nothing matches")
    for what, text in _texts(node_id, node):
        _check_text(text, what, node_id, known, script, add)


class _Report:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self, severity: Severity, node_id: str | None, message: str, position: int | None = None
    ) -> None:
        self.problems.append(Problem(severity, node_id, message, position))


class _Add(Protocol):
    def __call__(
        self, severity: Severity, node_id: str | None, message: str, position: int | None = None
    ) -> None: ...


def _check_text(
    text: Text, what: str, node_id: str | None, known: set[str], script: Script, add: _Add
) -> None:
    required = script.all_locales
    complete = (
        len(required) == 1
        if isinstance(text, str)
        else len(text) == len(required) and all(locale in text for locale in required)
    )
    if not complete:  # the exact check (locale spellings, fallbacks) only when in doubt
        for locale in missing_locales(text, required, script.locale):
            add("warning", node_id, f"{what}: missing {locale} translation")
    several = len(required) > 1 or not isinstance(text, str)
    for locale, source in variants(text, script.locale):
        label = f"{what} ({locale})" if several else what
        if not isinstance(text, str) and locale not in required:
            add("warning", node_id, f"{label}: {locale} is not one of the script's locales")
        _check_variant(source, label, locale, node_id, known, add)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _check_variant(
    source: str, what: str, locale: str, node_id: str | None, known: set[str], add: _Add
) -> None:
    try:
        template = parse_template(source)
    except TemplateError as exc:
        add("error", node_id, f"{what}: {exc.reason}", exc.position)
    else:
        for placeholder in template.placeholders:
            if placeholder.name not in known:
                add(
                    "error",
                    node_id,
                    f"{what}: unknown variable {placeholder.name!r}",
                    placeholder.position,
                )
    # Variable names such as {{ debtor.first_name }} are not words said to anyone.
    spoken = _PLACEHOLDER.sub(_blank, source) if "{{" in source else source
    for phrase, position in find_banned(spoken, locale):
        add("error", node_id, f"{what}: shaming or threatening language {phrase!r}", position)


DEBT_DETAIL_PREFIXES = ("account.", "offer.")


def _speaks_of_debt(node: Node) -> bool:
    for _, text in _texts("", node):
        for _, source in variants(text, ""):
            try:
                names = parse_template(source).names
            except TemplateError:
                continue
            if any(name.startswith(DEBT_DETAIL_PREFIXES) for name in names):
                return True
    return False


def _check_privacy(script: Script, add: _Add) -> None:
    """Debt detail must wait for right-party verification, objections included."""
    main = _reachable(script, [script.start])
    for objection in script.objections:
        if objection.after is not None:
            if objection.after not in script.nodes:
                add(
                    "error",
                    objection.start if objection.start in script.nodes else None,
                    f"objection {objection.id!r}: 'after' names a missing node {objection.after!r}",
                )
            continue
        own = _reachable(script, [objection.start]) - main
        for node_id in sorted(own):
            if _speaks_of_debt(script.nodes[node_id]):
                add(
                    "warning",
                    node_id,
                    f"objection {objection.id!r} mentions the debt but can be used before "
                    "right-party verification; set its 'after' to the first verified step",
                )
                break


def _check_graph(script: Script, add: _Add) -> None:
    main = _reachable(script, [script.start])
    objection_starts = [o.start for o in script.objections]
    everything = main | _reachable(script, objection_starts)
    for node_id in script.nodes:
        if node_id not in everything:
            add("warning", node_id, "unreachable: no path from the start or any objection")
    for node_id in sorted(main):
        if RESUME in targets(script.nodes[node_id]):
            # Only an objection branch has somewhere to resume to.
            add("error", node_id, "resumes, but the main flow reaches it outside any objection")
    # A node from which no end (or resume) can be reached traps the agent. Walk the
    # arrows backwards from every exit once: linear, so a 5,000-node script stays fast.
    sources: dict[str, list[str]] = {}
    pending: list[str] = []
    for node_id, node in script.nodes.items():
        outs = targets(node)
        if isinstance(node, EndNode) or RESUME in outs:
            pending.append(node_id)
        for target in outs:
            sources.setdefault(target, []).append(node_id)
    can_exit: set[str] = set()
    while pending:
        node_id = pending.pop()
        if node_id in can_exit:
            continue
        can_exit.add(node_id)
        pending.extend(sources.get(node_id, ()))
    for node_id in sorted(everything):
        node = script.nodes[node_id]
        if node_id not in can_exit and targets(node):
            add("error", node_id, "loop without exit: no end can be reached from here")
