"""Bytes in, messages out (and back), with one precise error for every bad input.

Sans-I/O: the hub, the desktop client and the dialer all decode and encode
through these functions, so a malformed, oversized, unknown or wrong-version
message is classified the same way everywhere. This module must never touch a
socket or raise anything but ``ProtocolError`` for bad input.
"""

from __future__ import annotations

from typing import Any, Final

import msgspec

from .messages import (
    PROTOCOL_VERSION,
    ClientMessage,
    Error,
    Message,
    ServerMessage,
)

# Larger frames are refused before parsing (the transport enforces it too).
MAX_MESSAGE_BYTES: Final = 256 * 1024

_encoder = msgspec.json.Encoder()
_client_decoder = msgspec.json.Decoder(ClientMessage)
_server_decoder = msgspec.json.Decoder(ServerMessage)
_any_decoder = msgspec.json.Decoder()

_CLIENT_TYPES: Final = frozenset(t.__struct_config__.tag for t in ClientMessage.__args__)
_SERVER_TYPES: Final = frozenset(t.__struct_config__.tag for t in ServerMessage.__args__)


class ProtocolError(Exception):
    """Input that is not a valid message. ``code`` is stable; ``reason`` is for people."""

    def __init__(self, code: str, reason: str, ref: str | None = None) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason
        self.ref = ref

    def to_message(self) -> Error:
        return Error(code=self.code, reason=self.reason, ref=self.ref)


def encode(message: Message) -> bytes:
    return _encoder.encode(message)


def decode_client(data: bytes | str) -> ClientMessage:
    """Decode a message sent by a desktop or dialer to the hub."""
    return _decode(data, _client_decoder, _CLIENT_TYPES)  # type: ignore[no-any-return]


def decode_server(data: bytes | str) -> ServerMessage:
    """Decode a message sent by the hub."""
    return _decode(data, _server_decoder, _SERVER_TYPES)  # type: ignore[no-any-return]


def _decode(data: bytes | str, decoder: msgspec.json.Decoder[Any], known: frozenset[str]) -> Any:
    if len(data) > MAX_MESSAGE_BYTES:
        raise ProtocolError("too_large", f"message exceeds {MAX_MESSAGE_BYTES} bytes")
    try:
        message = decoder.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        # The fast path failed: look again, slowly, only to say precisely why.
        raise _classify(data, known, exc) from None
    if message.v != PROTOCOL_VERSION:
        raise ProtocolError(
            "unsupported_version",
            f"protocol version {message.v} is not supported (this end speaks {PROTOCOL_VERSION})",
            _ref_of(message),
        )
    return message


def _classify(data: bytes | str, known: frozenset[str], exc: Exception) -> ProtocolError:
    try:
        raw = _any_decoder.decode(data)
    except msgspec.DecodeError:
        return ProtocolError("malformed", "message is not valid JSON")
    if not isinstance(raw, dict):
        return ProtocolError("malformed", "message must be a JSON object")
    ref = raw.get("ref") if isinstance(raw.get("ref"), str) else None
    kind = raw.get("type")
    if not isinstance(kind, str):
        return ProtocolError("malformed", "message has no 'type'", ref)
    version = raw.get("v", PROTOCOL_VERSION)
    if version != PROTOCOL_VERSION:
        return ProtocolError(
            "unsupported_version",
            f"protocol version {version!r} is not supported (this end speaks {PROTOCOL_VERSION})",
            ref,
        )
    if kind not in known:
        return ProtocolError("unknown_type", f"unknown message type {kind[:64]!r}", ref)
    return ProtocolError("invalid", f"{kind}: {exc}", ref)


def _ref_of(message: object) -> str | None:
    ref = getattr(message, "ref", None)
    return ref if isinstance(ref, str) else None


def type_of(message_class: type[Message]) -> str:
    """The wire ``type`` of a message class."""
    tag = message_class.__struct_config__.tag
    assert isinstance(tag, str)
    return tag
