"""Callbacks, call quality on wrap-ups, pause codes on presence, board watchers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "callbacks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("debtor_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("for_agent_id", sa.Integer(), nullable=True),
        sa.Column("handoff_id", sa.String(length=36), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["debtor_id"], ["debtors.id"]),
        sa.ForeignKeyConstraint(["agent_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["for_agent_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_callbacks_debtor_id", "callbacks", ["debtor_id"])
    op.create_index("ix_callbacks_due_at", "callbacks", ["due_at"])
    # Plain ADD COLUMN: SQLite's batch mode would rebuild tables other rows point at.
    op.add_column("wrapups", sa.Column("quality", sa.JSON(), nullable=True))
    op.add_column("agent_presence", sa.Column("pause_code", sa.String(length=32), nullable=True))
    op.create_table(
        "board_watchers",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("user_id"),
    )


def downgrade() -> None:
    op.drop_table("board_watchers")
    op.drop_column("agent_presence", "pause_code")
    op.drop_column("wrapups", "quality")
    op.drop_index("ix_callbacks_due_at", table_name="callbacks")
    op.drop_index("ix_callbacks_debtor_id", table_name="callbacks")
    op.drop_table("callbacks")
