"""Limits answered with clear errors, token revocation, and wss with a configured certificate."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from sync.hub.limits import HubLimits, TokenBucket
from sync.hub.server import Hub
from sync.protocol import Error, Heartbeat, Hello, Welcome, encode

from .conftest import Peer, connect_peer, login, url_of


@pytest_asyncio.fixture
async def strict_hub(database_url: str) -> AsyncIterator[Hub]:
    hub = Hub(
        database_url, port=0, limits=HubLimits(messages_per_s=5, burst=10, sessions_per_user=2)
    )
    await hub.start()
    try:
        yield hub
    finally:
        await hub.stop()


@pytest.mark.asyncio
async def test_a_flood_is_rate_limited_and_the_connection_stays(strict_hub: Hub) -> None:
    peer, _ = await connect_peer(strict_hub, "ana")
    async with peer:
        for i in range(40):
            await peer.send(Heartbeat(ref=f"h{i}"))
        answers = [await peer.receive_type(Heartbeat | Error) for _ in range(40)]  # type: ignore[arg-type]
        limited = [a for a in answers if isinstance(a, Error)]
        assert limited and all(a.code == "rate_limited" for a in limited)
        assert sum(isinstance(a, Heartbeat) for a in answers) >= 10  # the burst went through
        # Still usable once the bucket refills (5 tokens a second).
        reply = None
        for attempt in range(50):
            await asyncio.sleep(0.3)
            reply = await peer.request(Heartbeat(ref=f"later{attempt}"))
            if isinstance(reply, Heartbeat):
                break
        assert isinstance(reply, Heartbeat)


@pytest.mark.asyncio
async def test_one_session_too_many_is_refused_and_closed(strict_hub: Hub) -> None:
    first, _ = await connect_peer(strict_hub, "ana")
    second, _ = await connect_peer(strict_hub, "ana")
    async with first, second:
        ws = await connect(url_of(strict_hub))
        await ws.send(encode(Hello(user="ana", password="acuerdo-demo", ref="third")).decode())
        refused = await Peer(ws).receive_type(Error)
        assert refused.code == "too_many_sessions"
        with pytest.raises(ConnectionClosed) as closed:
            await ws.recv()
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4429
        # Another user is not affected.
        other, _ = await connect_peer(strict_hub, "luis")
        await other.ws.close()


@pytest.mark.asyncio
async def test_revoked_tokens_are_refused_and_live_sessions_closed(hub: Hub) -> None:
    ws, welcome = await login(hub, "ana")
    assert await hub.revoke_tokens("ana") >= 1
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await ws.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
    again = Peer(await connect(url_of(hub)))
    async with again:
        refused = await again.request(Hello(user="ana", token=welcome.token, ref="t"))
        assert isinstance(refused, Error) and refused.code == "auth_failed"
    fresh, _ = await login(hub, "ana")  # a password login still works
    await fresh.close()
    assert await hub.revoke_tokens("nobody") == 0


def test_token_bucket_allows_a_burst_then_the_rate() -> None:
    now = [0.0]
    bucket = TokenBucket(rate=2.0, burst=3, clock=lambda: now[0])
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    now[0] += 0.5
    assert bucket.take() is True and bucket.take() is False
    with pytest.raises(ValueError):
        HubLimits(messages_per_s=0)


def self_signed(folder: Path) -> tuple[Path, Path, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "acuerdo-test-hub")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM)
    cert_path, key_path = folder / "hub.crt", folder / "hub.key"
    cert_path.write_bytes(pem)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path, pem


@pytest.mark.asyncio
async def test_wss_with_a_configured_certificate(database_url: str, tmp_path: Path) -> None:
    cert_path, key_path, pem = self_signed(tmp_path)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert_path, key_path)
    hub = Hub(database_url, port=0, ssl_context=server_tls)
    await hub.start()
    try:
        client_tls = ssl.create_default_context(cadata=pem.decode())
        async with connect(f"wss://127.0.0.1:{hub.port}", ssl=client_tls) as ws:
            peer = Peer(ws)
            welcome = await peer.request(Hello(user="ana", password="acuerdo-demo", ref="tls"))
            assert isinstance(welcome, Welcome)
        # A client that does not trust the certificate cannot connect.
        with pytest.raises(ssl.SSLCertVerificationError):
            async with connect(f"wss://127.0.0.1:{hub.port}", ssl=ssl.create_default_context()):
                pass
    finally:
        await hub.stop()
