"""Transport, TLS, SRTP, STUN and ICE settings map onto pjsua2's config structs."""

from __future__ import annotations

from pathlib import Path

import pjsua2 as pj
import pytest

from softphone.model import PhoneConfig
from softphone.network import NetworkPlan, apply_account, apply_endpoint, apply_transport


def test_defaults_are_plain_udp_without_nat_helpers() -> None:
    plan = NetworkPlan()
    acfg = pj.AccountConfig()
    apply_account(acfg, plan)
    assert plan.kind == pj.PJSIP_TRANSPORT_UDP and plan.uri_suffix == ""
    assert acfg.mediaConfig.srtpUse == pj.PJMEDIA_SRTP_DISABLED
    assert acfg.natConfig.sipStunUse == pj.PJSUA_STUN_USE_DISABLED
    assert not acfg.natConfig.iceEnabled


def test_stun_ice_and_mandatory_srtp(tmp_path: Path) -> None:
    plan = NetworkPlan(srtp="mandatory", stun_servers=("stun.example.com:3478",), ice=True)
    acfg, cfg = pj.AccountConfig(), pj.EpConfig()
    apply_account(acfg, plan)
    apply_endpoint(cfg, plan)
    assert acfg.mediaConfig.srtpUse == pj.PJMEDIA_SRTP_MANDATORY
    assert acfg.natConfig.mediaStunUse == pj.PJSUA_STUN_USE_DEFAULT
    assert acfg.natConfig.iceEnabled
    assert list(cfg.uaConfig.stunServer) == ["stun.example.com:3478"]


def test_tls_files_go_to_the_transport(tmp_path: Path) -> None:
    for name in ("c.pem", "k.pem", "ca.pem"):
        (tmp_path / name).write_text("x")
    plan = NetworkPlan(
        transport="tls",
        tls_cert_file=str(tmp_path / "c.pem"),
        tls_key_file=str(tmp_path / "k.pem"),
        tls_ca_file=str(tmp_path / "ca.pem"),
    )
    tcfg = pj.TransportConfig()
    apply_transport(tcfg, plan)
    assert plan.kind == pj.PJSIP_TRANSPORT_TLS and plan.uri_suffix == ";transport=tls"
    assert tcfg.tlsConfig.CaListFile.endswith("ca.pem") and tcfg.tlsConfig.verifyServer


def test_bad_settings_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        NetworkPlan(transport="tls", tls_cert_file=str(tmp_path / "missing.pem"))
    with pytest.raises(ValueError, match="STUN"):
        NetworkPlan(stun_servers=("stun://x y",))
    with pytest.raises(ValueError):
        NetworkPlan(srtp="sometimes")
    with pytest.raises(ValueError, match="tls_cert_file"):
        PhoneConfig(transport="tls")
    with pytest.raises(ValueError, match="srtp"):
        PhoneConfig(srtp="always")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_calls"):
        PhoneConfig(max_calls=0)
    with pytest.raises(ValueError, match="tuples"):
        PhoneConfig(trusted_sources="10.0.0.1")  # type: ignore[arg-type]
