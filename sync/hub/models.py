"""The hub's tables as typed SQLAlchemy 2 ORM classes: the single schema definition.

These classes describe rows; the Alembic migrations in ``sync/hub/migrations``
create them (never ``metadata.create_all``), and the repositories turn rows into
the protocol's plain structs before anything leaves the store. This module must
never open a connection, hold business rules, or be handed to callers as live
objects outside a session.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a real bigint.
BigId = BigInteger().with_variant(Integer(), "sqlite")
# Timestamps are stored in UTC; SQLite drops the zone, the repositories add it back.
UtcDateTime = DateTime(timezone=True)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    team: Mapped[str] = mapped_column(String(64), default="")


class Debtor(Base):
    __tablename__ = "debtors"
    __table_args__ = (Index("uq_debtors_external_ref", "external_ref", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    region: Mapped[str] = mapped_column(String(64))
    timezone: Mapped[str] = mapped_column(String(64))
    broken_promises: Mapped[int] = mapped_column(Integer, default=0)
    last_payment_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # The company's own reference, set by a portfolio import (unique when present).
    external_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # When the dialer last reached this debtor; claimed atomically so two hub
    # processes never hand off the same debtor at once.
    last_handoff_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # The debtor asked not to be called: the dialer skips them.
    do_not_call: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    do_not_call_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")


class ContactPoint(Base):
    __tablename__ = "contact_points"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    debtor_id: Mapped[int] = mapped_column(ForeignKey("debtors.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(200))
    valid: Mapped[bool] = mapped_column(Boolean, default=True)
    label: Mapped[str] = mapped_column(String(64), default="")
    do_not_call: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    debtor_id: Mapped[int] = mapped_column(ForeignKey("debtors.id"), index=True)
    product: Mapped[str] = mapped_column(String(32))
    number_masked: Mapped[str] = mapped_column(String(32))
    balance_cents: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    days_past_due: Mapped[int] = mapped_column(Integer)
    minimum_payment_cents: Mapped[int] = mapped_column(BigInteger)
    segment: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")


class HistoryEventRow(Base):
    __tablename__ = "history_events"
    # Newest-first paging walks (debtor_id, id) backwards from a cursor.
    __table_args__ = (Index("ix_history_debtor_id_id", "debtor_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    debtor_id: Mapped[int] = mapped_column(ForeignKey("debtors.id"))
    channel: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    direction: Mapped[str | None] = mapped_column(String(3), nullable=True)
    account_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ScriptRow(Base):
    __tablename__ = "scripts"
    __table_args__ = (UniqueConstraint("script_id", "version", name="uq_scripts_id_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    script_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class HandoffRow(Base):
    __tablename__ = "handoffs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    debtor_id: Mapped[int] = mapped_column(ForeignKey("debtors.id"), index=True)
    campaign: Mapped[str] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(16))
    script_id: Mapped[str] = mapped_column(String(100))
    script_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(16))
    # The dialer's (or the agent's "skipped") reason when the handoff ended.
    end_reason: Mapped[str | None] = mapped_column(String(64), nullable=True)


class PromiseRow(Base):
    __tablename__ = "promises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    handoff_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    debtor_id: Mapped[int] = mapped_column(ForeignKey("debtors.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    due_date: Mapped[dt.date] = mapped_column(Date)
    instalments: Mapped[list[Any]] = mapped_column(JSON, default=list)
    payment_channel: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class WrapUpRow(Base):
    __tablename__ = "wrapups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    handoff_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    debtor_id: Mapped[int] = mapped_column(ForeignKey("debtors.id"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    disposition: Mapped[str] = mapped_column(String(64))
    notes: Mapped[str] = mapped_column(Text, default="")
    script_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    script_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    script_path: Mapped[list[Any]] = mapped_column(JSON, default=list)
    callback_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # The softphone's CallQuality (mos, loss_pct, jitter_ms, rtt_ms, codec) when measured.
    quality: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    right_party: Mapped[str | None] = mapped_column(String(16), nullable=True)
    callback_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Seconds from the handoff to this wrap-up, and spent in wrap-up (None = unknown).
    handle_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    wrapup_s: Mapped[float | None] = mapped_column(Float, nullable=True)


class CallbackRow(Base):
    """A promised call back; ``for_agent_id`` None means anyone in the campaign may make it."""

    __tablename__ = "callbacks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    debtor_id: Mapped[int] = mapped_column(ForeignKey("debtors.id"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    for_agent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    handoff_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    due_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="scheduled")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # The campaign of the call that set it: unassigned callbacks go to its agents.
    campaign: Mapped[str | None] = mapped_column(String(64), nullable=True)


class WriteResult(Base):
    """The first answer given to an idempotency key, so a repeat gets the same one."""

    __tablename__ = "write_results"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str] = mapped_column(String(16))  # accepted | rejected
    result_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class SessionToken(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class StreamRow(Base):
    """The newest sequence number of one user's event stream (dense: +1 per event)."""

    __tablename__ = "streams"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)


class EventRow(Base):
    """One numbered server event of a user's stream, kept so any hub process can replay it."""

    __tablename__ = "events"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # The encoded wire frame, sent as is on replay and by other hub processes.
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class AgentPresenceRow(Base):
    """An agent's dialable state, shared by every hub process on the same database."""

    __tablename__ = "agent_presence"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    sip_uri: Mapped[str | None] = mapped_column(String(200), nullable=True)
    handoff_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    handoff_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # The hub process holding the agent's connection; its death logs the agent out.
    hub_origin: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    pause_code: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # What the board shows beside the state (agent.status, help.raise).
    mos: Mapped[float | None] = mapped_column(Float, nullable=True)
    script_node: Mapped[str | None] = mapped_column(String(100), nullable=True)
    help_message: Mapped[str | None] = mapped_column(String(200), nullable=True)
    help_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Seconds a supervisor added to the current wrap-up's limit.
    wrapup_extra_s: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Today's counters, kept here so a board delta never counts rows; ``counts_day``
    # (UTC) says which day they are for, so yesterday's read as zero.
    counts_day: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    contacts_today: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    promises_today: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Time in state for occupancy (see ``presence.account_time``): finished busy and
    # logged-in seconds of ``time_day`` (UTC), and when the running periods began.
    time_day: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    busy_since: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    login_since: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    busy_s_today: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    logged_in_s_today: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")


class BoardWatcherRow(Base):
    """A supervisor subscribed to board deltas, until the subscription lapses."""

    __tablename__ = "board_watchers"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    until: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class HubProcessRow(Base):
    """A live hub process and its last heartbeat; survivors clean up after a silent one."""

    __tablename__ = "hub_processes"

    origin: Mapped[str] = mapped_column(String(32), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
