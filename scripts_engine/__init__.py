"""Negotiation scripts: model, file format, safe templating, conditions, offers, runner.

Pure Python with no Qt and no imports from the rest of Acuerdo, so the desktop,
the hub and the script editor share one engine. It must never execute text
from a script: templates and conditions are parsed by our own small grammars.
"""

from .conditions import Condition, parse_condition
from .errors import (
    CallContextError,
    ConditionError,
    EngineError,
    RunnerError,
    ScriptError,
    TemplateError,
)
from .loading import (
    bundled_scripts,
    bundled_scripts_dir,
    load_script,
    script_to_document,
    script_to_json,
)
from .model import ACTIONS, RESUME, Objection, Option, Script
from .money import Money, format_money
from .offers import (
    DEFAULT_POLICY,
    InstalmentPlan,
    OfferError,
    OfferPolicy,
    Settlement,
    check_offer,
    instalment_plan,
    offer_variables,
    settlement,
)
from .runner import Choice, Runner, Step
from .selection import select_script
from .templating import Template, parse_template, render_template
from .translations import Text, pick_text
from .validation import Problem, validate
from .variables import KNOWN_VARIABLES, variables_for_call

__all__ = [
    "ACTIONS",
    "DEFAULT_POLICY",
    "KNOWN_VARIABLES",
    "RESUME",
    "CallContextError",
    "Choice",
    "Condition",
    "ConditionError",
    "EngineError",
    "InstalmentPlan",
    "Money",
    "Objection",
    "OfferError",
    "OfferPolicy",
    "Option",
    "Problem",
    "Runner",
    "RunnerError",
    "Script",
    "ScriptError",
    "Settlement",
    "Step",
    "Template",
    "TemplateError",
    "Text",
    "bundled_scripts",
    "bundled_scripts_dir",
    "check_offer",
    "format_money",
    "instalment_plan",
    "load_script",
    "offer_variables",
    "parse_condition",
    "parse_template",
    "pick_text",
    "render_template",
    "script_to_document",
    "script_to_json",
    "select_script",
    "settlement",
    "validate",
    "variables_for_call",
]
