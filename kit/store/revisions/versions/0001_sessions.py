"""Sessions, their steps, participants, contributions, votes, notes, group boards and reactions.

The schema the hand-written SQLite migrations had reached at their version 8 (see
:mod:`kit.store.legacy`): a database made by them is stamped with this revision, not rebuilt.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_FALSE = sa.false()


def _session_id() -> sa.Column[str]:
    return sa.Column("session_id", sa.Text, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)


def _participant_id() -> sa.Column[str]:
    return sa.Column("participant_id", sa.Text, sa.ForeignKey("participants.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("card_id", sa.Text, nullable=False),
        sa.Column("anonymity", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("secret_hash", sa.Text, nullable=False),
        sa.Column("view_key", sa.Text, nullable=False),
        sa.Column("created_at", sa.Double, nullable=False),
        sa.Column("ended_at", sa.Double),
        sa.Column("current_step", sa.Text, nullable=False),
        sa.Column("locked", sa.Boolean, nullable=False, server_default=_FALSE),
        sa.Column("rounds", sa.Text, nullable=False),
        sa.Column("last_contribution_seq", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_participant_number", sa.Integer, nullable=False, server_default="0"),
        sa.Column("owner_id", sa.Text, nullable=False, server_default="local"),
    )
    op.create_index("sessions_code", "sessions", ["code"])
    op.create_index("sessions_live_code", "sessions", ["code"], unique=True,
                    sqlite_where=sa.text("ended_at IS NULL"), postgresql_where=sa.text("ended_at IS NULL"))
    op.create_index("sessions_owner", "sessions", ["owner_id", "created_at"])
    op.create_table(
        "step_states",
        _session_id(),
        sa.Column("step_key", sa.Text, nullable=False),
        sa.Column("input_state", sa.Text, nullable=False),
        sa.Column("revealed", sa.Boolean, nullable=False),
        sa.Column("timer_ends_at", sa.Double),
        sa.Column("timer_seconds", sa.Integer),
        sa.PrimaryKeyConstraint("session_id", "step_key"),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.Text, primary_key=True),
        _session_id(),
        sa.Column("token_hash", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text),
        sa.Column("joined_at", sa.Double, nullable=False),
        sa.Column("removed", sa.Boolean, nullable=False, server_default=_FALSE),
        sa.Column("number", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("participants_session", "participants", ["session_id"])
    op.create_index("participants_number", "participants", ["session_id", "number"], unique=True)
    op.create_table(
        "contributions",
        _session_id(),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("step_key", sa.Text, nullable=False),
        _participant_id(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Double, nullable=False),
        sa.Column("updated_at", sa.Double, nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False, server_default=_FALSE),
        sa.Column("withdrawn", sa.Boolean, nullable=False, server_default=_FALSE),
        sa.Column("kind", sa.Text, nullable=False, server_default="text"),
        sa.Column("fields", sa.Text, nullable=False, server_default="{}"),
        sa.PrimaryKeyConstraint("session_id", "id"),
    )
    op.create_index("contributions_step", "contributions", ["session_id", "step_key", "seq"])
    op.create_table(
        "votes",
        _session_id(),
        sa.Column("round", sa.Integer, nullable=False),
        _participant_id(),
        sa.Column("role", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("session_id", "round", "participant_id"),
    )
    for name, value in (("notes", sa.Column("text", sa.Text, nullable=False)),
                        ("boards", sa.Column("data", sa.Text, nullable=False))):
        op.create_table(
            name,
            _session_id(),
            sa.Column("step_key", sa.Text, nullable=False),
            value,
            sa.Column("updated_at", sa.Double, nullable=False),
            sa.PrimaryKeyConstraint("session_id", "step_key"),
        )
    op.create_table(
        "board_history",
        _session_id(),
        sa.Column("step_key", sa.Text, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("data", sa.Text),
        sa.PrimaryKeyConstraint("session_id", "step_key", "seq"),
    )
    op.create_table(
        "reactions",
        _session_id(),
        sa.Column("contribution_id", sa.Text, nullable=False),
        _participant_id(),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("session_id", "contribution_id", "participant_id"),
        sa.ForeignKeyConstraint(
            ["session_id", "contribution_id"], ["contributions.session_id", "contributions.id"], ondelete="CASCADE"
        ),
    )
    op.create_table(
        "board_views",
        _session_id(),
        sa.Column("step_key", sa.Text, nullable=False),
        sa.Column("shown", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("session_id", "step_key"),
    )
    op.create_table(
        "board_dismissed_merges",
        _session_id(),
        sa.Column("step_key", sa.Text, nullable=False),
        sa.Column("first_group", sa.Text, nullable=False),
        sa.Column("second_group", sa.Text, nullable=False),
        sa.Column("dismissed_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("session_id", "step_key", "first_group", "second_group"),
    )
    op.create_table(
        "author_placements",
        _session_id(),
        sa.Column("contribution_id", sa.Text, nullable=False),
        sa.Column("step_key", sa.Text, nullable=False),
        sa.Column("participant_id", sa.Text, nullable=False),
        sa.Column("group_id", sa.Text),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("session_id", "contribution_id"),
    )
    op.create_index("author_placements_step", "author_placements", ["session_id", "step_key", "updated_at"])


def downgrade() -> None:
    for name in ("author_placements", "board_dismissed_merges", "board_views", "reactions", "board_history",
                 "boards", "notes", "votes", "contributions", "participants", "step_states", "sessions"):
        op.drop_table(name)
