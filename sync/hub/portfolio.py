"""Generates the demo collections portfolio: Mexican debtors, accounts and contact history.

Pure and deterministic: given a ``random.Random`` and a reference time it
returns plain row dictionaries ready for bulk inserts, with ids assigned by the
caller's counters. The texts are the respectful Spanish a real contact centre
sends. This module must never touch a database, read the clock itself, or log
anything about the people it invents.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .portfolio_texts import (
    BLASTER_MESSAGES,
    CALL_OUTCOMES,
    EMAIL_SUBJECTS,
    MESSENGER_TEXTS,
    NOTE_TEXTS,
    PAYMENT_METHODS,
    SMS_TEXTS,
    WHATSAPP_TEXTS,
)

# fmt: off
FIRST_NAMES_F = (
    "María Fernanda", "Guadalupe", "Ana Sofía", "Ximena", "Valeria", "Daniela", "Alejandra",
    "Mariana", "Gabriela", "Verónica", "Claudia", "Patricia", "Rosa María", "Itzel", "Karla",
    "Leticia", "Adriana", "Lucía", "Norma", "Brenda", "Yolanda", "Regina", "Camila", "Paola",
)
FIRST_NAMES_M = (
    "José Luis", "Juan Carlos", "Miguel Ángel", "Luis Fernando", "Jesús", "Francisco",
    "Alejandro", "Eduardo", "Ricardo", "Roberto", "Jorge", "Héctor", "Sergio", "Arturo",
    "Fernando", "Emiliano", "Santiago", "Diego", "Rodrigo", "Raúl", "Óscar", "Martín", "Iván",
)
SURNAMES = (
    "González", "Hernández", "García", "Martínez", "López", "Rodríguez", "Pérez", "Sánchez",
    "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres",
    "Díaz", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero",
    "Álvarez", "Méndez", "Chávez", "Rivera", "Juárez", "Ramos", "Domínguez", "Herrera",
    "Medina", "Castro", "Vargas", "Guzmán", "Velázquez", "Rojas", "Contreras", "Salazar",
)
# fmt: on
# (state, IANA zone, area codes): weights roughly follow population.
REGIONS: tuple[tuple[str, str, tuple[str, ...], int], ...] = (
    ("Ciudad de México", "America/Mexico_City", ("55",), 18),
    ("Estado de México", "America/Mexico_City", ("55", "722"), 16),
    ("Jalisco", "America/Mexico_City", ("33",), 9),
    ("Nuevo León", "America/Monterrey", ("81",), 8),
    ("Puebla", "America/Mexico_City", ("222",), 6),
    ("Guanajuato", "America/Mexico_City", ("477", "473"), 5),
    ("Veracruz", "America/Mexico_City", ("229", "228"), 6),
    ("Baja California", "America/Tijuana", ("664", "686"), 4),
    ("Coahuila", "America/Monterrey", ("844", "871"), 3),
    ("Tamaulipas", "America/Monterrey", ("899", "833"), 3),
    ("Sonora", "America/Hermosillo", ("662",), 3),
    ("Quintana Roo", "America/Cancun", ("998",), 2),
    ("Yucatán", "America/Mexico_City", ("999",), 2),
    ("Querétaro", "America/Mexico_City", ("442",), 2),
    ("Michoacán", "America/Mexico_City", ("443",), 4),
    ("Oaxaca", "America/Mexico_City", ("951",), 3),
)
EMAIL_DOMAINS = ("gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx", "live.com.mx")
# product: (balance range in pesos, minimum payment share of balance)
PRODUCTS: dict[str, tuple[tuple[int, int], float]] = {
    "credit_card": ((3_000, 120_000), 0.05),
    "personal_loan": ((10_000, 250_000), 0.08),
    "telecom": ((600, 9_000), 0.30),
    "retail_credit": ((1_500, 35_000), 0.12),
}
CHANNEL_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("call", 34), ("sms", 15), ("whatsapp", 12), ("email", 9), ("messenger", 4),
    ("blaster", 9), ("payment", 5), ("promise", 6), ("note", 6),
)  # fmt: skip
# Why a debtor is not to be called (shown to agents and supervisors).
DNC_REASONS = (
    "Solicitud del titular (REDECO)",
    "Queja ante CONDUSEF en trámite",
    "El titular tiene representación legal",
)
# The demo centre's recording server (``.invalid``: never resolves, never leaks a lookup).
RECORDINGS_URL = "https://recordings.example.invalid"
# Calls where someone answered are recorded; no answer, busy and the like leave nothing.
CONNECTED_OUTCOMES = frozenset(d for d, _, talks in CALL_OUTCOMES if talks) | {"voicemail"}
DEMO_AGENTS = ("ana", "luis", "sofia", "diego", "maria", "jorge", "valeria", "fernando")


def segment_for(days_past_due: int) -> str:
    if days_past_due <= 30:
        return "temprana"
    if days_past_due <= 90:
        return "media"
    return "tardia"


def ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


@dataclass
class IdCounters:
    """Next id per table, so children can reference parents without a round trip."""

    debtor: int = 1
    contact: int = 1
    account: int = 1
    event: int = 1

    def take(self, name: str) -> int:
        value: int = getattr(self, name)
        setattr(self, name, value + 1)
        return value


@dataclass
class PortfolioRows:
    debtors: list[dict[str, Any]] = field(default_factory=list)
    contact_points: list[dict[str, Any]] = field(default_factory=list)
    accounts: list[dict[str, Any]] = field(default_factory=list)
    history_events: list[dict[str, Any]] = field(default_factory=list)


def history_size(rng: random.Random) -> int:
    """5-500 events, heavily skewed: most debtors 5-80, a few in the hundreds."""
    roll = rng.random()
    if roll < 0.88:
        return 5 + int(75 * rng.random() ** 1.6)
    if roll < 0.98:
        return rng.randint(81, 200)
    return rng.randint(201, 500)


def phone_number(rng: random.Random, area_codes: tuple[str, ...]) -> str:
    area = rng.choice(area_codes)
    digits = "".join(str(rng.randint(0, 9)) for _ in range(10 - len(area)))
    if len(area) == 2:
        return f"+52 {area} {digits[:4]} {digits[4:]}"
    return f"+52 {area} {digits[:3]} {digits[3:]}"


def generate(rng: random.Random, count: int, now: dt.datetime, ids: IdCounters) -> PortfolioRows:
    rows = PortfolioRows()
    region_weights = [r[3] for r in REGIONS]
    for _ in range(count):
        debtor_id = ids.take("debtor")
        female = rng.random() < 0.52
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        paternal, maternal = rng.sample(SURNAMES, 2)
        region, zone, area_codes, _ = rng.choices(REGIONS, weights=region_weights)[0]
        contacts = list(_contact_points(rng, debtor_id, first, paternal, maternal, area_codes))
        for position, contact in enumerate(contacts):
            contact["id"] = ids.take("contact")
            # Never the first point, so every debtor keeps one they may be reached on.
            contact["do_not_call"] = position > 0 and _marked(contact["id"], 13, 4)
        accounts = [_account(rng, debtor_id, ids.take("account")) for _ in range(_n_accounts(rng))]
        events = list(_history(rng, debtor_id, first, accounts, now))
        events.sort(key=lambda e: e["occurred_at"])
        for event in events:
            event["id"] = ids.take("event")
            _add_recording(event)
        broken = sum(1 for e in events if e["detail"].get("outcome") == "broken")
        payments = [e["occurred_at"].date() for e in events if e["channel"] == "payment"]
        rows.debtors.append(
            {
                "id": debtor_id,
                "first_name": first,
                "last_name": f"{paternal} {maternal}",
                "region": region,
                "timezone": zone,
                "broken_promises": broken,
                "last_payment_on": max(payments) if payments else None,
                "do_not_call": _marked(debtor_id, 19, 3),
                "do_not_call_reason": (
                    DNC_REASONS[debtor_id % len(DNC_REASONS)] if _marked(debtor_id, 19, 3) else ""
                ),
            }
        )
        rows.contact_points.extend(contacts)
        rows.accounts.extend(accounts)
        rows.history_events.extend(events)
    return rows


def _add_recording(event: dict[str, Any]) -> None:
    """A connected call's recording on the centre's recording server, named by the event id
    only (no phone, name or account in the address). Added after the ids are assigned and
    without the random stream, so the rest of a seeded portfolio stays what it was."""
    detail = event["detail"]
    if event["channel"] == "call" and detail.get("disposition") in CONNECTED_OUTCOMES:
        detail["recording"] = f"{RECORDINGS_URL}/{event['id']}.wav"


def _marked(row_id: int, factor: int, per_cent: int) -> bool:
    """About ``per_cent`` % of ids, spread evenly, without touching the random stream
    (so the rest of a seeded portfolio stays what it was)."""
    return row_id * factor % 100 < per_cent


def _n_accounts(rng: random.Random) -> int:
    return rng.choices((1, 2, 3), weights=(60, 30, 10))[0]


def _contact_points(
    rng: random.Random,
    debtor_id: int,
    first: str,
    paternal: str,
    maternal: str,
    areas: tuple[str, ...],
) -> Iterator[dict[str, Any]]:
    mobile = phone_number(rng, areas)
    yield _contact(debtor_id, "phone", mobile, "celular")
    if rng.random() < 0.35:
        yield _contact(debtor_id, "phone", phone_number(rng, areas), "casa", rng.random() > 0.2)
    given = ascii_slug(first.split()[0])
    user = f"{given}.{ascii_slug(paternal)}{rng.randint(1, 99)}"
    yield _contact(debtor_id, "email", f"{user}@{rng.choice(EMAIL_DOMAINS)}", "personal")
    if rng.random() < 0.8:
        whatsapp = mobile if rng.random() < 0.85 else phone_number(rng, areas)
        yield _contact(debtor_id, "whatsapp", whatsapp, "WhatsApp")
    if rng.random() < 0.45:
        handle = f"{given}.{ascii_slug(paternal)}.{ascii_slug(maternal)}"
        yield _contact(debtor_id, "messenger", handle, "Messenger")


def _contact(
    debtor_id: int, kind: str, value: str, label: str, valid: bool = True
) -> dict[str, Any]:
    return {"debtor_id": debtor_id, "kind": kind, "value": value, "valid": valid, "label": label}


def _account(rng: random.Random, debtor_id: int, account_id: int) -> dict[str, Any]:
    product = rng.choice(tuple(PRODUCTS))
    (low, high), minimum_share = PRODUCTS[product]
    balance = rng.randint(low * 100, high * 100)
    roll = rng.random()
    if roll < 0.55:
        days = rng.randint(1, 30)
    elif roll < 0.85:
        days = rng.randint(31, 120)
    else:
        days = rng.randint(121, 360)
    status = rng.choices(("open", "paid", "reassigned"), weights=(92, 5, 3))[0]
    return {
        "id": account_id,
        "debtor_id": debtor_id,
        "product": product,
        "number_masked": f"**** {rng.randint(0, 9999):04d}",
        "balance_cents": balance,
        "currency": "MXN",
        "days_past_due": days,
        "minimum_payment_cents": max(10_000, int(balance * minimum_share) // 100 * 100),
        "segment": segment_for(days),
        "status": status,
    }


def _history(
    rng: random.Random,
    debtor_id: int,
    first: str,
    accounts: list[dict[str, Any]],
    now: dt.datetime,
) -> Iterator[dict[str, Any]]:
    channels = [c for c, _ in CHANNEL_WEIGHTS]
    weights = [w for _, w in CHANNEL_WEIGHTS]
    size = history_size(rng)
    # Heavier histories span longer: up to a year back.
    span_days = min(365, 20 + size * 3)
    for _ in range(size):
        channel = rng.choices(channels, weights=weights)[0]
        seconds_back = rng.randint(600, span_days * 86_400)
        occurred_at = now - dt.timedelta(seconds=seconds_back)
        account = rng.choice(accounts)
        direction, summary, detail = _event(rng, channel, first, account, occurred_at, now)
        yield {
            "debtor_id": debtor_id,
            "channel": channel,
            "occurred_at": occurred_at,
            "direction": direction,
            "account_id": account["id"],
            "summary": summary,
            "detail": detail,
        }


def _event(
    rng: random.Random,
    channel: str,
    first: str,
    account: dict[str, Any],
    occurred_at: dt.datetime,
    now: dt.datetime,
) -> tuple[str | None, str, dict[str, Any]]:
    given = first.split()[0]
    minimum = account["minimum_payment_cents"]
    if channel == "call":
        disposition, summary, talks = rng.choice(CALL_OUTCOMES)
        duration = rng.randint(45, 900) if talks else rng.randint(0, 40)
        direction = "in" if rng.random() < 0.12 else "out"
        detail = {
            "disposition": disposition,
            "duration_s": duration,
            "agent": rng.choice(DEMO_AGENTS),
        }
        return direction, summary, detail
    if channel in ("sms", "whatsapp"):
        text = rng.choice(SMS_TEXTS if channel == "sms" else WHATSAPP_TEXTS).format(name=given)
        delivered = rng.random() < 0.93
        read = delivered and channel == "whatsapp" and rng.random() < 0.7
        return "out", text, {"text": text, "delivered": delivered, "read": read}
    if channel == "email":
        subject = rng.choice(EMAIL_SUBJECTS)
        return "out", subject, {"subject": subject, "opened": rng.random() < 0.4}
    if channel == "messenger":
        direction, text = rng.choice(MESSENGER_TEXTS)
        return direction, text, {"text": text}
    if channel == "blaster":
        message, digit, meaning = rng.choice(BLASTER_MESSAGES)
        return (
            "out",
            f"Mensaje automático; marcó {digit}: {meaning}",
            {
                "message": message,
                "digit": digit,
            },
        )
    if channel == "payment":
        amount = max(10_000, int(minimum * rng.uniform(0.5, 2.0)) // 100 * 100)
        method = rng.choice(PAYMENT_METHODS)
        return "in", f"Pago recibido vía {method}", {"amount_cents": amount, "method": method}
    if channel == "promise":
        amount = max(10_000, int(minimum * rng.uniform(0.8, 1.5)) // 100 * 100)
        due = occurred_at.date() + dt.timedelta(days=rng.randint(2, 15))
        # Only promises still running are pending; the rest were kept or broken.
        outcome = "pending" if due >= now.date() else rng.choice(("kept", "kept", "broken"))
        summary = {
            "kept": "Promesa de pago cumplida",
            "broken": "Promesa de pago no cumplida",
            "pending": "Promesa de pago vigente",
        }[outcome]
        return (
            None,
            summary,
            # The agent who took it, derived without the random stream so every
            # other generated value stays as it was before agents were recorded.
            {
                "amount_cents": amount,
                "due_date": due.isoformat(),
                "outcome": outcome,
                "agent": DEMO_AGENTS[amount // 100 % len(DEMO_AGENTS)],
            },
        )
    text = rng.choice(NOTE_TEXTS)
    return None, text, {"text": text, "agent": rng.choice(DEMO_AGENTS)}
