"""Negotiation scripts: model, file format, safe templating, conditions, runner.

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
from .loading import bundled_scripts, bundled_scripts_dir, load_script, script_to_json
from .model import ACTIONS, RESUME, Objection, Option, Script
from .money import Money, format_money
from .runner import Choice, Runner, Step
from .selection import select_script
from .templating import Template, parse_template, render_template
from .validation import Problem, validate
from .variables import KNOWN_VARIABLES, variables_for_call

__all__ = [
    "ACTIONS",
    "KNOWN_VARIABLES",
    "RESUME",
    "CallContextError",
    "Choice",
    "Condition",
    "ConditionError",
    "EngineError",
    "Money",
    "Objection",
    "Option",
    "Problem",
    "Runner",
    "RunnerError",
    "Script",
    "ScriptError",
    "Step",
    "Template",
    "TemplateError",
    "bundled_scripts",
    "bundled_scripts_dir",
    "format_money",
    "load_script",
    "parse_condition",
    "parse_template",
    "render_template",
    "script_to_json",
    "select_script",
    "validate",
    "variables_for_call",
]
