"""The store's tables, defined once for SQLite and PostgreSQL (the Alembic revisions build them step by step).

Every row of a session refers to the session with ``ON DELETE CASCADE``: deleting the session's row
deletes everything recorded in it, on both databases. Moments are seconds since the epoch (a double);
lists and mappings are JSON text.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


def _session_id() -> sa.Column[str]:
    """The column that ties a row to its session and goes when the session goes."""
    return sa.Column("session_id", sa.Text, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)


def _participant_id() -> sa.Column[str]:
    return sa.Column("participant_id", sa.Text, sa.ForeignKey("participants.id", ondelete="CASCADE"), nullable=False)


sessions = sa.Table(
    "sessions", metadata,
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
    sa.Column("locked", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("rounds", sa.Text, nullable=False),
    sa.Column("last_contribution_seq", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_participant_number", sa.Integer, nullable=False, server_default="0"),
    sa.Column("owner_id", sa.Text, nullable=False, server_default="local"),
    sa.Index("sessions_code", "code"),
    # a join code belongs to one live session at most
    sa.Index("sessions_live_code", "code", unique=True,
             sqlite_where=sa.text("ended_at IS NULL"), postgresql_where=sa.text("ended_at IS NULL")),
    sa.Index("sessions_owner", "owner_id", "created_at"),
)

step_states = sa.Table(
    "step_states", metadata,
    _session_id(),
    sa.Column("step_key", sa.Text, nullable=False),
    sa.Column("input_state", sa.Text, nullable=False),
    sa.Column("revealed", sa.Boolean, nullable=False),
    sa.Column("timer_ends_at", sa.Double),
    sa.Column("timer_seconds", sa.Integer),
    sa.PrimaryKeyConstraint("session_id", "step_key"),
)

participants = sa.Table(
    "participants", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    _session_id(),
    sa.Column("token_hash", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text),
    sa.Column("joined_at", sa.Double, nullable=False),
    sa.Column("removed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("number", sa.Integer, nullable=False, server_default="0"),
    sa.Index("participants_session", "session_id"),
    sa.Index("participants_number", "session_id", "number", unique=True),
)

# A phone's resend carries the same client id: the primary key makes it one row.
contributions = sa.Table(
    "contributions", metadata,
    _session_id(),
    sa.Column("id", sa.Text, nullable=False),
    sa.Column("step_key", sa.Text, nullable=False),
    _participant_id(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("created_at", sa.Double, nullable=False),
    sa.Column("updated_at", sa.Double, nullable=False),
    sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("withdrawn", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("kind", sa.Text, nullable=False, server_default="text"),
    sa.Column("fields", sa.Text, nullable=False, server_default="{}"),
    sa.PrimaryKeyConstraint("session_id", "id"),
    sa.Index("contributions_step", "session_id", "step_key", "seq"),
)

votes = sa.Table(
    "votes", metadata,
    _session_id(),
    sa.Column("round", sa.Integer, nullable=False),
    _participant_id(),
    sa.Column("role", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.Double, nullable=False),
    sa.PrimaryKeyConstraint("session_id", "round", "participant_id"),
)

notes = sa.Table(
    "notes", metadata,
    _session_id(),
    sa.Column("step_key", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Double, nullable=False),
    sa.PrimaryKeyConstraint("session_id", "step_key"),
)

boards = sa.Table(
    "boards", metadata,
    _session_id(),
    sa.Column("step_key", sa.Text, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Double, nullable=False),
    sa.PrimaryKeyConstraint("session_id", "step_key"),
)

board_history = sa.Table(
    "board_history", metadata,
    _session_id(),
    sa.Column("step_key", sa.Text, nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("data", sa.Text),
    sa.PrimaryKeyConstraint("session_id", "step_key", "seq"),
)

reactions = sa.Table(
    "reactions", metadata,
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

board_views = sa.Table(
    "board_views", metadata,
    _session_id(),
    sa.Column("step_key", sa.Text, nullable=False),
    sa.Column("shown", sa.Boolean, nullable=False),
    sa.Column("updated_at", sa.Double, nullable=False),
    sa.PrimaryKeyConstraint("session_id", "step_key"),
)

board_dismissed_merges = sa.Table(
    "board_dismissed_merges", metadata,
    _session_id(),
    sa.Column("step_key", sa.Text, nullable=False),
    sa.Column("first_group", sa.Text, nullable=False),
    sa.Column("second_group", sa.Text, nullable=False),
    sa.Column("dismissed_at", sa.Double, nullable=False),
    sa.PrimaryKeyConstraint("session_id", "step_key", "first_group", "second_group"),
)

author_placements = sa.Table(
    "author_placements", metadata,
    _session_id(),
    sa.Column("contribution_id", sa.Text, nullable=False),
    sa.Column("step_key", sa.Text, nullable=False),
    sa.Column("participant_id", sa.Text, nullable=False),
    sa.Column("group_id", sa.Text),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Double, nullable=False),
    sa.PrimaryKeyConstraint("session_id", "contribution_id"),
    sa.Index("author_placements_step", "session_id", "step_key", "updated_at"),
)

# facilitator accounts of a hosted kit, their one-time invites, and the co-facilitators of a session

facilitators = sa.Table(
    "facilitators", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("email", sa.Text, nullable=False),
    sa.Column("admin", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("password_hash", sa.Text),
    sa.Column("created_at", sa.Double, nullable=False),
    sa.Column("last_login", sa.Double),
)
# one account per address in any case
sa.Index("facilitators_email", sa.func.lower(facilitators.c.email), unique=True)

invites = sa.Table(
    "invites", metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    sa.Column("facilitator_id", sa.Text, sa.ForeignKey("facilitators.id", ondelete="CASCADE"), nullable=False),
    sa.Column("expires_at", sa.Double, nullable=False),
    sa.Column("used_at", sa.Double),
    sa.Index("invites_facilitator", "facilitator_id"),
)

co_facilitators = sa.Table(
    "co_facilitators", metadata,
    _session_id(),
    sa.Column("facilitator_id", sa.Text, sa.ForeignKey("facilitators.id", ondelete="CASCADE"), nullable=False),
    sa.PrimaryKeyConstraint("session_id", "facilitator_id"),
    sa.Index("co_facilitators_facilitator", "facilitator_id"),
)
