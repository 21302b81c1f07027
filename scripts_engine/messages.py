"""The engine's message catalogue: a stable code per problem or error, and its English wording.

Every validation problem and every template, condition or runner error has a
``code`` and flat ``params`` (str or int values) beside its English text, so a
user interface can show the same finding in the user's language: it passes
``describe`` a ``translate`` callable (Qt's translate with the context
``ScriptProblems``, for instance) that maps each English template below to a
translated one. Two params are structured: ``field`` names which text of a
node a finding is about (a ``FIELDS`` key, with ``option``, ``objection`` and
``variant`` beside it) and ``reason`` names the code of a nested clause (a
template or condition error inside a problem). ``kind`` params are value
kinds from ``KINDS``. This module must never import anything outside the
standard library nor depend on a user interface; translators may reorder
placeholders, so wording is never built from fragments here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

Param = str | int
Params = Mapping[str, Param]
Translate = Callable[[str], str]

# Qt's lupdate and the catalogue test read these literals; keep each one a plain string.
MESSAGES: Final[Mapping[str, str]] = {
    # validation: the script as a whole and its nodes
    "locale.unknown": "unknown locale '{locale}'",
    "objection.duplicate_id": "objection id '{objection}' is used twice",
    "objection.missing_start": "objection '{objection}' starts at missing '{target}'",
    "objection.missing_after": "objection '{objection}': 'after' names a missing node '{target}'",
    "objection.debt_before_verification": (
        "objection '{objection}' mentions the debt but can be used before right-party "
        "verification; set its 'after' to the first verified step"
    ),
    "node.missing_target": "leads to a node that does not exist: '{target}'",
    "node.no_text": "no text for the agent to read",
    "node.no_next": "dead end: no 'next' and not an end node",
    "node.no_options": "dead end: no options to choose",
    "option.duplicate_id": "option id '{option}' is used twice",
    "option.no_next": "option '{option}' has no 'next'",
    "option.bad_name": "option '{option}' sets a bad name '{name}'",
    "branch.no_conditions": "branch has no conditions",
    "branch.bad_condition": "bad condition '{condition}': {reason}",
    "branch.unknown_variable": "unknown variable '{name}' in condition",
    "branch.no_else": "branch has no 'else': the call stops if nothing matches",
    "text.missing_translation": "{field}: missing {locale} translation",
    "text.foreign_locale": "{field}: {locale} is not one of the script's locales",
    "text.bad_template": "{field}: {reason}",
    "text.unknown_variable": "{field}: unknown variable '{name}'",
    "text.banned_language": "{field}: shaming or threatening language '{phrase}'",
    "graph.unreachable": "unreachable: no path from the start or any objection",
    "graph.resume_outside_objection": (
        "resumes, but the main flow reaches it outside any objection"
    ),
    "graph.loop_without_exit": "loop without exit: no end can be reached from here",
    # templates
    "template.not_text": "a template must be text",
    "template.too_long": "template longer than {limit} characters",
    "template.stray_close": "'}}}}' without a matching '{{{{'",
    "template.unclosed": "'{{{{' is never closed with '}}}}'",
    "template.empty_placeholder": "empty placeholder, expected a variable name",
    "template.bad_name": "invalid variable name '{name}'",
    "template.missing_filter": "expected a filter name after '|'",
    "template.unknown_filter": "unknown filter '{filter}' (known: {known})",
    "template.unknown_variable": "unknown variable '{name}'",
    "template.money_needs_amount": "the money filter needs an amount ('{name}')",
    "template.date_needs_date": "the date filter needs a date ('{name}')",
    "template.filter_failed": "the '{filter}' filter cannot show '{name}': {detail}",
    # conditions
    "condition.not_text": "a condition must be text",
    "condition.too_long": "condition longer than {limit} characters",
    "condition.unclosed_string": "string is never closed",
    "condition.unexpected_character": "unexpected character '{char}'",
    "condition.reserved_word": "'{name}' uses a reserved word as a name",
    "condition.empty": "empty condition",
    "condition.unexpected_token": "unexpected '{token}'",
    "condition.too_deep": "condition is nested too deeply",
    "condition.chained_comparison": "chained comparisons are not allowed; join them with 'and'",
    "condition.expected_close": "expected ')'",
    "condition.ends_early": "condition ends too early, expected a value",
    "condition.expected_value": "expected a value, found '{token}'",
    "condition.not_boolean": "condition gives {kind}, not true/false",
    "condition.unknown_variable": "unknown variable '{name}'",
    "condition.needs_boolean": "'{op}' needs true/false, got {kind}",
    "condition.cannot_order": "cannot order {kind} and {other_kind} with '{op}'",
    "condition.cannot_compare": "cannot compare these values: {detail}",
    # the runner (what the preview shows when a walk cannot go on)
    "runner.unknown_locale": "unknown locale '{locale}'",
    "runner.nowhere_next": "node '{node}' has nowhere to go next",
    "runner.ended": "the script has ended; there is no next step",
    "runner.needs_answer": "node '{node}' needs an answer: use choose()",
    "runner.no_options": "node '{node}' has no options to choose from",
    "runner.no_such_option": "no option '{option}' here (options: {valid})",
    "runner.option_leads_nowhere": "option '{option}' of node '{node}' leads nowhere",
    "runner.no_such_objection": "no objection '{objection}' (objections: {valid})",
    "runner.objection_not_yet": "objection '{objection}' is only available after '{target}'",
    "runner.at_first_step": "already at the first step; nothing to go back to",
    "runner.missing_node": "the script points to a node that does not exist: '{target}'",
    "runner.nothing_to_resume": "there is no objection to return from",
    "runner.branch_loop": "branches loop without showing anything (last at '{node}')",
    "runner.condition_failed": (
        "node '{node}': condition failed: {reason} (at character {position})"
    ),
    "runner.no_match": "node '{node}': no condition matched and there is no 'else'",
    "runner.cannot_show_text": (
        "node '{node}': cannot show text: {reason} (at character {position})"
    ),
    "runner.cannot_show_option": (
        "node '{node}' option '{option}': cannot show text: {reason} (at character {position})"
    ),
    "runner.cannot_show_objection": (
        "objection '{objection}': cannot show text: {reason} (at character {position})"
    ),
}

# Which text of a node a finding is about; ``variant`` adds the locale of one variant.
FIELDS: Final[Mapping[str, str]] = {
    "text": "text",
    "option_label": "option '{option}' label",
    "objection_label": "objection '{objection}' label",
    "variant": "{field} ({variant})",
}

# Kinds of value a condition can meet, as ``kind`` params name them.
KINDS: Final[Mapping[str, str]] = {
    "true/false": "true/false",
    "number": "number",
    "text": "text",
    "date-time": "date-time",
    "date": "date",
    "nothing": "nothing",
    "value": "value",
}

_KIND_KEYS = ("kind", "other_kind")


def _same(text: str) -> str:
    return text


def describe(code: str, params: Params, translate: Translate = _same) -> str:
    """The finding *code* with *params* filled in, worded by *translate* (English by default).

    Raises KeyError for an unknown code or a template naming a param that is not given,
    so a caller can fall back to the English message it already holds.
    """
    values: dict[str, object] = dict(params)
    if "field" in params:
        values["field"] = describe_field(params, translate)
    if "reason" in params:
        inner = {k: v for k, v in params.items() if k not in ("reason", "field")}
        values["reason"] = describe(str(params["reason"]), inner, translate)
    for key in _KIND_KEYS:
        kind = params.get(key)
        if isinstance(kind, str) and kind in KINDS:
            values[key] = translate(KINDS[kind])
    return translate(MESSAGES[code]).format_map(values)


def describe_field(params: Params, translate: Translate = _same) -> str:
    """Which text a finding is about ("option 'yes' label (en-US)"), worded by *translate*."""
    field = translate(FIELDS[str(params["field"])]).format_map(dict(params))
    variant = params.get("variant")
    if variant is None:
        return field
    return translate(FIELDS["variant"]).format(field=field, variant=variant)
