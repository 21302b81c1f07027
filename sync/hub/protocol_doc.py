"""Generates ``docs/protocol.md`` from the protocol's message definitions.

Every message's wire type, direction, allowed roles and fields (with JSON
types from ``msgspec.json.schema``) come from ``sync.protocol`` itself, so the
document cannot drift from the code; the error codes and their meanings are
the hub's, listed here by hand. Run ``python -m sync.hub.protocol_doc > docs/protocol.md``;
a test checks the committed file equals the output. This module must never
import the server or touch a database.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import msgspec

from sync.protocol import (
    ALLOWED_ROLES,
    PROTOCOL_VERSION,
    ClientMessage,
    Message,
    ServerMessage,
    type_of,
)

ERROR_CODES: tuple[tuple[str, str], ...] = (
    ("malformed", "The frame is not a JSON object with a `type`."),
    ("unknown_type", "The `type` is not a message this end accepts."),
    ("invalid", "A field is missing, of the wrong type, or out of range."),
    ("unsupported_version", f"`v` is not {PROTOCOL_VERSION}."),
    ("too_large", "The frame exceeds 256 KiB; larger than 1 MiB closes the connection (1009)."),
    ("unauthenticated", "A message other than `hello`/`heartbeat` before logging in."),
    ("auth_failed", "Wrong password, or an unknown, expired or revoked token; closes with 4401."),
    ("already_authenticated", "A second `hello` on a logged-in connection."),
    ("hello_timeout", "No `hello` within 30 s of connecting; closes with 4408."),
    ("too_many_sessions", "The user already holds the allowed live sessions; closes with 4429."),
    ("rate_limited", "The connection sends faster than its rate; the message was dropped."),
    ("forbidden", "The sender's role may not send this, or the debtor was not handed to them."),
    ("unsupported", "A valid message the hub does not handle."),
    ("internal", "The hub failed on its side; the request may be retried."),
    ("unknown_agent", "`handoff.create` or `agent.command` names no agent."),
    ("agent_not_ready", "The agent is not ready (or already claimed by another handoff)."),
    ("no_debtors", "The campaign has no debtor left to call."),
    ("no_script", "No script is published."),
    ("unknown_debtor", "No such debtor."),
    ("unknown_handoff", "No such handoff (for this agent)."),
    ("unknown_script", "No such script or version."),
    ("invalid_script", "The published document fails the scripts engine's validation."),
    ("version_conflict", "The script was published meanwhile; reload and publish again."),
    ("not_on_call", "`monitor.request`: the agent has no call in progress."),
    ("bad_request", "`agent.command`: seconds (1-1800) or text (1-200 characters) out of range."),
    ("handoff_over", "`preview.decide`: the handoff already ended."),
    ("do_not_call", "`handoff.create`: the debtor asked not to be called."),
)

WRITE_REJECT_CODES: tuple[tuple[str, str], ...] = (
    ("invalid_key", "The idempotency key is empty or longer than 100 characters."),
    ("key_conflict", "The key was already used for a different write."),
    ("unknown_debtor", "No such debtor."),
    ("unknown_handoff", "The handoff is not this agent's for this debtor."),
    ("not_assigned", "The debtor was never handed to this agent."),
    ("unknown_account", "The account does not belong to the debtor."),
    ("account_not_open", "The account was paid, reassigned or closed meanwhile."),
    ("invalid_amount", "The amount is not greater than zero."),
    ("currency_mismatch", "The currency differs from the account's."),
    ("due_date_past", "The due date is before today in the debtor's timezone."),
    ("invalid_instalment", "An instalment has a non-positive amount or a past date."),
    ("invalid_disposition", "The disposition is empty or longer than 64 characters."),
    ("invalid_script_path", "The script path has more than 500 steps."),
    ("unknown_callback", "`callback_id` names no callback of this debtor."),
    ("unknown_contact_point", "The contact point is not the debtor's."),
    ("wrong_contact_kind", "`message.queue`: the contact point cannot receive that channel."),
    ("invalid_contact_point", "`message.queue`: the contact point is marked not valid."),
    ("do_not_call", "The contact point is marked do-not-call (messages, re-validation)."),
    ("invalid_text", "`message.queue`: the text is empty or longer than 4,000 characters."),
)


def _type_name(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in schema:
        return "`" + str(schema["$ref"]).rsplit("/", 1)[-1] + "`"
    if "anyOf" in schema:
        return " \\| ".join(_type_name(s, defs) for s in schema["anyOf"])
    if "enum" in schema:
        return " \\| ".join(f'`"{v}"`' for v in schema["enum"])
    if "const" in schema:
        return f'`"{schema["const"]}"`'
    kind = schema.get("type")
    if kind == "array":
        return f"list of {_type_name(schema.get('items', {}), defs)}"
    if kind == "object":
        extra = schema.get("additionalProperties")
        return f"object of {_type_name(extra, defs)}" if isinstance(extra, dict) else "object"
    fmt = schema.get("format")
    if fmt:
        return f"{kind} ({fmt})"
    return str(kind or "any JSON")


def _fields(name: str, defs: dict[str, Any]) -> list[str]:
    schema = defs[name]
    required = set(schema.get("required", []))
    lines = ["| field | type | required |", "|---|---|---|"]
    for field, spec in schema.get("properties", {}).items():
        if field in ("type", "v"):
            continue
        default = f" (default `{json.dumps(spec['default'])}`)" if "default" in spec else ""
        lines.append(
            f"| `{field}` | {_type_name(spec, defs)}{default} | "
            f"{'yes' if field in required else 'no'} |"
        )
    return lines


def _section(
    title: str, messages: list[type[Message]], direction: str, defs: dict[str, Any]
) -> list[str]:
    lines = [f"## {title}", ""]
    for cls in messages:
        lines.append(f"### `{type_of(cls)}` — {cls.__name__}")
        lines.append("")
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        if doc and not doc.startswith(cls.__name__ + "("):
            lines += [doc, ""]
        roles = ALLOWED_ROLES.get(cls)
        who = ", ".join(sorted(roles)) if roles else "hub"
        lines += [f"Direction: {direction}. Sent by: {who}.", ""]
        lines += [*_fields(cls.__name__, defs), ""]
    return lines


def _any_value(kind: type) -> dict[str, Any]:
    if kind is object:
        return {"title": "any"}
    raise NotImplementedError(kind)


def render() -> str:
    client = list(ClientMessage.__args__)
    server = [m for m in ServerMessage.__args__ if m not in client]
    both = [m for m in ServerMessage.__args__ if m in client]
    # ``object`` (a script document's values) is any JSON value.
    _, defs = msgspec.json.schema_components([*client, *server], schema_hook=_any_value)
    records = sorted(n for n in defs if n not in {c.__name__ for c in [*client, *server]})
    lines = [
        "# Acuerdo wire protocol",
        "",
        "<!-- Generated by `python -m sync.hub.protocol_doc`; do not edit by hand. -->",
        "",
        f"Protocol version {PROTOCOL_VERSION}. Every frame is one JSON text message with a "
        "`type` and a version `v`; `ref` (optional) is echoed in the reply so a client can "
        "match replies to requests. Stream events (those with `seq`) are numbered per user, "
        "one more each time; a reconnecting client sends the last `seq` it saw in `hello` "
        "and the hub replays everything after it.",
        "",
    ]
    lines += _section("Client to hub", [m for m in client if m not in both], "client → hub", defs)
    lines += _section("Both directions", both, "client → hub and hub → client (reply)", defs)
    lines += _section("Hub to client", server, "hub → client", defs)
    lines += ["## Records", ""]
    for name in records:
        lines += [f"### {name}", "", *_fields(name, defs), ""]
    lines += ["## Error codes (`error`)", "", "| code | meaning |", "|---|---|"]
    lines += [f"| `{code}` | {meaning} |" for code, meaning in ERROR_CODES]
    lines += [
        "",
        "## Write rejection codes (`write.reject`)",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    lines += [f"| `{code}` | {meaning} |" for code, meaning in WRITE_REJECT_CODES]
    lines += [
        "",
        "Close codes: 4401 authentication failed or token revoked, 4408 no hello in time, "
        "4429 too many sessions, 1008 the client stopped reading, 1009 frame far too large.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(render())
