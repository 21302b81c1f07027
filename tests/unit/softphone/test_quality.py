"""The E-model (ITU-T G.107, simplified) against known points and its monotonic behaviour."""

from __future__ import annotations

import pytest

from softphone.quality import (
    assess,
    codec_impairment,
    delay_impairment,
    e_model,
    effective_equipment_impairment,
    r_to_mos,
)


def test_default_r_of_g107_maps_to_mos_4_41() -> None:
    # G.107's default parameter set gives R = 93.2, the well-known MOS 4.41.
    assert r_to_mos(93.2) == pytest.approx(4.41, abs=0.005)


@pytest.mark.parametrize(
    ("r", "mos"), [(-5, 1.0), (0, 1.0), (50, 2.58), (70, 3.60), (80, 4.02), (100, 4.5), (120, 4.5)]
)
def test_r_to_mos_known_points(r: float, mos: float) -> None:
    assert r_to_mos(r) == pytest.approx(mos, abs=0.01)


def test_delay_impairment_has_its_knee_at_177_ms() -> None:
    assert delay_impairment(0) == 0
    assert delay_impairment(100) == pytest.approx(2.4)
    assert delay_impairment(177.3) == pytest.approx(4.2552)
    assert delay_impairment(300) == pytest.approx(0.024 * 300 + 0.11 * (300 - 177.3))
    assert delay_impairment(-10) == 0


def test_loss_raises_the_equipment_impairment_per_g107() -> None:
    assert effective_equipment_impairment(0, 25.1, 0, 1) == 0
    # G.711 with PLC at 2 % random loss: 95 * 2 / (2 + 25.1) = 7.01
    assert effective_equipment_impairment(0, 25.1, 2, 1) == pytest.approx(7.011, abs=0.01)
    assert effective_equipment_impairment(0, 25.1, 100, 1) < 95


def test_g711_clean_call_is_excellent_and_loss_and_delay_make_it_worse() -> None:
    r, mos = e_model("PCMA", 0, 0)
    assert r == pytest.approx(93.2, abs=0.01) and mos == pytest.approx(4.41, abs=0.01)
    _, lossy = e_model("PCMA", 5, 0)
    _, late = e_model("PCMA", 0, 400)
    assert lossy < mos and late < mos
    _, gsm = e_model("GSM", 0, 0)
    assert gsm < mos  # Ie 20


def test_codec_names_from_pjsua_are_recognised() -> None:
    assert codec_impairment("PCMU") == codec_impairment("pcmu")
    assert codec_impairment("speex/16000").ie == 11
    assert codec_impairment("opus-unknown").ie == 20  # unknown: judged like GSM-FR


def test_assess_uses_the_worse_direction_and_rounds() -> None:
    quality = assess("PCMA", rx_loss_pct=0.0, tx_loss_pct=3.0, rx_jitter_ms=2.0, rtt_ms=None)
    worse = assess("PCMA", rx_loss_pct=3.0, tx_loss_pct=0.0, rx_jitter_ms=2.0, rtt_ms=None)
    assert quality.mos == worse.mos < 4.41
    assert quality.rtt_ms is None and quality.codec == "PCMA"
