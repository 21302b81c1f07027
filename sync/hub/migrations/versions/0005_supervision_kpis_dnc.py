"""Board status, help and time in state on presence, KPI facts, callback campaigns, do-not-call.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain ADD COLUMN throughout: SQLite's batch mode would rebuild tables other rows point at.
_PRESENCE = (
    sa.Column("mos", sa.Float(), nullable=True),
    sa.Column("script_node", sa.String(length=100), nullable=True),
    sa.Column("help_message", sa.String(length=200), nullable=True),
    sa.Column("help_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("wrapup_extra_s", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("counts_day", sa.Date(), nullable=True),
    sa.Column("contacts_today", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("promises_today", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("time_day", sa.Date(), nullable=True),
    sa.Column("busy_since", sa.DateTime(timezone=True), nullable=True),
    sa.Column("login_since", sa.DateTime(timezone=True), nullable=True),
    sa.Column("busy_s_today", sa.Float(), nullable=False, server_default="0"),
    sa.Column("logged_in_s_today", sa.Float(), nullable=False, server_default="0"),
)
_WRAPUPS = (
    sa.Column("right_party", sa.String(length=16), nullable=True),
    sa.Column("callback_id", sa.Integer(), nullable=True),
    sa.Column("handle_s", sa.Float(), nullable=True),
    sa.Column("wrapup_s", sa.Float(), nullable=True),
)
_INDEXES = (
    ("ix_history_channel_occurred_at", "history_events", ["channel", "occurred_at"]),
    ("ix_wrapups_agent_created_at", "wrapups", ["agent_id", "created_at"]),
    ("ix_wrapups_created_at", "wrapups", ["created_at"]),
    ("ix_promises_agent_created_at", "promises", ["agent_id", "created_at"]),
    ("ix_promises_created_at", "promises", ["created_at"]),
    ("ix_handoffs_created_at", "handoffs", ["created_at"]),
)


def upgrade() -> None:
    for column in _PRESENCE:
        op.add_column("agent_presence", column)
    for column in _WRAPUPS:
        op.add_column("wrapups", column)
    op.add_column("handoffs", sa.Column("end_reason", sa.String(length=64), nullable=True))
    op.add_column("callbacks", sa.Column("campaign", sa.String(length=64), nullable=True))
    op.add_column(
        "debtors",
        sa.Column("do_not_call", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "debtors",
        sa.Column("do_not_call_reason", sa.String(length=200), nullable=False, server_default=""),
    )
    op.add_column(
        "contact_points",
        sa.Column("do_not_call", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
    op.drop_column("contact_points", "do_not_call")
    op.drop_column("debtors", "do_not_call_reason")
    op.drop_column("debtors", "do_not_call")
    op.drop_column("callbacks", "campaign")
    op.drop_column("handoffs", "end_reason")
    for name in reversed([c.name for c in _WRAPUPS]):
        op.drop_column("wrapups", name)
    for name in reversed([c.name for c in _PRESENCE]):
        op.drop_column("agent_presence", name)
