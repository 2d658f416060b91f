"""The kit's records in SQLite or PostgreSQL, through one implementation: every write committed before it returns.

Every statement is built once, here, with its parameters named (``b_…``); SQLAlchemy compiles each once.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy import bindparam as param

from kit.core.models import Contribution, Participant, Session, StepState
from kit.core.store import Store
from kit.store import rows
from kit.store.account_records import AccountRecords
from kit.store.board_records import BoardRecords, step_of
from kit.store.connections import code_taken, contribution_taken, inserts_if_new, upserts
from kit.store.tables import (
    boards,
    co_facilitators,
    contributions,
    notes,
    participants,
    reactions,
    sessions,
    step_states,
    votes,
)

_SESSION = sessions.c.id == param("b_session")
_CO = co_facilitators.alias("co")
# Every session row is read with the ids of its co-facilitators (space separated) beside it.
_SESSION_ROWS = sa.select(
    sessions,
    sa.select(sa.func.aggregate_strings(_CO.c.facilitator_id, " ")).where(_CO.c.session_id == sessions.c.id)
    .correlate(sessions).scalar_subquery().label("co_facilitator_ids"),
)


def _count_up(counter: str) -> sa.Executable:
    column = sessions.c[counter]
    return sa.update(sessions).where(_SESSION).values({counter: column + 1}).returning(column)


_NEXT = {name: _count_up(name) for name in ("last_participant_number", "last_contribution_seq")}
_INSERT_SESSION = sa.insert(sessions)
_SAVE_SESSION = sa.update(sessions).where(_SESSION)
_GET_SESSION = _SESSION_ROWS.where(_SESSION)
_LIVE_BY_CODE = _SESSION_ROWS.where(sessions.c.code == param("b_code"), sessions.c.ended_at.is_(None))
_LATEST_BY_CODE = (_SESSION_ROWS.where(sessions.c.code == param("b_code"))
                   .order_by(sessions.c.created_at.desc()).limit(1))
_ALL_SESSIONS = _SESSION_ROWS.order_by(sessions.c.created_at.desc())
_OWNED_SESSIONS = _ALL_SESSIONS.where(sessions.c.owner_id == param("b_owner"))
_CO_FACILITATED = (
    _ALL_SESSIONS.join(co_facilitators, co_facilitators.c.session_id == sessions.c.id)
    .where(co_facilitators.c.facilitator_id == param("b_facilitator"))
)
_PROBE = sa.select(sessions.c.id).limit(1)
_SECRET_HASH = sa.select(sessions.c.secret_hash).where(_SESSION)
_DELETE_SESSION = sa.delete(sessions).where(_SESSION)
_MOMENTS = sa.union_all(
    sa.select(sessions.c.created_at.label("at")).where(_SESSION),
    sa.select(sessions.c.ended_at).where(_SESSION),
    sa.select(sa.func.max(participants.c.joined_at)).where(participants.c.session_id == param("b_session")),
    *(sa.select(sa.func.max(table.c.updated_at)).where(table.c.session_id == param("b_session"))
      for table in (contributions, votes, notes, boards, reactions)),
).subquery()
_LAST_ACTIVITY = sa.select(sa.func.max(_MOMENTS.c.at))

_STEP_STATE = sa.select(step_states).where(step_of(step_states))
_STEP_STATES = sa.select(step_states).where(step_states.c.session_id == param("b_session"))
_SAVE_STEP_STATE = upserts(
    step_states, ("session_id", "step_key"), ("input_state", "revealed", "timer_ends_at", "timer_seconds")
)
_MOVE_TO_STEP = sa.update(sessions).where(_SESSION)
_FIRST_STEP_STATE = inserts_if_new(step_states)

_BY_TOKEN = sa.select(participants).where(
    participants.c.session_id == param("b_session"), participants.c.token_hash == param("b_token")
)
_GET_PARTICIPANT = sa.select(participants).where(participants.c.id == param("b_participant"))
_PARTICIPANTS = (sa.select(participants).where(participants.c.session_id == param("b_session"))
                 .order_by(participants.c.joined_at, participants.c.id))
_COUNT_PARTICIPANTS = sa.select(sa.func.count()).select_from(participants).where(
    participants.c.session_id == param("b_session"), participants.c.removed.is_(False)
)
_REMOVED_PARTICIPANTS = sa.select(participants.c.id).where(
    participants.c.session_id == param("b_session"), participants.c.removed.is_(True)
)
_SAVE_PARTICIPANT = sa.update(participants).where(participants.c.id == param("b_participant"))


class _Numbering(NamedTuple):
    """How rows numbered per session (``number``, after the session's ``counter``) are inserted into a table."""

    number: str
    counter: str
    insert: sa.Executable  # SQLite: the insert, after the counter's update
    counted: sa.TextClause  # PostgreSQL: the counter's update and the insert in one statement


def _numbering(table: sa.Table, number: str, counter: str) -> _Numbering:
    """Return the statements inserting rows into ``table`` numbered by the session's ``counter``.

    On PostgreSQL rows added to one session beside each other (shared lock) take turns from the counter's
    update to the commit; one statement makes that turn a round trip shorter. Written out: SQLAlchemy
    would set every sessions column named like a parameter in the update.
    """
    names = [column.name for column in table.c]
    values = [f"(SELECT {counter} FROM counted)" if name == number else f":{name}" for name in names]
    counted = sa.text(
        f"WITH counted AS (UPDATE sessions SET {counter} = {counter} + 1 WHERE id = :session_id RETURNING {counter})"
        f" INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(values)}) RETURNING {number}"
    )
    return _Numbering(number, counter, sa.insert(table), counted)


_CONTRIBUTION_NUMBERING = _numbering(contributions, "seq", "last_contribution_seq")
_PARTICIPANT_NUMBERING = _numbering(participants, "number", "last_participant_number")

_ONE_CONTRIBUTION = sa.and_(contributions.c.session_id == param("b_session"),
                            contributions.c.id == param("b_contribution"))
_SAVE_CONTRIBUTION = sa.update(contributions).where(_ONE_CONTRIBUTION)
_GET_CONTRIBUTION = sa.select(contributions).where(_ONE_CONTRIBUTION)
_COUNT_RESPONDERS = (
    sa.select(sa.func.count(sa.distinct(contributions.c.participant_id)))
    .join(participants, participants.c.id == contributions.c.participant_id)
    .where(step_of(contributions), contributions.c.withdrawn.is_(False), participants.c.removed.is_(False))
)
_CONTRIBUTIONS = (sa.select(contributions).where(contributions.c.session_id == param("b_session"))
                  .order_by(contributions.c.seq))
_STEP_CONTRIBUTIONS = _CONTRIBUTIONS.where(contributions.c.step_key == param("b_step"))


def _next(db: sa.Connection, counter: str, session_id: str) -> int:
    """Count one up on the session's row and return the new number (0 when there is no such session)."""
    found = db.execute(_NEXT[counter], {"b_session": session_id}).scalar()
    return int(found) if found is not None else 0


class SqlStore(AccountRecords, BoardRecords):
    """The kit's records in the database at ``url`` (SQLite or PostgreSQL). Every write is committed before the
    method returns, or with the transaction it joins."""

    # sessions

    def insert_session(self, session: Session, secret_hash: str) -> None:
        """Store a new session; raise :class:`CodeTaken` when a live session already has its join code."""
        with self.write() as db, code_taken(session.code):
            db.execute(_INSERT_SESSION, {
                "id": session.id, "code": session.code, "title": session.title, "card_id": session.card_id,
                "anonymity": session.anonymity.value, "language": session.language, "secret_hash": secret_hash,
                "view_key": session.view_key, "created_at": session.created_at, "ended_at": session.ended_at,
                "current_step": session.current_step, "locked": session.locked,
                "rounds": rows.rounds_to_json(session.rounds), "owner_id": session.owner_id,
            })

    def save_session(self, session: Session) -> None:
        """Store the changeable fields of an existing session."""
        with self.write() as db:
            db.execute(_SAVE_SESSION, {
                "b_session": session.id, "title": session.title, "anonymity": session.anonymity.value,
                "language": session.language, "ended_at": session.ended_at, "current_step": session.current_step,
                "locked": session.locked, "rounds": rows.rounds_to_json(session.rounds),
            })

    def get_session(self, session_id: str) -> Session | None:
        row = self.one(_GET_SESSION, {"b_session": session_id})
        return rows.session(row) if row else None

    def active_session_by_code(self, code: str) -> Session | None:
        """Return the not-ended session with join ``code``, if any."""
        row = self.one(_LIVE_BY_CODE, {"b_code": code})
        return rows.session(row) if row else None

    def latest_session_by_code(self, code: str) -> Session | None:
        """Return the newest session with join ``code``, ended or not."""
        row = self.one(_LATEST_BY_CODE, {"b_code": code})
        return rows.session(row) if row else None

    def list_sessions(self, owner_id: str | None = None) -> list[Session]:
        """Return the sessions ``owner_id`` owns (every session when None), newest first."""
        if owner_id is None:
            return [rows.session(row) for row in self.all(_ALL_SESSIONS)]
        return [rows.session(row) for row in self.all(_OWNED_SESSIONS, {"b_owner": owner_id})]

    def co_facilitated_sessions(self, facilitator_id: str) -> list[Session]:
        """Return the sessions ``facilitator_id`` co-facilitates (not those they own), newest first."""
        return [rows.session(row) for row in self.all(_CO_FACILITATED, {"b_facilitator": facilitator_id})]

    def probe(self) -> None:
        """Read the first row of the sessions table (changes nothing); raise when the database cannot be read."""
        self.all(_PROBE)

    def save_secret_hash(self, session_id: str, secret_hash: str) -> None:
        """Replace the hash of the session's facilitator secret: the secret before it opens nothing any more."""
        with self.write() as db:
            db.execute(_SAVE_SESSION, {"b_session": session_id, "secret_hash": secret_hash})

    def secret_hash(self, session_id: str) -> str | None:
        found = self.scalar(_SECRET_HASH, {"b_session": session_id})
        return str(found) if found is not None else None

    def delete_session(self, session_id: str) -> None:
        """Delete a session and everything recorded in it (foreign keys cascade).

        On SQLite the freed pages are zeroed (``secure_delete``); the checkpoint after the commit copies
        them into the database and truncates the write-ahead log, which still held the deleted texts.
        """
        with self.write() as db:
            db.execute(_DELETE_SESSION, {"b_session": session_id})
            self.checkpoint_after_commit()

    def last_activity(self, session_id: str) -> float:
        """Return the latest moment recorded in the session (its opening when nothing happened since)."""
        found = self.scalar(_LAST_ACTIVITY, {"b_session": session_id})
        return float(found) if found is not None else 0.0

    # step states

    def get_step_state(self, session_id: str, step_key: str) -> StepState | None:
        row = self.one(_STEP_STATE, {"b_session": session_id, "b_step": step_key})
        return rows.step_state(row) if row else None

    def step_states(self, session_id: str) -> dict[str, StepState]:
        return {row["step_key"]: rows.step_state(row) for row in self.all(_STEP_STATES, {"b_session": session_id})}

    def save_step_state(self, session_id: str, state: StepState) -> None:
        """Store the input state, reveal switch and countdown of one step."""
        self.execute(_SAVE_STEP_STATE, {
            "session_id": session_id, "step_key": state.step_key, "input_state": state.input_state.value,
            "revealed": state.revealed, "timer_ends_at": state.timer_ends_at, "timer_seconds": state.timer_seconds,
        })

    def move_to_step(self, session: Session, state: StepState | None) -> None:
        """Store the session's new current step and, when given, that step's first state, at once."""
        with self.write() as db:
            db.execute(_MOVE_TO_STEP, {"b_session": session.id, "current_step": session.current_step})
            if state is not None:
                db.execute(_FIRST_STEP_STATE[self.dialect], {
                    "session_id": session.id, "step_key": state.step_key, "input_state": state.input_state.value,
                    "revealed": state.revealed,
                })

    # participants

    def insert_participant(self, participant: Participant, token_hash: str) -> Participant:
        """Store a new participant, numbering it after the session's last one; return it with its number."""
        number = self._insert_numbered(_PARTICIPANT_NUMBERING, {
            "id": participant.id, "session_id": participant.session_id, "token_hash": token_hash,
            "name": participant.name, "joined_at": participant.joined_at, "removed": participant.removed,
        })
        return replace(participant, number=number)

    def _insert_numbered(self, numbering: _Numbering, values: dict[str, object]) -> int:
        """Insert a row numbered after the last one of its session (``values["session_id"]``); return its number."""
        with self.write() as db:
            if self.dialect == "postgresql":
                return int(db.execute(numbering.counted, values).scalar_one())
            number = _next(db, numbering.counter, str(values["session_id"]))
            db.execute(numbering.insert, {**values, numbering.number: number})
            return number

    def participant_by_token(self, session_id: str, token_hash: str) -> Participant | None:
        row = self.one(_BY_TOKEN, {"b_session": session_id, "b_token": token_hash})
        return rows.participant(row) if row else None

    def get_participant(self, participant_id: str) -> Participant | None:
        row = self.one(_GET_PARTICIPANT, {"b_participant": participant_id})
        return rows.participant(row) if row else None

    def list_participants(self, session_id: str) -> list[Participant]:
        return [rows.participant(row) for row in self.all(_PARTICIPANTS, {"b_session": session_id})]

    def count_participants(self, session_id: str) -> int:
        """Return how many participants of the session were not removed."""
        return int(self.scalar(_COUNT_PARTICIPANTS, {"b_session": session_id}) or 0)

    def removed_participants(self, session_id: str) -> set[str]:
        """Return the ids of the session's removed participants."""
        return {row["id"] for row in self.all(_REMOVED_PARTICIPANTS, {"b_session": session_id})}

    def save_participant(self, participant: Participant) -> None:
        """Store a participant's name and removed flag."""
        with self.write() as db:
            db.execute(_SAVE_PARTICIPANT, {
                "b_participant": participant.id, "name": participant.name, "removed": participant.removed,
            })

    # contributions

    def insert_contribution(self, contribution: Contribution) -> Contribution:
        """Store a new contribution, numbering it after the session's last one; return it with its number.

        Raises :class:`ContributionTaken` when the session has one with its id already.
        """
        values = {
            "session_id": contribution.session_id, "id": contribution.id, "step_key": contribution.step_key,
            "participant_id": contribution.participant_id, "text": contribution.text,
            "created_at": contribution.created_at, "updated_at": contribution.updated_at,
            "hidden": contribution.hidden, "withdrawn": contribution.withdrawn, "kind": contribution.kind,
            "fields": json.dumps(contribution.fields),
        }
        with contribution_taken(contribution.id):
            seq = self._insert_numbered(_CONTRIBUTION_NUMBERING, values)
        return replace(contribution, seq=seq)

    def save_contribution(self, contribution: Contribution) -> None:
        """Store a contribution's text, fields and flags."""
        with self.write() as db:
            db.execute(_SAVE_CONTRIBUTION, {
                "b_session": contribution.session_id, "b_contribution": contribution.id, "text": contribution.text,
                "fields": json.dumps(contribution.fields), "updated_at": contribution.updated_at,
                "hidden": contribution.hidden, "withdrawn": contribution.withdrawn,
            })

    def count_responders(self, session_id: str, step_key: str) -> int:
        """Return how many participants (not removed) have a contribution (not withdrawn) on a step."""
        return int(self.scalar(_COUNT_RESPONDERS, {"b_session": session_id, "b_step": step_key}) or 0)

    def get_contribution(self, session_id: str, contribution_id: str) -> Contribution | None:
        row = self.one(_GET_CONTRIBUTION, {"b_session": session_id, "b_contribution": contribution_id})
        return rows.contribution(row) if row else None

    def list_contributions(self, session_id: str, step_key: str | None = None) -> list[Contribution]:
        """Return a session's contributions (of one step when given) in the order received."""
        if step_key is None:
            found = self.all(_CONTRIBUTIONS, {"b_session": session_id})
        else:
            found = self.all(_STEP_CONTRIBUTIONS, {"b_session": session_id, "b_step": step_key})
        return [rows.contribution(row) for row in found]


def _as_store(store: SqlStore) -> Store:
    """Never called: lets mypy check that :class:`SqlStore` provides the core's :class:`Store`."""
    return store
