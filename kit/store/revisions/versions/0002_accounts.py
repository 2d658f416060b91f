"""Facilitator accounts of a hosted kit, their one-time invites, and the co-facilitators of a session.

The hand-written SQLite migrations' version 9 (see :mod:`kit.store.legacy`); there the unique address
index is ``email COLLATE NOCASE``, here ``lower(email)``: the same rule for the kit's addresses.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "facilitators",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("admin", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("password_hash", sa.Text),
        sa.Column("created_at", sa.Double, nullable=False),
        sa.Column("last_login", sa.Double),
    )
    op.create_index("facilitators_email", "facilitators", [sa.text("lower(email)")], unique=True)
    op.create_table(
        "invites",
        sa.Column("token_hash", sa.Text, primary_key=True),
        sa.Column("facilitator_id", sa.Text, sa.ForeignKey("facilitators.id", ondelete="CASCADE"), nullable=False),
        sa.Column("expires_at", sa.Double, nullable=False),
        sa.Column("used_at", sa.Double),
    )
    op.create_index("invites_facilitator", "invites", ["facilitator_id"])
    op.create_table(
        "co_facilitators",
        sa.Column("session_id", sa.Text, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("facilitator_id", sa.Text, sa.ForeignKey("facilitators.id", ondelete="CASCADE"), nullable=False),
        sa.PrimaryKeyConstraint("session_id", "facilitator_id"),
    )
    op.create_index("co_facilitators_facilitator", "co_facilitators", ["facilitator_id"])


def downgrade() -> None:
    for name in ("co_facilitators", "invites", "facilitators"):
        op.drop_table(name)
