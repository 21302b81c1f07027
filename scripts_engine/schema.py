"""The published JSON Schema of the script format, generated from the model.

``docs/script-schema.json`` is this module's output, committed so team leads'
tools (editors with schema support, CI checks) can validate a script without
Acuerdo; a test keeps the committed file equal to what the model generates.
Run ``python -m scripts_engine.schema > docs/script-schema.json`` after changing
the model. It must never be hand-edited or describe anything the model does not.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import msgspec

from .model import FORMAT_VERSION, Script

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def script_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a script document."""
    schema = msgspec.json.schema(Script)
    schema = {
        "$schema": SCHEMA_URI,
        "title": "Acuerdo negotiation script",
        "description": (
            f"Format {FORMAT_VERSION}. Texts are a string or an object of translations "
            'such as {"es-MX": "Hola", "en-US": "Hello"}. See docs/script-format.md.'
        ),
        **schema,
    }
    return schema


def script_schema_text() -> str:
    return json.dumps(script_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    sys.stdout.write(script_schema_text())
