"""The wire codec: round trips, and a precise error for every kind of bad input."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.protocol import (
    MAX_MESSAGE_BYTES,
    PROTOCOL_VERSION,
    CreatePromise,
    Error,
    Hello,
    Instalment,
    ProtocolError,
    SetAgentState,
    WriteAck,
    decode_client,
    decode_server,
    encode,
    type_of,
)


def test_promise_round_trips_with_instalments() -> None:
    sent = CreatePromise(
        key="k-1",
        handoff_id="h-1",
        debtor_id=7,
        account_id=9,
        amount_cents=150_000,
        currency="MXN",
        due_date=dt.date(2026, 12, 1),
        instalments=[Instalment(amount_cents=75_000, due_date=dt.date(2027, 1, 1))],
        ref="r1",
    )
    received = decode_client(encode(sent))
    assert received == sent
    assert received.v == PROTOCOL_VERSION


def test_every_message_carries_type_and_version_on_the_wire() -> None:
    raw = msgspec.json.decode(encode(WriteAck(key="k", kind="promise", result_id=3)))
    assert raw["type"] == "write.ack"
    assert raw["v"] == PROTOCOL_VERSION
    assert type_of(WriteAck) == "write.ack"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"{not json", "malformed"),
        (b"[1, 2]", "malformed"),
        (b'{"user": "ana"}', "malformed"),
        (b'{"type": "promise.delete", "v": 1}', "unknown_type"),
        (b'{"type": "hello", "v": 99, "user": "ana"}', "unsupported_version"),
        (b'{"type": "hello", "v": 1}', "invalid"),
        (b'{"type": "hello", "v": 1, "user": "ana", "admin": true}', "invalid"),
        (b'{"type": "agent.state", "v": 1, "state": "asleep"}', "invalid"),
        # A server-only message sent by a client is as unknown as a made-up one.
        (b'{"type": "welcome", "v": 1}', "unknown_type"),
    ],
)
def test_bad_input_gets_a_precise_error(raw: bytes, code: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        decode_client(raw)
    assert caught.value.code == code
    assert caught.value.reason


def test_error_keeps_the_request_ref_so_the_sender_can_match_it() -> None:
    with pytest.raises(ProtocolError) as caught:
        decode_client(b'{"type": "agent.state", "v": 1, "ref": "abc", "state": "asleep"}')
    reply = caught.value.to_message()
    assert isinstance(reply, Error)
    assert reply.ref == "abc"
    assert decode_server(encode(reply)) == reply


def test_oversized_message_is_refused_before_parsing() -> None:
    big = b'{"type": "hello", "v": 1, "user": "' + b"a" * MAX_MESSAGE_BYTES + b'"}'
    with pytest.raises(ProtocolError) as caught:
        decode_client(big)
    assert caught.value.code == "too_large"


def test_client_and_server_message_sets_are_separate() -> None:
    with pytest.raises(ProtocolError) as caught:
        decode_server(encode(Hello(user="ana", password="x")))
    assert caught.value.code == "unknown_type"
    assert decode_client(encode(SetAgentState(state="ready"))).state == "ready"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_escape_as_anything_but_protocol_error(data: bytes) -> None:
    try:
        decode_client(data)
    except ProtocolError as exc:
        assert exc.code in {"malformed", "unknown_type", "invalid", "unsupported_version"}


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["hello", "promise.create", "wrapup.submit", "agent.state", "nope", ""]),
    st.dictionaries(st.text(max_size=12), json_values, max_size=6),
)
def test_arbitrary_objects_with_a_type_decode_or_fail_cleanly(kind: str, body: dict) -> None:
    payload = {**body, "type": kind, "v": PROTOCOL_VERSION}
    try:
        message = decode_client(msgspec.json.encode(payload))
    except ProtocolError as exc:
        assert exc.code in {"malformed", "unknown_type", "invalid"}
    else:
        assert type_of(type(message)) == kind


def test_floor_and_workspace_messages_round_trip() -> None:
    from sync.protocol import (
        AgentOrder,
        BoardDelta,
        BoardEntry,
        CallbackItem,
        CallbackList,
        CommandAgent,
        Done,
        KpiData,
        KpiPoint,
        KpiSet,
        PreviewGo,
        QueueMessage,
        RaiseHelp,
        ReportCallStatus,
    )

    at = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
    sent_by_clients = [
        ReportCallStatus(handoff_id="h", mos=4.2, script_node="offer", ref="1"),
        RaiseHelp(message="Ayuda", ref="2"),
        CommandAgent(agent="ana", action="extend_wrapup", seconds=60, ref="3"),
        QueueMessage(key="k", debtor_id=1, channel="sms", contact_point_id=2, text="hola"),
    ]
    for msg in sent_by_clients:
        assert decode_client(encode(msg)) == msg
    kpis = KpiSet(
        scope="agent", since=at, contacts=3, right_party_contacts=2, promises=1,
        promised_cents=100, goal_promises=12, goal_amount_cents=6_000_000, kept_rate_pct=None,
        occupancy_pct=None, avg_handle_s=120.5, avg_wrapup_s=None, abandon_rate_pct=0.0,
        contacts_by_hour=[KpiPoint(at=at, value=3.0)],
    )  # fmt: skip
    sent_by_hub = [
        Done(ref="1"),
        AgentOrder(seq=5, action="message", by="Carmen", text="Bien"),
        PreviewGo(seq=6, handoff_id="h", agent="ana"),
        KpiData(kpis=kpis),
        CallbackList(
            callbacks=[
                CallbackItem(
                    id=1,
                    debtor_id=2,
                    debtor_name="A B",
                    due_at=at,
                    for_agent=None,
                    note="",
                    campaign=None,
                    handoff_id=None,
                )
            ]
        ),
        BoardDelta(
            seq=7,
            entry=BoardEntry(
                agent="ana",
                display_name="Ana",
                state="on_call",
                mos=3.9,
                help_message="x",
                help_at=at,
                team="T",
            ),
        ),
    ]
    for reply in sent_by_hub:
        assert decode_server(encode(reply)) == reply


@pytest.mark.parametrize(
    "raw",
    [
        b'{"type": "help.raise", "v": 1, "message": ""}',
        b'{"type": "agent.command", "v": 1, "agent": "ana", "action": "fire"}',
        b'{"type": "kpi.fetch", "v": 1, "scope": "team"}',
        b'{"type": "preview.decide", "v": 1, "handoff_id": "h", "action": "maybe"}',
        b'{"type": "message.queue", "v": 1, "key": "k", "debtor_id": 1, "channel": "fax",'
        b' "contact_point_id": 1, "text": "x"}',
    ],
)
def test_new_requests_with_bad_fields_are_invalid(raw: bytes) -> None:
    with pytest.raises(ProtocolError) as caught:
        decode_client(raw)
    assert caught.value.code == "invalid"
