"""The hand-written SQLite migrations of the kit's first releases, kept to bring such a file up to date.

A database made by them records its version in the table ``schema_version``. Opening it runs the ones it
lacks (each once, in order, in one transaction); Alembic then takes over from the revision that matches
(see :mod:`kit.store.schema`). New changes to the schema are Alembic revisions, never scripts here.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: sessions, step states, participants, contributions
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        title TEXT NOT NULL,
        card_id TEXT NOT NULL,
        anonymity TEXT NOT NULL,
        language TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        view_key TEXT NOT NULL,
        created_at REAL NOT NULL,
        ended_at REAL,
        current_step TEXT NOT NULL,
        locked INTEGER NOT NULL DEFAULT 0,
        rounds TEXT NOT NULL
    );
    CREATE INDEX sessions_code ON sessions (code);
    CREATE TABLE step_states (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        step_key TEXT NOT NULL,
        input_state TEXT NOT NULL,
        revealed INTEGER NOT NULL,
        PRIMARY KEY (session_id, step_key)
    );
    CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        name TEXT,
        joined_at REAL NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX participants_session ON participants (session_id);
    CREATE TABLE contributions (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        step_key TEXT NOT NULL,
        participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        seq INTEGER NOT NULL,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        hidden INTEGER NOT NULL DEFAULT 0,
        withdrawn INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL DEFAULT 'text',
        fields TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (session_id, id)
    );
    CREATE INDEX contributions_step ON contributions (session_id, step_key, seq);
    """,
    # 2: role votes, facilitator notes, step countdowns
    """
    CREATE TABLE votes (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        round INTEGER NOT NULL,
        participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
        role INTEGER NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (session_id, round, participant_id)
    );
    CREATE TABLE notes (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        step_key TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (session_id, step_key)
    );
    ALTER TABLE step_states ADD COLUMN timer_ends_at REAL;
    ALTER TABLE step_states ADD COLUMN timer_seconds INTEGER;
    """,
    # 3: the facilitator's group boards (with undo history) and the room's reactions
    """
    CREATE TABLE boards (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        step_key TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (session_id, step_key)
    );
    CREATE TABLE board_history (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        step_key TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data TEXT,
        PRIMARY KEY (session_id, step_key, seq)
    );
    CREATE TABLE reactions (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        contribution_id TEXT NOT NULL,
        participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (session_id, contribution_id, participant_id),
        FOREIGN KEY (session_id, contribution_id) REFERENCES contributions (session_id, id) ON DELETE CASCADE
    );
    """,
    # 4: the facilitator's "show groups" switch per step (kept apart from boards: undo may remove a board)
    """
    CREATE TABLE board_views (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        step_key TEXT NOT NULL,
        shown INTEGER NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (session_id, step_key)
    );
    """,
    # 5: participants get a stable number in their session (join order), for people who give no name
    """
    ALTER TABLE participants ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
    UPDATE participants SET number = (
        SELECT COUNT(*) FROM participants AS earlier
        WHERE earlier.session_id = participants.session_id
        AND (earlier.joined_at < participants.joined_at
             OR (earlier.joined_at = participants.joined_at AND earlier.id <= participants.id))
    );
    CREATE UNIQUE INDEX participants_number ON participants (session_id, number);
    """,
    # 6: what the group board learns from: dismissed merge suggestions, authors' own placements
    """
    CREATE TABLE board_dismissed_merges (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        step_key TEXT NOT NULL,
        first_group TEXT NOT NULL,
        second_group TEXT NOT NULL,
        dismissed_at REAL NOT NULL,
        PRIMARY KEY (session_id, step_key, first_group, second_group)
    );
    CREATE TABLE author_placements (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        contribution_id TEXT NOT NULL,
        step_key TEXT NOT NULL,
        participant_id TEXT NOT NULL,
        group_id TEXT,
        state TEXT NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (session_id, contribution_id)
    );
    CREATE INDEX author_placements_step ON author_placements (session_id, step_key, updated_at);
    """,
    # 7: numbers come from counters on the session's row (taken inside the transaction that locks it),
    # and a join code belongs to one live session at most. An older live session that shares its code
    # with a newer one could not be reached by that code; it ends when the newer one was opened.
    """
    ALTER TABLE sessions ADD COLUMN last_contribution_seq INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sessions ADD COLUMN last_participant_number INTEGER NOT NULL DEFAULT 0;
    UPDATE sessions SET
        last_contribution_seq = COALESCE(
            (SELECT MAX(seq) FROM contributions WHERE contributions.session_id = sessions.id), 0),
        last_participant_number = COALESCE(
            (SELECT MAX(number) FROM participants WHERE participants.session_id = sessions.id), 0);
    UPDATE sessions SET ended_at = (
        SELECT MAX(newer.created_at) FROM sessions AS newer WHERE newer.code = sessions.code AND newer.ended_at IS NULL
    )
    WHERE ended_at IS NULL AND EXISTS (
        SELECT 1 FROM sessions AS newer WHERE newer.code = sessions.code AND newer.ended_at IS NULL
        AND (newer.created_at > sessions.created_at
             OR (newer.created_at = sessions.created_at AND newer.id > sessions.id))
    );
    CREATE UNIQUE INDEX sessions_live_code ON sessions (code) WHERE ended_at IS NULL;
    """,
    # 8: every session has an owner; the sessions already stored belong to the facilitator at this laptop
    """
    ALTER TABLE sessions ADD COLUMN owner_id TEXT NOT NULL DEFAULT 'local';
    CREATE INDEX sessions_owner ON sessions (owner_id, created_at);
    """,
    # 9: facilitator accounts of a hosted kit, their one-time invites, and the co-facilitators of a session
    """
    CREATE TABLE facilitators (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        admin INTEGER NOT NULL DEFAULT 0,
        disabled INTEGER NOT NULL DEFAULT 0,
        password_hash TEXT,
        created_at REAL NOT NULL,
        last_login REAL
    );
    CREATE UNIQUE INDEX facilitators_email ON facilitators (email COLLATE NOCASE);
    CREATE TABLE invites (
        token_hash TEXT PRIMARY KEY,
        facilitator_id TEXT NOT NULL REFERENCES facilitators (id) ON DELETE CASCADE,
        expires_at REAL NOT NULL,
        used_at REAL
    );
    CREATE INDEX invites_facilitator ON invites (facilitator_id);
    CREATE TABLE co_facilitators (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        facilitator_id TEXT NOT NULL REFERENCES facilitators (id) ON DELETE CASCADE,
        PRIMARY KEY (session_id, facilitator_id)
    );
    CREATE INDEX co_facilitators_facilitator ON co_facilitators (facilitator_id);
    """,
]


def current_version(connection: sqlite3.Connection) -> int:
    """Return the schema version recorded in ``connection`` (0 for a new database)."""
    connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(connection: sqlite3.Connection) -> int:
    """Apply every migration newer than the database's version; return the resulting version."""
    version = current_version(connection)
    for number, script in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        with connection:
            connection.execute("BEGIN")
            for statement in script.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
        version = number
    return version
