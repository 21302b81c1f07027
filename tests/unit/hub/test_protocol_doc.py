"""docs/protocol.md is generated from the protocol definitions and must match them."""

from __future__ import annotations

from pathlib import Path

from sync.hub.protocol_doc import ERROR_CODES, render
from sync.protocol import ClientMessage, ServerMessage, type_of

DOC = Path(__file__).resolve().parents[3] / "docs" / "protocol.md"


def test_committed_protocol_doc_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/protocol.md is stale: run python -m sync.hub.protocol_doc > docs/protocol.md"
    )


def test_every_message_and_error_code_is_documented() -> None:
    text = render()
    for cls in {*ClientMessage.__args__, *ServerMessage.__args__}:
        assert f"### `{type_of(cls)}` — {cls.__name__}" in text
    codes = [code for code, _ in ERROR_CODES]
    assert len(codes) == len(set(codes))
    for code in ("rate_limited", "too_many_sessions", "version_conflict", "invalid_script"):
        assert f"| `{code}` |" in text
