"""Call quality as numbers a supervisor can read: loss, jitter, RTT and an E-model MOS.

`e_model` is the simplified ITU-T G.107 transmission rating for narrowband speech: the default
basic rate R0 - Is = 93.2, the delay impairment Id from the mouth-to-ear delay (the Cole &
Rosenbluth fit of G.107's curve), the effective equipment impairment Ie-eff from the codec's Ie
and packet-loss robustness Bpl (G.113 Appendix I where listed) and the loss, then G.107's R to
MOS-CQE mapping. `CallQuality` is the snapshot kept with a call. Pure functions on plain numbers:
this module must never import pjsua2 nor read a clock.
"""

from __future__ import annotations

from dataclasses import dataclass

# R0 - Is with every G.107 default parameter; A (advantage factor) = 0 for a desk phone.
_DEFAULT_R = 93.2


@dataclass(frozen=True)
class CodecImpairment:
    """A codec's equipment impairment factor Ie and packet-loss robustness factor Bpl."""

    ie: float
    bpl: float
    frame_delay_ms: float  # algorithmic delay (frame + look-ahead) added to the path


# G.711 with packet-loss concealment (pjmedia's PLC is on): G.113 App. I Ie 0, Bpl 25.1.
# G.722 is wideband; on the narrowband scale it is rated like G.711 (G.107.1 would reward it).
# GSM-FR Ie 20 (G.113), Bpl 10; iLBC 15.2k Ie 11, Bpl 32; Speex-NB 15k Ie 11, Bpl 20 and
# G.729A Ie 11, Bpl 19 (G.113) complete the set pjsua2 can negotiate.
CODECS: dict[str, CodecImpairment] = {
    "PCMU": CodecImpairment(0.0, 25.1, 0.125),
    "PCMA": CodecImpairment(0.0, 25.1, 0.125),
    "G722": CodecImpairment(0.0, 25.1, 1.5),
    "GSM": CodecImpairment(20.0, 10.0, 20.0),
    "iLBC": CodecImpairment(11.0, 32.0, 25.0),
    "speex": CodecImpairment(11.0, 20.0, 30.0),
    "G729": CodecImpairment(11.0, 19.0, 15.0),
}
# An unknown codec is judged pessimistically, like GSM-FR.
_UNKNOWN = CodecImpairment(20.0, 10.0, 20.0)


def codec_impairment(codec: str) -> CodecImpairment:
    """Ie/Bpl for a codec name as pjsua2 reports it ("PCMA", "G722", "speex/16000"...)."""
    base = codec.split("/", 1)[0].strip()
    for name, impairment in CODECS.items():
        if base.lower() == name.lower():
            return impairment
    return _UNKNOWN


def delay_impairment(one_way_delay_ms: float) -> float:
    """Id for a mouth-to-ear delay (ms): 0.024 d + 0.11 (d - 177.3) above 177.3 ms."""
    d = max(0.0, one_way_delay_ms)
    return 0.024 * d + (0.11 * (d - 177.3) if d > 177.3 else 0.0)


def effective_equipment_impairment(ie: float, bpl: float, loss_pct: float, burst_r: float) -> float:
    """Ie-eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl)  (G.107 eq. 7-29)."""
    ppl = min(100.0, max(0.0, loss_pct))
    if ppl == 0.0:
        return ie
    return ie + (95.0 - ie) * ppl / (ppl / max(burst_r, 1e-6) + bpl)


def r_to_mos(r: float) -> float:
    """G.107 Annex B: the R factor as an estimated conversational MOS (1.0 .. 4.5)."""
    if r <= 0:
        return 1.0
    if r >= 100:
        return 4.5
    return 1.0 + 0.035 * r + r * (r - 60.0) * (100.0 - r) * 7e-6


def e_model(
    codec: str, loss_pct: float, one_way_delay_ms: float, burst_r: float = 1.0
) -> tuple[float, float]:
    """(R factor, MOS) for a narrowband call with this codec, loss and one-way delay."""
    impairment = codec_impairment(codec)
    r = (
        _DEFAULT_R
        - delay_impairment(one_way_delay_ms + impairment.frame_delay_ms)
        - effective_equipment_impairment(impairment.ie, impairment.bpl, loss_pct, burst_r)
    )
    return r, r_to_mos(r)


@dataclass(frozen=True)
class CallQuality:
    """What RTCP says about one call's audio, and what the E-model makes of it."""

    codec: str
    rx_loss_pct: float  # packets we expected and never got
    tx_loss_pct: float  # what the peer reports losing of ours (RTCP RR), 0 without reports
    rx_jitter_ms: float
    rtt_ms: float | None  # None until an RTCP round trip was measured
    r_factor: float
    mos: float


def assess(
    codec: str,
    rx_loss_pct: float,
    tx_loss_pct: float,
    rx_jitter_ms: float,
    rtt_ms: float | None,
    jitter_buffer_ms: float = 40.0,
) -> CallQuality:
    """Rate a call from its RTCP figures; the worse direction's loss decides, like a listener
    on either end would judge it. Delay = half the RTT + the jitter buffer + one packet."""
    loss = max(rx_loss_pct, tx_loss_pct)
    delay = (rtt_ms or 0.0) / 2 + jitter_buffer_ms + 20.0 + rx_jitter_ms
    r, mos = e_model(codec, loss, delay)
    return CallQuality(
        codec=codec,
        rx_loss_pct=round(rx_loss_pct, 2),
        tx_loss_pct=round(tx_loss_pct, 2),
        rx_jitter_ms=round(rx_jitter_ms, 2),
        rtt_ms=None if rtt_ms is None else round(rtt_ms, 2),
        r_factor=round(r, 1),
        mos=round(mos, 2),
    )
