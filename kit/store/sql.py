"""The kit's records in SQLite or PostgreSQL, through one implementation: every write committed before it returns."""

from __future__ import annotations

import json
from dataclasses import replace

import sqlalchemy as sa

from kit.core.models import Contribution, Participant, Session, StepState
from kit.core.store import Store
from kit.store import rows
from kit.store.board_records import BoardRecords
from kit.store.connections import code_taken
from kit.store.tables import boards, contributions, notes, participants, reactions, sessions, step_states, votes


def _next(db: sa.Connection, counter: str, session_id: str) -> int:
    """Count one up on the session's row and return the new number (0 when there is no such session)."""
    column = sessions.c[counter]
    found = db.execute(
        sa.update(sessions).where(sessions.c.id == session_id).values({counter: column + 1}).returning(column)
    ).scalar()
    return int(found) if found is not None else 0


def _step(table: sa.Table, session_id: str, step_key: str) -> sa.ColumnElement[bool]:
    return sa.and_(table.c.session_id == session_id, table.c.step_key == step_key)


class SqlStore(BoardRecords):
    """The kit's records in the database at ``url`` (SQLite or PostgreSQL). Every write is committed before the
    method returns, or with the transaction it joins."""

    # sessions

    def insert_session(self, session: Session, secret_hash: str) -> None:
        """Store a new session; raise :class:`CodeTaken` when a live session already has its join code."""
        with self.write() as db, code_taken(session.code):
            db.execute(sa.insert(sessions).values(
                id=session.id, code=session.code, title=session.title, card_id=session.card_id,
                anonymity=session.anonymity.value, language=session.language, secret_hash=secret_hash,
                view_key=session.view_key, created_at=session.created_at, ended_at=session.ended_at,
                current_step=session.current_step, locked=session.locked,
                rounds=rows.rounds_to_json(session.rounds), owner_id=session.owner_id,
            ))

    def save_session(self, session: Session) -> None:
        """Store the changeable fields of an existing session."""
        with self.write() as db:
            db.execute(sa.update(sessions).where(sessions.c.id == session.id).values(
                title=session.title, anonymity=session.anonymity.value, language=session.language,
                ended_at=session.ended_at, current_step=session.current_step, locked=session.locked,
                rounds=rows.rounds_to_json(session.rounds),
            ))

    def get_session(self, session_id: str) -> Session | None:
        row = self.one(sa.select(sessions).where(sessions.c.id == session_id))
        return rows.session(row) if row else None

    def active_session_by_code(self, code: str) -> Session | None:
        """Return the not-ended session with join ``code``, if any."""
        row = self.one(sa.select(sessions).where(sessions.c.code == code, sessions.c.ended_at.is_(None)))
        return rows.session(row) if row else None

    def latest_session_by_code(self, code: str) -> Session | None:
        """Return the newest session with join ``code``, ended or not."""
        row = self.one(
            sa.select(sessions).where(sessions.c.code == code).order_by(sessions.c.created_at.desc()).limit(1)
        )
        return rows.session(row) if row else None

    def list_sessions(self, owner_id: str | None = None) -> list[Session]:
        """Return the sessions ``owner_id`` owns (every session when None), newest first."""
        query = sa.select(sessions).order_by(sessions.c.created_at.desc())
        if owner_id is not None:
            query = query.where(sessions.c.owner_id == owner_id)
        return [rows.session(row) for row in self.all(query)]

    def secret_hash(self, session_id: str) -> str | None:
        found = self.scalar(sa.select(sessions.c.secret_hash).where(sessions.c.id == session_id))
        return str(found) if found is not None else None

    def delete_session(self, session_id: str) -> None:
        """Delete a session and everything recorded in it (foreign keys cascade).

        On SQLite the freed pages are zeroed (``secure_delete``); the checkpoint after the commit copies
        them into the database and truncates the write-ahead log, which still held the deleted texts.
        """
        with self.write() as db:
            db.execute(sa.delete(sessions).where(sessions.c.id == session_id))
            self.checkpoint_after_commit()

    def last_activity(self, session_id: str) -> float:
        """Return the latest moment recorded in the session (its opening when nothing happened since)."""
        moments = [
            sa.select(sessions.c.created_at.label("at")).where(sessions.c.id == session_id),
            sa.select(sessions.c.ended_at).where(sessions.c.id == session_id),
            sa.select(sa.func.max(participants.c.joined_at)).where(participants.c.session_id == session_id),
            *(sa.select(sa.func.max(table.c.updated_at)).where(table.c.session_id == session_id)
              for table in (contributions, votes, notes, boards, reactions)),
        ]
        every = sa.union_all(*moments).subquery()
        found = self.scalar(sa.select(sa.func.max(every.c.at)))
        return float(found) if found is not None else 0.0

    # step states

    def get_step_state(self, session_id: str, step_key: str) -> StepState | None:
        row = self.one(sa.select(step_states).where(_step(step_states, session_id, step_key)))
        return rows.step_state(row) if row else None

    def step_states(self, session_id: str) -> dict[str, StepState]:
        found = self.all(sa.select(step_states).where(step_states.c.session_id == session_id))
        return {row["step_key"]: rows.step_state(row) for row in found}

    def save_step_state(self, session_id: str, state: StepState) -> None:
        """Store the input state, reveal switch and countdown of one step."""
        insert = self.insert(step_states).values(
            session_id=session_id, step_key=state.step_key, input_state=state.input_state.value,
            revealed=state.revealed, timer_ends_at=state.timer_ends_at, timer_seconds=state.timer_seconds,
        )
        changed = ("input_state", "revealed", "timer_ends_at", "timer_seconds")
        with self.write() as db:
            db.execute(insert.on_conflict_do_update(
                index_elements=["session_id", "step_key"], set_={name: insert.excluded[name] for name in changed}
            ))

    def move_to_step(self, session: Session, state: StepState | None) -> None:
        """Store the session's new current step and, when given, that step's first state, at once."""
        with self.write() as db:
            db.execute(sa.update(sessions).where(sessions.c.id == session.id).values(current_step=session.current_step))
            if state is not None:
                db.execute(self.insert(step_states).values(
                    session_id=session.id, step_key=state.step_key, input_state=state.input_state.value,
                    revealed=state.revealed,
                ).on_conflict_do_nothing())

    # participants

    def insert_participant(self, participant: Participant, token_hash: str) -> Participant:
        """Store a new participant, numbering it after the session's last one; return it with its number."""
        with self.write() as db:
            number = _next(db, "last_participant_number", participant.session_id)
            db.execute(sa.insert(participants).values(
                id=participant.id, session_id=participant.session_id, token_hash=token_hash, name=participant.name,
                joined_at=participant.joined_at, removed=participant.removed, number=number,
            ))
        return replace(participant, number=number)

    def participant_by_token(self, session_id: str, token_hash: str) -> Participant | None:
        row = self.one(sa.select(participants).where(
            participants.c.session_id == session_id, participants.c.token_hash == token_hash
        ))
        return rows.participant(row) if row else None

    def get_participant(self, participant_id: str) -> Participant | None:
        row = self.one(sa.select(participants).where(participants.c.id == participant_id))
        return rows.participant(row) if row else None

    def list_participants(self, session_id: str) -> list[Participant]:
        query = (sa.select(participants).where(participants.c.session_id == session_id)
                 .order_by(participants.c.joined_at, participants.c.id))
        return [rows.participant(row) for row in self.all(query)]

    def count_participants(self, session_id: str) -> int:
        """Return how many participants of the session were not removed."""
        return int(self.scalar(sa.select(sa.func.count()).select_from(participants).where(
            participants.c.session_id == session_id, participants.c.removed.is_(False)
        )) or 0)

    def save_participant(self, participant: Participant) -> None:
        """Store a participant's name and removed flag."""
        with self.write() as db:
            db.execute(sa.update(participants).where(participants.c.id == participant.id).values(
                name=participant.name, removed=participant.removed
            ))

    # contributions

    def insert_contribution(self, contribution: Contribution) -> Contribution:
        """Store a new contribution, numbering it after the session's last one; return it with its number."""
        with self.write() as db:
            seq = _next(db, "last_contribution_seq", contribution.session_id)
            db.execute(sa.insert(contributions).values(
                session_id=contribution.session_id, id=contribution.id, step_key=contribution.step_key,
                participant_id=contribution.participant_id, text=contribution.text, seq=seq,
                created_at=contribution.created_at, updated_at=contribution.updated_at, hidden=contribution.hidden,
                withdrawn=contribution.withdrawn, kind=contribution.kind, fields=json.dumps(contribution.fields),
            ))
        return replace(contribution, seq=seq)

    def save_contribution(self, contribution: Contribution) -> None:
        """Store a contribution's text, fields and flags."""
        with self.write() as db:
            db.execute(sa.update(contributions).where(
                contributions.c.session_id == contribution.session_id, contributions.c.id == contribution.id
            ).values(
                text=contribution.text, fields=json.dumps(contribution.fields), updated_at=contribution.updated_at,
                hidden=contribution.hidden, withdrawn=contribution.withdrawn,
            ))

    def count_responders(self, session_id: str, step_key: str) -> int:
        """Return how many participants (not removed) have a contribution (not withdrawn) on a step."""
        query = (
            sa.select(sa.func.count(sa.distinct(contributions.c.participant_id)))
            .join(participants, participants.c.id == contributions.c.participant_id)
            .where(_step(contributions, session_id, step_key), contributions.c.withdrawn.is_(False),
                   participants.c.removed.is_(False))
        )
        return int(self.scalar(query) or 0)

    def get_contribution(self, session_id: str, contribution_id: str) -> Contribution | None:
        row = self.one(sa.select(contributions).where(
            contributions.c.session_id == session_id, contributions.c.id == contribution_id
        ))
        return rows.contribution(row) if row else None

    def list_contributions(self, session_id: str, step_key: str | None = None) -> list[Contribution]:
        """Return a session's contributions (of one step when given) in the order received."""
        query = sa.select(contributions).where(contributions.c.session_id == session_id)
        if step_key is not None:
            query = query.where(contributions.c.step_key == step_key)
        return [rows.contribution(row) for row in self.all(query.order_by(contributions.c.seq))]


def _as_store(store: SqlStore) -> Store:
    """Never called: lets mypy check that :class:`SqlStore` provides the core's :class:`Store`."""
    return store
