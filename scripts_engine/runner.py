"""Walk one script during one call: what to show now, and where each answer leads.

The Runner holds the position in the script, the answers' script variables
(``vars.*``), the stack of places to return to after objections, and the path
taken for the wrap-up. Branch nodes are evaluated on the way and never shown.
It must never do I/O or talk to the UI: it returns plain ``Step`` values and
raises ``RunnerError`` for moves the script does not allow.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from .conditions import parse_condition
from .errors import ConditionError, RunnerError, TemplateError
from .model import (
    RESUME,
    ActionNode,
    AskNode,
    BranchNode,
    EndNode,
    Node,
    NodeKind,
    OfferNode,
    SayNode,
    Script,
    ScriptValue,
    kind_of,
    targets,
)
from .money import Money, normalize_locale
from .offers import OfferError, offer_variables
from .templating import parse_template
from .translations import Text, pick_text
from .variables import SCRIPT_VARIABLE_PREFIX

log = logging.getLogger("acuerdo.scripts")

MAX_BRANCH_HOPS = 100


@dataclass(frozen=True, slots=True)
class Choice:
    """Something the agent can click: an answer option or an objection handler."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Step:
    """What the agent sees now, with all text already rendered as plain text."""

    node_id: str
    kind: NodeKind
    text: str
    options: tuple[Choice, ...]
    action: str | None
    is_end: bool
    in_objection: bool
    disposition: str | None = None
    resumes: bool = False


@dataclass(frozen=True, slots=True)
class _Frame:
    """Everything back() must restore: position, answers and pending objection returns."""

    node_id: str
    answers: tuple[tuple[str, ScriptValue], ...]
    returns: tuple[str, ...]


def _main_flow(script: Script) -> frozenset[str]:
    """Nodes reachable from the start without taking an objection."""
    seen: set[str] = set()
    pending = [script.start]
    while pending:
        node_id = pending.pop()
        node = script.nodes.get(node_id)
        if node is None or node_id in seen:
            continue
        seen.add(node_id)
        pending.extend(targets(node))
    return frozenset(seen)


class Runner:
    """A position in a script plus the answers given so far in this call."""

    def __init__(self, script: Script, variables: Mapping[str, object], locale: str = "es_MX"):
        try:
            self._locale = normalize_locale(locale)
        except ValueError:
            raise RunnerError.coded("runner.unknown_locale", locale=locale) from None
        self._script = script
        self._variables = dict(variables)
        self._apply_offer_policy()
        # Only needed once an objection is open; a 5,000-node walk is not worth it up front.
        self._main_flow_nodes: frozenset[str] | None = None
        self.restart()

    # --- reading ------------------------------------------------------------

    @property
    def script(self) -> Script:
        return self._script

    @property
    def current(self) -> Step:
        return self._step

    @property
    def path(self) -> tuple[str, ...]:
        """Node ids visited in order (branches and objection jumps included)."""
        return tuple(self._path)

    @property
    def answers(self) -> Mapping[str, ScriptValue]:
        """Script variables set by answers so far, without the ``vars.`` prefix."""
        return dict(self._answers)

    @property
    def objections(self) -> tuple[Choice, ...]:
        return tuple(
            Choice(o.id, self._render(o.label, "runner.cannot_show_objection", objection=o.id))
            for o in self._script.objections
            if self._available(o.after)
        )

    @property
    def can_go_back(self) -> bool:
        return bool(self._history)

    # --- moves --------------------------------------------------------------

    def restart(self) -> None:
        """Start over as if the call had just begun (answers and path are cleared)."""
        self._answers: dict[str, ScriptValue] = {}
        self._returns: list[str] = []
        self._history: list[_Frame] = []
        self._path: list[str] = []
        self._enter(self._script.start)

    def advance(self) -> None:
        """Move on from a say/action node, or leave an objection at a resuming end."""
        node = self._node(self._node_id)
        if isinstance(node, SayNode | ActionNode):
            if node.next is None:
                raise RunnerError.coded("runner.nowhere_next", node=self._node_id)
            self._move(node.next)
        elif isinstance(node, EndNode):
            if not node.resume:
                raise RunnerError.coded("runner.ended")
            self._move(RESUME)
        else:
            raise RunnerError.coded("runner.needs_answer", node=self._node_id)

    def choose(self, option_id: str) -> None:
        """Pick an answer on an ask/offer node; its ``set`` values are stored first."""
        node = self._node(self._node_id)
        if not isinstance(node, AskNode | OfferNode):
            raise RunnerError.coded("runner.no_options", node=self._node_id)
        option = next((o for o in node.options if o.id == option_id), None)
        if option is None:
            valid = ", ".join(o.id for o in node.options)
            raise RunnerError.coded("runner.no_such_option", option=option_id, valid=valid)
        if option.next is None:
            raise RunnerError.coded(
                "runner.option_leads_nowhere", option=option_id, node=self._node_id
            )
        self._move(option.next, option.set)

    def objection(self, objection_id: str) -> None:
        """Jump to an objection handler, remembering where the agent was."""
        handler = self._script.objection(objection_id)
        if handler is None:
            valid = ", ".join(o.id for o in self._script.objections) or "none"
            raise RunnerError.coded("runner.no_such_objection", objection=objection_id, valid=valid)
        if not self._available(handler.after):
            raise RunnerError.coded(
                "runner.objection_not_yet", objection=objection_id, target=handler.after or ""
            )
        self._move(handler.start, returns=(*self._returns, self._node_id))

    def back(self) -> None:
        """Return to the previous shown step, undoing its answers and objection jumps."""
        if not self._history:
            raise RunnerError.coded("runner.at_first_step")
        frame = self._history.pop()
        self._answers = dict(frame.answers)
        self._returns = list(frame.returns)
        self._show(frame.node_id)

    # --- internals ----------------------------------------------------------

    def _available(self, after: str | None) -> bool:
        """Has the call (as it stands after any back()) reached node *after*?"""
        if after is None or after == self._node_id:
            return True
        return any(frame.node_id == after for frame in self._history)

    def _apply_offer_policy(self) -> None:
        """A script that declares its campaign's policy gets offers computed by that policy."""
        policy = self._script.offer_policy
        balance = self._variables.get("account.balance")
        today = self._variables.get("today")
        if policy is None or not isinstance(balance, Money) or not isinstance(today, dt.date):
            return
        try:
            self._variables.update(offer_variables(balance, policy, today))
        except OfferError as exc:
            # Leave offer.* out: the offer node then says clearly it cannot be shown.
            log.info("no offer within policy for script %s: %s", self._script.id, exc)
            for name in [n for n in self._variables if n.startswith("offer.")]:
                del self._variables[name]

    @property
    def _main_flow(self) -> frozenset[str]:
        if self._main_flow_nodes is None:
            self._main_flow_nodes = _main_flow(self._script)
        return self._main_flow_nodes

    def _node(self, node_id: str) -> Node:
        node = self._script.nodes.get(node_id)
        if node is None:
            raise RunnerError.coded("runner.missing_node", target=node_id)
        return node

    def _move(
        self,
        target: str,
        sets: Mapping[str, ScriptValue] | None = None,
        returns: tuple[str, ...] | None = None,
    ) -> None:
        frame = _Frame(self._node_id, tuple(self._answers.items()), tuple(self._returns))
        answers = {**self._answers, **(sets or {})}
        stack = list(self._returns if returns is None else returns)
        if target == RESUME:
            if not stack:
                raise RunnerError.coded("runner.nothing_to_resume")
            target = stack.pop()
        elif returns is None and stack and target in self._main_flow:
            # An objection answer that leads into the main flow (e.g. straight to the
            # promise form) settles the objection: there is nothing left to return to.
            stack = []
        # Compute the whole move before touching state, so a failed move changes nothing.
        saved = (self._answers, self._returns, list(self._path))
        self._answers, self._returns = answers, stack
        try:
            self._enter(target)
        except RunnerError:
            self._answers, self._returns, self._path = saved
            raise
        self._history.append(frame)

    def _enter(self, node_id: str) -> None:
        """Follow branch nodes from *node_id* until a node to show, then show it."""
        for _ in range(MAX_BRANCH_HOPS):
            node = self._node(node_id)
            if not isinstance(node, BranchNode):
                self._show(node_id)
                return
            self._path.append(node_id)
            node_id = self._take_branch(node_id, node)
        raise RunnerError.coded("runner.branch_loop", node=node_id)

    def _take_branch(self, node_id: str, node: BranchNode) -> str:
        variables = self._all_variables()
        for rule in node.branches:
            try:
                if parse_condition(rule.condition).evaluate(variables):
                    return rule.next
            except ConditionError as exc:
                raise RunnerError.coded(
                    "runner.condition_failed",
                    node=node_id,
                    reason=exc.code,
                    position=exc.position,
                    **exc.params,
                ) from None
        if node.otherwise is None:
            raise RunnerError.coded("runner.no_match", node=node_id)
        return node.otherwise

    def _show(self, node_id: str) -> None:
        node = self._node(node_id)
        self._step = self._build_step(node_id, node)
        self._node_id = node_id
        self._path.append(node_id)
        log.debug("script %s at node %s", self._script.id, node_id)

    def _build_step(self, node_id: str, node: Node) -> Step:
        in_objection = bool(self._returns)
        options: tuple[Choice, ...] = ()
        action: str | None = None
        disposition: str | None = None
        if isinstance(node, AskNode | OfferNode):
            options = tuple(
                Choice(
                    o.id,
                    self._render(o.label, "runner.cannot_show_option", node=node_id, option=o.id),
                )
                for o in node.options
            )
        if isinstance(node, ActionNode):
            action, disposition = node.action, node.disposition
        if isinstance(node, EndNode):
            disposition = node.disposition
        text = "" if isinstance(node, BranchNode) else node.text
        resumes = isinstance(node, EndNode) and node.resume
        return Step(
            node_id=node_id,
            kind=kind_of(node),
            text=self._render(text, "runner.cannot_show_text", node=node_id),
            options=options,
            action=action,
            is_end=isinstance(node, EndNode) and not node.resume,
            in_objection=in_objection,
            disposition=disposition,
            resumes=resumes,
        )

    def _all_variables(self) -> dict[str, object]:
        merged = dict(self._variables)
        merged.update({SCRIPT_VARIABLE_PREFIX + k: v for k, v in self._answers.items()})
        return merged

    def _render(self, text: Text, code: str, **where: str) -> str:
        source = pick_text(text, self._locale, self._script.locale)
        try:
            return parse_template(source).render(self._all_variables(), self._locale)
        except TemplateError as exc:
            raise RunnerError.coded(
                code, reason=exc.code, position=exc.position, **where, **exc.params
            ) from None
