"""Login, tokens and bad input against a real hub over real websockets on loopback."""

from __future__ import annotations

import json

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from sync.hub.server import Hub
from sync.protocol import (
    MAX_MESSAGE_BYTES,
    CreateHandoff,
    Error,
    FetchDebtor,
    FetchScript,
    Heartbeat,
    Hello,
    SetAgentState,
    Welcome,
    encode,
)

from .conftest import login, receive, request, url_of


@pytest.mark.asyncio
async def test_password_login_welcomes_with_role_and_token(hub: Hub) -> None:
    ws, welcome = await login(hub, "ana")
    async with ws:
        assert welcome.user == "ana"
        assert welcome.display_name == "Ana López"
        assert welcome.role == "agent"
        assert len(welcome.token) >= 32
        assert welcome.ref == "hello"
        reply = await request(ws, Heartbeat(ref="hb1"))
        assert isinstance(reply, Heartbeat)


@pytest.mark.asyncio
@pytest.mark.parametrize("user,password", [("ana", "wrong"), ("nobody", "acuerdo-demo")])
async def test_failed_login_replies_auth_failed_and_closes_4401(
    hub: Hub, user: str, password: str
) -> None:
    async with connect(url_of(hub)) as ws:
        await ws.send(encode(Hello(user=user, password=password)).decode())
        reply = await receive(ws)
        assert isinstance(reply, Error)
        assert reply.code == "auth_failed"
        with pytest.raises(ConnectionClosed):
            await receive(ws)
        assert ws.close_code == 4401


@pytest.mark.asyncio
async def test_token_login_reuses_the_issued_token(hub: Hub) -> None:
    ws, first = await login(hub, "luis")
    await ws.close()
    async with connect(url_of(hub)) as again:
        await again.send(encode(Hello(user="luis", token=first.token)).decode())
        welcome = await receive(again)
        assert isinstance(welcome, Welcome)
        assert welcome.token == first.token
        assert welcome.token_expires_at == first.token_expires_at
    async with connect(url_of(hub)) as stranger:
        # Someone else's token is not a key to this account.
        await stranger.send(encode(Hello(user="ana", token=first.token)).decode())
        reply = await receive(stranger)
        assert isinstance(reply, Error) and reply.code == "auth_failed"


@pytest.mark.asyncio
async def test_messages_before_hello_are_refused_but_heartbeat_answered(hub: Hub) -> None:
    async with connect(url_of(hub)) as ws:
        reply = await request(ws, FetchDebtor(debtor_id=1, ref="early"))
        assert isinstance(reply, Error) and reply.code == "unauthenticated"
        assert isinstance(await request(ws, Heartbeat(ref="hb")), Heartbeat)


@pytest.mark.asyncio
async def test_bad_frames_get_an_error_and_the_connection_stays_usable(hub: Hub) -> None:
    ws, _ = await login(hub, "ana")
    async with ws:
        cases = [
            ("{not json", "malformed"),
            (json.dumps({"type": "no.such.thing", "v": 1, "ref": "u"}), "unknown_type"),
            (json.dumps({"type": "heartbeat", "v": 99, "ref": "w"}), "unsupported_version"),
            (json.dumps({"type": "debtor.fetch", "v": 1, "debtor_id": "x"}), "invalid"),
            ("x" * (MAX_MESSAGE_BYTES + 1000), "too_large"),
        ]
        for frame, code in cases:
            await ws.send(frame)
            reply = await receive(ws)
            assert isinstance(reply, Error), frame[:40]
            assert reply.code == code
            assert isinstance(await request(ws, Heartbeat(ref=f"after-{code}")), Heartbeat)
        # The request's ref comes back so a client can match the error to its request.
        await ws.send(json.dumps({"type": "nope", "v": 1, "ref": "r9"}))
        unknown = await receive(ws)
        assert isinstance(unknown, Error) and unknown.ref == "r9"


@pytest.mark.asyncio
async def test_role_checks_refuse_messages_the_role_may_not_send(hub: Hub) -> None:
    ws, _ = await login(hub, "ana")
    async with ws:
        reply = await request(ws, CreateHandoff(agent="ana", campaign="temprana", ref="h1"))
        assert isinstance(reply, Error) and reply.code == "forbidden"
        assert isinstance(await request(ws, Heartbeat(ref="hb")), Heartbeat)
    dialer, _ = await login(hub, "dialer")
    async with dialer:
        reply = await request(dialer, SetAgentState(state="ready", ref="s1"))
        assert isinstance(reply, Error) and reply.code == "forbidden"
        reply = await request(dialer, FetchDebtor(debtor_id=1, ref="f1"))
        assert isinstance(reply, Error) and reply.code == "forbidden"


@pytest.mark.asyncio
async def test_second_hello_on_a_session_is_refused(hub: Hub) -> None:
    ws, _ = await login(hub, "ana")
    async with ws:
        reply = await request(ws, Hello(user="ana", password="acuerdo-demo", ref="again"))
        assert isinstance(reply, Error) and reply.code == "already_authenticated"


@pytest.mark.asyncio
@pytest.mark.expect_log_errors
async def test_a_bug_in_a_handler_answers_internal_and_keeps_the_connection(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("simulated defect")

    monkeypatch.setattr("sync.hub.records.published_script", broken)
    ws, _ = await login(hub, "ana")
    async with ws:
        reply = await request(ws, FetchScript(script_id="early-stage-mx", ref="s"))
        assert isinstance(reply, Error) and reply.code == "internal"
        assert isinstance(await request(ws, Heartbeat(ref="hb")), Heartbeat)
