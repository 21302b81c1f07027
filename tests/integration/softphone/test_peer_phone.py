"""The agent's Phone against a second Phone in a child process: hold heard as silence, TLS
with certificates made here (right CA -> call, wrong CA -> clear failure), and SRTP.

Why a Phone and not baresip here: baresip 1.0's `sndfile` dump stops at the first re-INVITE
(so a held-then-resumed call cannot be checked on its side), and Debian's baresip-core build
has no TLS certificate options we can point at a test CA. The child records every call it
answers; the left channel of its WAV is exactly what the far end heard from us.
"""

from __future__ import annotations

import datetime
import ipaddress
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from softphone import Phone, PhoneConfig
from tests.integration.softphone.peer_phone import PeerPhone, tone_pattern
from tests.integration.softphone.support import AnsweringListener, HeadsetStandIn, pump_until

pytestmark = pytest.mark.sip

AGENT_HZ = 700


def _agent(config: PhoneConfig) -> tuple[Phone, AnsweringListener]:
    listener = AnsweringListener()
    phone = Phone(config, listener)
    listener.phone = phone
    phone.start()
    return phone, listener


def _settled(phone: Phone, call_id: int) -> str:
    def done() -> bool:
        info = phone.call(call_id)
        return info is None or info.state in ("confirmed", "disconnected")

    assert pump_until(phone.pump, done, 10)
    info = phone.call(call_id)
    return "disconnected" if info is None else info.state


def test_held_far_end_hears_silence_then_the_agent_again(
    peers: list[PeerPhone], tmp_path: Path
) -> None:
    peer = PeerPhone(tmp_path, "--tone", "1000")
    peers.append(peer)
    phone, _ = _agent(PhoneConfig(user="ana"))
    headset = HeadsetStandIn(phone, AGENT_HZ).start()
    try:
        call_id = phone.make_call(peer.uri)
        assert _settled(phone, call_id) == "confirmed"
        pump_until(phone.pump, lambda: False, 1.5)
        phone.set_hold(call_id, True)
        assert pump_until(phone.pump, lambda: getattr(phone.call(call_id), "on_hold", 0), 5)
        pump_until(phone.pump, lambda: False, 2.0)
        phone.set_hold(call_id, False)
        assert pump_until(phone.pump, lambda: not getattr(phone.call(call_id), "on_hold", 1), 5)
        pump_until(phone.pump, lambda: False, 1.5)
        phone.hangup(call_id)
        assert pump_until(phone.pump, lambda: not phone.calls(), 10)
    finally:
        headset.stop()
        phone.stop()
    peer.ended()
    peer.finish()
    [wav_path] = list(tmp_path.glob("call*.wav"))
    with wave.open(str(wav_path)) as wav:
        heard = np.frombuffer(wav.readframes(wav.getnframes()), np.int16).reshape(-1, 2)[:, 0]
    pattern = tone_pattern(heard, AGENT_HZ)
    first = pattern.find("TTTTT")
    assert first >= 0, pattern
    silence = pattern.find("S" * 12, first)  # >= 1.2 s of silence while held
    assert silence > 0, pattern
    assert "TTTTT" in pattern[silence:], pattern


@dataclass(frozen=True)
class Pki:
    ca: Path
    other_ca: Path
    peer_cert: Path
    peer_key: Path
    agent_cert: Path
    agent_key: Path


def _pki(directory: Path) -> Pki:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    def issue(
        cn: str, issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None
    ) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
        key = ec.generate_private_key(ec.SECP256R1())
        issuer_name, issuer_key = issuer if issuer else (name(cn), key)
        builder = (
            x509.CertificateBuilder()
            .subject_name(name(cn))
            .issuer_name(issuer_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None), True)
        )
        if issuer is not None:
            san = [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            builder = builder.add_extension(x509.SubjectAlternativeName(san), False)
        return builder.sign(issuer_key, hashes.SHA256()), key

    def save(stem: str, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> Path:
        (directory / f"{stem}.key").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
        )
        path = directory / f"{stem}.pem"
        path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        return path

    ca_cert, ca_key = issue("Acuerdo Test CA", None)
    other_cert, other_key = issue("Somebody Else's CA", None)
    peer_cert, peer_key = issue("127.0.0.1", (ca_cert.subject, ca_key))
    agent_cert, agent_key = issue("agent", (ca_cert.subject, ca_key))
    return Pki(
        ca=save("ca", ca_cert, ca_key),
        other_ca=save("other-ca", other_cert, other_key),
        peer_cert=save("peer", peer_cert, peer_key),
        peer_key=directory / "peer.key",
        agent_cert=save("agent", agent_cert, agent_key),
        agent_key=directory / "agent.key",
    )


def test_tls_call_needs_a_certificate_from_our_ca(peers: list[PeerPhone], tmp_path: Path) -> None:
    pytest.importorskip("cryptography")
    pki = _pki(tmp_path)
    peer = PeerPhone(
        tmp_path, "--transport", "tls", "--cert", str(pki.peer_cert), "--key", str(pki.peer_key)
    )
    peers.append(peer)
    assert peer.uri.endswith(";transport=tls")
    for ca, expected in ((pki.ca, "confirmed"), (pki.other_ca, "disconnected")):
        config = PhoneConfig(
            user="ana",
            transport="tls",
            tls_cert_file=str(pki.agent_cert),
            tls_key_file=str(pki.agent_key),
            tls_ca_file=str(ca),
        )
        phone, listener = _agent(config)
        try:
            call_id = phone.make_call(peer.uri)
            assert _settled(phone, call_id) == expected, listener.changes[-1:]
            if expected == "confirmed":
                phone.hangup(call_id)
            assert pump_until(phone.pump, lambda p=phone: not p.calls(), 10)
            final = listener.last(call_id)
            assert final is not None
            if expected == "disconnected":
                # pjsip's reason names the certificate problem; the agent sees it as is.
                assert final.confirmed_at is None
                assert "certif" in final.reason.lower() or "ssl" in final.reason.lower(), final
        finally:
            phone.stop()
    peer.finish()


def test_mandatory_srtp_refuses_a_plain_peer_and_secures_a_capable_one(
    peers: list[PeerPhone], tmp_path: Path
) -> None:
    plain = PeerPhone(tmp_path / "plain", "--srtp", "off")
    capable = PeerPhone(tmp_path / "capable", "--srtp", "optional")
    peers.extend([plain, capable])
    phone, listener = _agent(PhoneConfig(user="ana", srtp="mandatory"))
    try:
        refused = phone.make_call(plain.uri)
        assert _settled(phone, refused) == "disconnected"
        pump_until(phone.pump, lambda: phone.call(refused) is None, 5)
        final = listener.last(refused)
        assert final is not None and final.sip_status == 488, final
        assert final.confirmed_at is None

        secured = phone.make_call(capable.uri)
        assert _settled(phone, secured) == "confirmed"
        assert pump_until(phone.pump, lambda: getattr(phone.call(secured), "secure_media", 0), 5)
        phone.hangup(secured)
        assert pump_until(phone.pump, lambda: not phone.calls(), 10)
    finally:
        phone.stop()
    plain.finish()
    capable.finish()
