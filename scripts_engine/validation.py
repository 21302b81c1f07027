"""Check a script before it is published: graph, templates, conditions and tone.

``validate`` never raises on a bad script; it returns every ``Problem`` it finds
(errors block publishing, warnings are advice) so the script editor can list
them next to the nodes. Checks: dangling targets, dead ends, unreachable nodes,
loops with no way out, ``$resume`` outside an objection, malformed templates and
conditions, unknown variables, duplicate ids, missing translations, and
language that shames or threatens. It must never run a script or change it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from .conditions import parse_condition
from .errors import ConditionError, TemplateError
from .messages import Param, Params, describe
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
from .text_checks import Severity, TextBatch
from .translations import Text, is_blank, missing_locales, variants
from .variables import KNOWN_VARIABLES, SCRIPT_VARIABLE_PREFIX

Arrows = Mapping[str, list[str]]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding; ``message`` is English (logs, tests), ``code``/``params`` let a UI word it."""

    severity: Severity
    node_id: str | None
    message: str
    position: int | None = None
    code: str = ""
    params: Params = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        where = f"node {self.node_id!r}" if self.node_id else "script"
        at = f" (at character {self.position})" if self.position is not None else ""
        return f"{self.severity}: {where}: {self.message}{at}"


def _reachable(arrows: Arrows, starts: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    pending = [s for s in starts if s in arrows]
    while pending:
        node_id = pending.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        # Arrows to missing nodes (reported elsewhere) lead nowhere.
        pending.extend(t for t in arrows[node_id] if t in arrows and t not in seen)
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
    script_vars = {
        SCRIPT_VARIABLE_PREFIX + name
        for node in script.nodes.values()
        if isinstance(node, AskNode | OfferNode)
        for option in node.options
        for name in option.set
    }
    report = _Report(set(KNOWN_VARIABLES) | script_vars, script.all_locales)
    add = report.add
    for locale in script.all_locales:
        try:
            normalize_locale(locale)
        except ValueError:
            add("error", None, "locale.unknown", locale=locale)

    seen_objections: set[str] = set()
    for objection in script.objections:
        if objection.id in seen_objections:
            add("error", None, "objection.duplicate_id", objection=objection.id)
        seen_objections.add(objection.id)
        if objection.start not in script.nodes:
            add(
                "error",
                None,
                "objection.missing_start",
                objection=objection.id,
                target=objection.start,
            )
        # Report on the handler's first node so the editor can select something.
        at = objection.start if objection.start in script.nodes else None
        what = {"field": "objection_label", "objection": objection.id}
        _check_text(objection.label, what, at, script, report)

    # Every node's arrows, once: the graph checks below walk them several times.
    arrows = {node_id: targets(node) for node_id, node in script.nodes.items()}
    for node_id, node in script.nodes.items():
        _check_node(script, node_id, node, arrows[node_id], report)

    main = _reachable(arrows, [script.start])
    _check_privacy(script, arrows, main, add)
    _check_graph(script, arrows, main, add)
    return sorted(report.finish(), key=lambda p: p.severity != "error")


def _check_node(script: Script, node_id: str, node: Node, outs: list[str], report: _Report) -> None:
    add = report.add
    for target in outs:
        if target != RESUME and target not in script.nodes:
            add("error", node_id, "node.missing_target", target=target)
    if isinstance(node, SayNode | AskNode | OfferNode) and is_blank(node.text):
        add("warning", node_id, "node.no_text")
    if isinstance(node, SayNode | ActionNode) and node.next is None:
        add("error", node_id, "node.no_next")
    if isinstance(node, AskNode | OfferNode):
        if not node.options:
            add("error", node_id, "node.no_options")
        ids = [o.id for o in node.options]
        if len(set(ids)) != len(ids):
            for dup in sorted({i for i in ids if ids.count(i) > 1}):
                add("error", node_id, "option.duplicate_id", option=dup)
        for option in node.options:
            if option.next is None:
                add("error", node_id, "option.no_next", option=option.id)
            for name in option.set:
                if not name.isidentifier() or name.startswith("_"):
                    add("error", node_id, "option.bad_name", option=option.id, name=name)
    if isinstance(node, BranchNode):
        if not node.branches:
            add("warning", node_id, "branch.no_conditions")
        for rule in node.branches:
            try:
                condition = parse_condition(rule.condition)
            except ConditionError as exc:
                add(
                    "error",
                    node_id,
                    "branch.bad_condition",
                    exc.position,
                    condition=rule.condition,
                    reason=exc.code,
                    **exc.params,
                )
                continue
            for name in condition.names:
                if name not in report.known:
                    add("error", node_id, "branch.unknown_variable", name=name)
        if node.otherwise is None:
            add("warning", node_id, "branch.no_else")
        return
    if node.text:
        _check_text(node.text, _NODE_TEXT, node_id, script, report)
    if isinstance(node, AskNode | OfferNode):
        for option in node.options:
            what = {"field": "option_label", "option": option.id}
            _check_text(option.label, what, node_id, script, report)


class _Report:
    """Problems in the order they are met; text variants wait in a batch checked at the end."""

    def __init__(self, known: set[str], locales: tuple[str, ...]) -> None:
        self.known = known
        self.locales = locales
        self.locale_set = frozenset(locales)
        self.problems: list[Problem] = []
        self.texts = TextBatch(known)

    def add(
        self,
        severity: Severity,
        node_id: str | None,
        code: str,
        position: int | None = None,
        /,
        **params: Param,
    ) -> None:
        message = describe(code, params)
        self.problems.append(Problem(severity, node_id, message, position, code, params))

    def finish(self) -> list[Problem]:
        """Every problem, text problems slotted in where the variant was met."""
        late = self.texts.problems()
        if not late:
            return self.problems
        merged: list[Problem] = []
        position = 0
        for anchor, (severity, node_id, code, params, at) in late:
            merged.extend(self.problems[position:anchor])
            position = max(position, anchor)
            merged.append(Problem(severity, node_id, describe(code, params), at, code, params))
        merged.extend(self.problems[position:])
        return merged


class _Add(Protocol):
    def __call__(
        self,
        severity: Severity,
        node_id: str | None,
        code: str,
        position: int | None = None,
        /,
        **params: Param,
    ) -> None: ...


def _check_text(
    text: Text, what: Mapping[str, str], node_id: str | None, script: Script, report: _Report
) -> None:
    """*what* names the text as ``messages`` field params; a variant adds its locale."""
    required = report.locales
    if isinstance(text, str):
        if len(required) != 1:  # the exact check (locale spellings, fallbacks) only in doubt
            for locale in missing_locales(text, required, script.locale):
                report.add("warning", node_id, "text.missing_translation", locale=locale, **what)
            report.texts.add(text, what, script.locale, node_id, len(report.problems), True)
            return
        report.texts.add(text, what, script.locale, node_id, len(report.problems))
        return
    if len(text) != len(required) or not text.keys() >= report.locale_set:
        for locale in missing_locales(text, required, script.locale):
            report.add("warning", node_id, "text.missing_translation", locale=locale, **what)
    for locale, source in text.items():
        if locale not in report.locale_set:
            label = {**what, "variant": locale}
            report.add("warning", node_id, "text.foreign_locale", locale=locale, **label)
        report.texts.add(source, what, locale, node_id, len(report.problems), True)


_NODE_TEXT: Mapping[str, str] = {"field": "text"}  # shared: never changed, only copied

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


def _check_privacy(script: Script, arrows: Arrows, main: set[str], add: _Add) -> None:
    """Debt detail must wait for right-party verification, objections included."""
    for objection in script.objections:
        if objection.after is not None:
            if objection.after not in script.nodes:
                add(
                    "error",
                    objection.start if objection.start in script.nodes else None,
                    "objection.missing_after",
                    objection=objection.id,
                    target=objection.after,
                )
            continue
        own = _reachable(arrows, [objection.start]) - main
        for node_id in sorted(own):
            if _speaks_of_debt(script.nodes[node_id]):
                add(
                    "warning", node_id, "objection.debt_before_verification", objection=objection.id
                )
                break


def _check_graph(script: Script, arrows: Arrows, main: set[str], add: _Add) -> None:
    objection_starts = [o.start for o in script.objections]
    everything = main | _reachable(arrows, objection_starts)
    if len(everything) != len(script.nodes):
        for node_id in script.nodes:
            if node_id not in everything:
                add("warning", node_id, "graph.unreachable")
    for node_id in sorted(n for n in main if RESUME in arrows[n]):
        # Only an objection branch has somewhere to resume to.
        add("error", node_id, "graph.resume_outside_objection")
    # A node from which no end (or resume) can be reached traps the agent. Walk the
    # arrows backwards from every exit once: linear, so a 5,000-node script stays fast.
    sources: dict[str, list[str]] = {}
    pending: list[str] = []
    for node_id, outs in arrows.items():
        if RESUME in outs or isinstance(script.nodes[node_id], EndNode):
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
    if len(can_exit) == len(script.nodes):
        return
    for node_id in sorted(everything):
        if node_id not in can_exit and arrows[node_id]:
            add("error", node_id, "graph.loop_without_exit")
