"""Debtor claims, hub process liveness and portfolio import references.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 23:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN and a unique index: SQLite's batch mode would rebuild (drop)
    # ``debtors``, which its foreign keys forbid.
    op.add_column("debtors", sa.Column("external_ref", sa.String(length=64), nullable=True))
    op.add_column(
        "debtors", sa.Column("last_handoff_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_index("uq_debtors_external_ref", "debtors", ["external_ref"], unique=True)
    op.add_column("agent_presence", sa.Column("hub_origin", sa.String(length=32), nullable=True))
    op.create_index("ix_agent_presence_hub_origin", "agent_presence", ["hub_origin"])
    op.create_table(
        "hub_processes",
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("origin"),
    )


def downgrade() -> None:
    op.drop_table("hub_processes")
    op.drop_index("ix_agent_presence_hub_origin", table_name="agent_presence")
    op.drop_column("agent_presence", "hub_origin")
    op.drop_index("uq_debtors_external_ref", table_name="debtors")
    op.drop_column("debtors", "last_handoff_at")
    op.drop_column("debtors", "external_ref")
