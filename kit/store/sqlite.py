"""SQLite persistence: WAL mode, one connection and one write path, committed before returning."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from kit.core.board_ops import AuthorPlacement, Board, PlacementState
from kit.core.errors import Reason, Refused
from kit.core.models import (
    Anonymity,
    Contribution,
    InputState,
    Participant,
    Reaction,
    ReactionKind,
    RoleRound,
    Session,
    StepState,
)
from kit.core.store import CodeTaken, Store
from kit.store.migrations import migrate
from kit.store.sqlite_accounts import SESSION_COLUMNS, AccountRecords

DATABASE_NAME = "dialoogkaart.sqlite3"
# SQLite's primary result codes for a write that failed through no fault of the data: busy,
# locked, read-only, I/O error, full disk, cannot open.
_NOT_STORED_CODES = frozenset({5, 6, 8, 10, 13, 14})


@contextmanager
def _code_taken(code: str) -> Iterator[None]:
    """Turn the unique live join code's violation into :class:`CodeTaken`."""
    try:
        yield
    except sqlite3.IntegrityError as error:
        if "sessions.code" in str(error):
            raise CodeTaken(code) from error
        raise


@contextmanager
def _not_stored() -> Iterator[None]:
    """Turn SQLite's failures that are no fault of the data into ``Refused(NOT_STORED)``."""
    try:
        yield
    except sqlite3.OperationalError as error:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF in _NOT_STORED_CODES:
            raise Refused(Reason.NOT_STORED, str(error)) from error
        raise


def _next(db: sqlite3.Connection, counter: str, session_id: str) -> int:
    """Count one up on the session's row and return the new number (0 when there is no such session)."""
    rows = db.execute(f"UPDATE sessions SET {counter} = {counter} + 1 WHERE id=? RETURNING {counter}", (session_id,))
    found = rows.fetchall()
    return int(found[0][0]) if found else 0


def _rounds_to_json(rounds: Sequence[RoleRound]) -> str:
    return json.dumps([{"role": r.role, "questions": list(r.questions)} for r in rounds])


def _rounds_from_json(text: str) -> tuple[RoleRound, ...]:
    return tuple(RoleRound(item["role"], tuple(item["questions"])) for item in json.loads(text))


def _session(row: sqlite3.Row) -> Session:
    return Session(
        id=row["id"], code=row["code"], title=row["title"], card_id=row["card_id"],
        anonymity=Anonymity(row["anonymity"]), language=row["language"], view_key=row["view_key"],
        created_at=row["created_at"], current_step=row["current_step"], locked=bool(row["locked"]),
        ended_at=row["ended_at"], rounds=_rounds_from_json(row["rounds"]), owner_id=row["owner_id"],
        co_facilitator_ids=tuple(sorted((row["co_facilitator_ids"] or "").split())),
    )


def _step_state(row: sqlite3.Row) -> StepState:
    return StepState(
        row["step_key"], InputState(row["input_state"]), bool(row["revealed"]), row["timer_ends_at"],
        row["timer_seconds"],
    )


def _participant(row: sqlite3.Row) -> Participant:
    return Participant(
        id=row["id"], session_id=row["session_id"], name=row["name"], joined_at=row["joined_at"],
        removed=bool(row["removed"]), number=row["number"],
    )


def _contribution(row: sqlite3.Row) -> Contribution:
    return Contribution(
        id=row["id"], session_id=row["session_id"], step_key=row["step_key"],
        participant_id=row["participant_id"], text=row["text"], seq=row["seq"],
        created_at=row["created_at"], updated_at=row["updated_at"], hidden=bool(row["hidden"]),
        withdrawn=bool(row["withdrawn"]), kind=row["kind"], fields=json.loads(row["fields"]),
    )


class SqliteStore(AccountRecords):
    """The kit's records in one SQLite file. Every write is committed before the method returns."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0  # how many transaction blocks are open (in the thread holding the lock)
        self._checkpoint_due = False
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives a killed process; only a power cut can lose the last commits.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=5000")
        # Deleted rows are overwritten with zeros, so a deleted session's texts do not linger in free pages.
        self._db.execute("PRAGMA secure_delete=ON")
        self.schema_version = migrate(self._db)

    @classmethod
    def in_folder(cls, folder: Path) -> SqliteStore:
        """Open (or create) the kit's database inside ``folder``."""
        return cls(folder / DATABASE_NAME)

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._lock:
            self._db.close()

    def probe(self) -> None:
        """Read the first row of the sessions table (changes nothing); raise when the file cannot be read."""
        with self._lock:
            self._db.execute("SELECT id FROM sessions LIMIT 1").fetchall()

    @contextmanager
    def transaction(self, session_id: str | None = None) -> Iterator[None]:
        """Run the block as one write transaction: committed when it ends, rolled back when it raises.

        Store methods called inside the block join it; a nested block joins the outer one, which
        alone commits. ``BEGIN IMMEDIATE`` takes SQLite's write lock at the start, so the block's
        reads and writes see no other process's change in between (on SQLite the lock covers the
        whole file, so ``session_id`` only names what the block changes). A disk that is full,
        a database that cannot be written or stays locked raises ``Refused(NOT_STORED)``: nothing
        was stored, and trying again later may work.
        """
        # The lock guards the one connection: a thread's block must not take in another thread's
        # statements. Correctness between processes rests on the database's own lock.
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    with _not_stored():
                        yield
                finally:
                    self._depth -= 1
                return
            with _not_stored():
                self._db.execute("BEGIN IMMEDIATE")
                self._depth = 1
                try:
                    yield
                    self._db.execute("COMMIT")
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    self._checkpoint_due = False
                    raise
                finally:
                    self._depth = 0
            if self._checkpoint_due:
                self._checkpoint_due = False
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """The one write path: the caller's transaction when inside one, else a transaction of its own."""
        with self.transaction():
            yield self._db

    def _one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._db.execute(sql, params).fetchone()
            return row

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # sessions

    def insert_session(self, session: Session, secret_hash: str) -> None:
        """Store a new session; raise :class:`CodeTaken` when a live session already has its join code."""
        with self._write() as db, _code_taken(session.code):
            db.execute(
                "INSERT INTO sessions (id, code, title, card_id, anonymity, language, secret_hash, view_key,"
                " created_at, ended_at, current_step, locked, rounds, owner_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (session.id, session.code, session.title, session.card_id, session.anonymity.value,
                 session.language, secret_hash, session.view_key, session.created_at, session.ended_at,
                 session.current_step, int(session.locked), _rounds_to_json(session.rounds), session.owner_id),
            )

    def save_session(self, session: Session) -> None:
        """Store the changeable fields of an existing session."""
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET title=?, anonymity=?, language=?, ended_at=?, current_step=?, locked=?,"
                " rounds=? WHERE id=?",
                (session.title, session.anonymity.value, session.language, session.ended_at,
                 session.current_step, int(session.locked), _rounds_to_json(session.rounds), session.id),
            )

    def get_session(self, session_id: str) -> Session | None:
        row = self._one(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id=?", (session_id,))
        return _session(row) if row else None

    def active_session_by_code(self, code: str) -> Session | None:
        """Return the not-ended session with join ``code``, if any."""
        row = self._one(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE code=? AND ended_at IS NULL", (code,))
        return _session(row) if row else None

    def latest_session_by_code(self, code: str) -> Session | None:
        """Return the newest session with join ``code``, ended or not."""
        row = self._one(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE code=? ORDER BY created_at DESC LIMIT 1", (code,)
        )
        return _session(row) if row else None

    def list_sessions(self, owner_id: str | None = None) -> list[Session]:
        """Return the sessions ``owner_id`` owns (every session when None), newest first."""
        if owner_id is None:
            rows = self._all(f"SELECT {SESSION_COLUMNS} FROM sessions ORDER BY created_at DESC")
        else:
            rows = self._all(
                f"SELECT {SESSION_COLUMNS} FROM sessions WHERE owner_id=? ORDER BY created_at DESC", (owner_id,)
            )
        return [_session(row) for row in rows]

    def co_facilitated_sessions(self, facilitator_id: str) -> list[Session]:
        """Return the sessions ``facilitator_id`` co-facilitates, newest first."""
        rows = self._all(
            f"SELECT {SESSION_COLUMNS} FROM sessions JOIN co_facilitators ON co_facilitators.session_id = sessions.id"
            " WHERE co_facilitators.facilitator_id=? ORDER BY created_at DESC", (facilitator_id,),
        )
        return [_session(row) for row in rows]

    def secret_hash(self, session_id: str) -> str | None:
        row = self._one("SELECT secret_hash FROM sessions WHERE id=?", (session_id,))
        return str(row["secret_hash"]) if row else None

    def delete_session(self, session_id: str) -> None:
        """Delete a session and everything recorded in it (foreign keys cascade), then empty the WAL file.

        With ``secure_delete`` the freed pages are zeroed; the checkpoint copies them into the database
        and truncates the write-ahead log, which still held the deleted texts.
        """
        with self._write() as db:
            db.execute("DELETE FROM sessions WHERE id=?", (session_id,))
            self._checkpoint_due = True  # a checkpoint runs only outside a transaction: after the commit

    def last_activity(self, session_id: str) -> float:
        """Return the latest moment recorded in the session (its opening when nothing happened since)."""
        row = self._one(
            "SELECT MAX(at) FROM ("
            " SELECT created_at AS at FROM sessions WHERE id=:id"
            " UNION ALL SELECT ended_at FROM sessions WHERE id=:id"
            " UNION ALL SELECT MAX(joined_at) FROM participants WHERE session_id=:id"
            " UNION ALL SELECT MAX(updated_at) FROM contributions WHERE session_id=:id"
            " UNION ALL SELECT MAX(updated_at) FROM votes WHERE session_id=:id"
            " UNION ALL SELECT MAX(updated_at) FROM notes WHERE session_id=:id"
            " UNION ALL SELECT MAX(updated_at) FROM boards WHERE session_id=:id"
            " UNION ALL SELECT MAX(updated_at) FROM reactions WHERE session_id=:id)",
            {"id": session_id},
        )
        return float(row[0]) if row and row[0] is not None else 0.0

    # step states

    def get_step_state(self, session_id: str, step_key: str) -> StepState | None:
        row = self._one("SELECT * FROM step_states WHERE session_id=? AND step_key=?", (session_id, step_key))
        return _step_state(row) if row else None

    def step_states(self, session_id: str) -> dict[str, StepState]:
        rows = self._all("SELECT * FROM step_states WHERE session_id=?", (session_id,))
        return {row["step_key"]: _step_state(row) for row in rows}

    def save_step_state(self, session_id: str, state: StepState) -> None:
        """Store the input state, reveal switch and countdown of one step."""
        with self._write() as db:
            db.execute(
                "INSERT INTO step_states (session_id, step_key, input_state, revealed, timer_ends_at,"
                " timer_seconds) VALUES (?,?,?,?,?,?) ON CONFLICT (session_id, step_key) DO UPDATE SET"
                " input_state=excluded.input_state, revealed=excluded.revealed,"
                " timer_ends_at=excluded.timer_ends_at, timer_seconds=excluded.timer_seconds",
                (session_id, state.step_key, state.input_state.value, int(state.revealed), state.timer_ends_at,
                 state.timer_seconds),
            )

    def move_to_step(self, session: Session, state: StepState | None) -> None:
        """Store the session's new current step and, when given, that step's first state, at once."""
        with self._write() as db:
            db.execute("UPDATE sessions SET current_step=? WHERE id=?", (session.current_step, session.id))
            if state is not None:
                db.execute(
                    "INSERT OR IGNORE INTO step_states (session_id, step_key, input_state, revealed)"
                    " VALUES (?,?,?,?)",
                    (session.id, state.step_key, state.input_state.value, int(state.revealed)),
                )

    # participants

    def insert_participant(self, participant: Participant, token_hash: str) -> Participant:
        """Store a new participant, numbering it after the session's last one; return it with its number."""
        with self._write() as db:
            number = _next(db, "last_participant_number", participant.session_id)
            db.execute(
                "INSERT INTO participants (id, session_id, token_hash, name, joined_at, removed, number)"
                " VALUES (?,?,?,?,?,?,?)",
                (participant.id, participant.session_id, token_hash, participant.name, participant.joined_at,
                 int(participant.removed), number),
            )
        return replace(participant, number=number)

    def participant_by_token(self, session_id: str, token_hash: str) -> Participant | None:
        row = self._one(
            "SELECT * FROM participants WHERE session_id=? AND token_hash=?", (session_id, token_hash)
        )
        return _participant(row) if row else None

    def get_participant(self, participant_id: str) -> Participant | None:
        row = self._one("SELECT * FROM participants WHERE id=?", (participant_id,))
        return _participant(row) if row else None

    def list_participants(self, session_id: str) -> list[Participant]:
        rows = self._all("SELECT * FROM participants WHERE session_id=? ORDER BY joined_at, id", (session_id,))
        return [_participant(row) for row in rows]

    def count_participants(self, session_id: str) -> int:
        """Return how many participants of the session were not removed."""
        row = self._one("SELECT COUNT(*) FROM participants WHERE session_id=? AND removed=0", (session_id,))
        return int(row[0]) if row else 0

    def save_participant(self, participant: Participant) -> None:
        """Store a participant's name and removed flag."""
        with self._write() as db:
            db.execute(
                "UPDATE participants SET name=?, removed=? WHERE id=?",
                (participant.name, int(participant.removed), participant.id),
            )

    # contributions

    def insert_contribution(self, contribution: Contribution) -> Contribution:
        """Store a new contribution, numbering it after the session's last one; return it with its number."""
        with self._write() as db:
            seq = _next(db, "last_contribution_seq", contribution.session_id)
            db.execute(
                "INSERT INTO contributions (session_id, id, step_key, participant_id, text, seq, created_at,"
                " updated_at, hidden, withdrawn, kind, fields) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (contribution.session_id, contribution.id, contribution.step_key, contribution.participant_id,
                 contribution.text, seq, contribution.created_at, contribution.updated_at,
                 int(contribution.hidden), int(contribution.withdrawn), contribution.kind,
                 json.dumps(contribution.fields)),
            )
        return Contribution(**{**contribution.__dict__, "seq": seq})

    def save_contribution(self, contribution: Contribution) -> None:
        """Store a contribution's text, fields and flags."""
        with self._write() as db:
            db.execute(
                "UPDATE contributions SET text=?, fields=?, updated_at=?, hidden=?, withdrawn=?"
                " WHERE session_id=? AND id=?",
                (contribution.text, json.dumps(contribution.fields), contribution.updated_at,
                 int(contribution.hidden), int(contribution.withdrawn), contribution.session_id, contribution.id),
            )

    def count_responders(self, session_id: str, step_key: str) -> int:
        """Return how many participants (not removed) have a contribution (not withdrawn) on a step."""
        row = self._one(
            "SELECT COUNT(DISTINCT c.participant_id) FROM contributions c JOIN participants p"
            " ON p.id = c.participant_id WHERE c.session_id=? AND c.step_key=? AND c.withdrawn=0 AND p.removed=0",
            (session_id, step_key),
        )
        return int(row[0]) if row else 0

    def get_contribution(self, session_id: str, contribution_id: str) -> Contribution | None:
        row = self._one("SELECT * FROM contributions WHERE session_id=? AND id=?", (session_id, contribution_id))
        return _contribution(row) if row else None

    def list_contributions(self, session_id: str, step_key: str | None = None) -> list[Contribution]:
        """Return a session's contributions (of one step when given) in the order received."""
        if step_key is None:
            rows = self._all("SELECT * FROM contributions WHERE session_id=? ORDER BY seq", (session_id,))
        else:
            rows = self._all(
                "SELECT * FROM contributions WHERE session_id=? AND step_key=? ORDER BY seq", (session_id, step_key)
            )
        return [_contribution(row) for row in rows]

    # role votes

    def save_vote(self, session_id: str, round_index: int, participant_id: str, role: int, at: float) -> None:
        """Store a participant's vote in a role round, replacing their earlier one."""
        with self._write() as db:
            db.execute(
                "INSERT INTO votes (session_id, round, participant_id, role, updated_at) VALUES (?,?,?,?,?)"
                " ON CONFLICT (session_id, round, participant_id) DO UPDATE SET role=excluded.role,"
                " updated_at=excluded.updated_at",
                (session_id, round_index, participant_id, role, at),
            )

    def votes(self, session_id: str, round_index: int) -> dict[str, int]:
        """Return ``{participant id: role}`` for a role round."""
        rows = self._all(
            "SELECT participant_id, role FROM votes WHERE session_id=? AND round=?", (session_id, round_index)
        )
        return {row["participant_id"]: int(row["role"]) for row in rows}

    # facilitator notes

    def save_note(self, session_id: str, step_key: str, text: str, at: float) -> None:
        """Store the facilitator's note on a step."""
        with self._write() as db:
            db.execute(
                "INSERT INTO notes (session_id, step_key, text, updated_at) VALUES (?,?,?,?)"
                " ON CONFLICT (session_id, step_key) DO UPDATE SET text=excluded.text,"
                " updated_at=excluded.updated_at",
                (session_id, step_key, text, at),
            )

    def notes(self, session_id: str) -> dict[str, str]:
        """Return ``{step key: note}`` for a session."""
        rows = self._all("SELECT step_key, text FROM notes WHERE session_id=?", (session_id,))
        return {row["step_key"]: row["text"] for row in rows}

    # group boards (the facilitator's arrangement of a step's contributions) and their undo history

    def get_board(self, session_id: str, step_key: str) -> Board | None:
        row = self._one("SELECT data FROM boards WHERE session_id=? AND step_key=?", (session_id, step_key))
        return Board.from_data(json.loads(row["data"])) if row else None

    def save_board(self, session_id: str, board: Board, at: float, history_limit: int) -> None:
        """Store ``board`` for its step, keeping the board it replaces (or its absence) for undo.

        Only the last ``history_limit`` replaced boards of the step are kept.
        """
        key = (session_id, board.step_key)
        with self._write() as db:
            old = db.execute("SELECT data FROM boards WHERE session_id=? AND step_key=?", key).fetchone()
            seq = int(db.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM board_history WHERE session_id=? AND step_key=?", key
            ).fetchone()[0])
            db.execute(
                "INSERT INTO board_history (session_id, step_key, seq, data) VALUES (?,?,?,?)",
                (*key, seq, old["data"] if old else None),
            )
            db.execute(
                "DELETE FROM board_history WHERE session_id=? AND step_key=? AND seq<=?", (*key, seq - history_limit)
            )
            db.execute(
                "INSERT INTO boards (session_id, step_key, data, updated_at) VALUES (?,?,?,?)"
                " ON CONFLICT (session_id, step_key) DO UPDATE SET data=excluded.data, updated_at=excluded.updated_at",
                (*key, json.dumps(board.to_data()), at),
            )

    def board_history_size(self, session_id: str, step_key: str) -> int:
        """Return how many earlier boards of the step can be restored."""
        row = self._one(
            "SELECT COUNT(*) FROM board_history WHERE session_id=? AND step_key=?", (session_id, step_key)
        )
        return int(row[0]) if row else 0

    def restore_board(self, session_id: str, step_key: str, at: float) -> bool:
        """Put back the board the last save replaced (none: remove the board) and forget that save.

        Returns False, changing nothing, when the step has no earlier board to restore.
        """
        key = (session_id, step_key)
        with self._write() as db:
            last = db.execute(
                "SELECT seq, data FROM board_history WHERE session_id=? AND step_key=? ORDER BY seq DESC LIMIT 1",
                key,
            ).fetchone()
            if last is None:
                return False
            db.execute("DELETE FROM board_history WHERE session_id=? AND step_key=? AND seq=?", (*key, last["seq"]))
            if last["data"] is None:
                db.execute("DELETE FROM boards WHERE session_id=? AND step_key=?", key)
            else:
                db.execute(
                    "INSERT INTO boards (session_id, step_key, data, updated_at) VALUES (?,?,?,?)"
                    " ON CONFLICT (session_id, step_key) DO UPDATE SET data=excluded.data,"
                    " updated_at=excluded.updated_at",
                    (*key, last["data"], at),
                )
        return True

    # reactions (a participant recognises a contribution, or sees it differently)

    def save_reaction(
        self, session_id: str, contribution_id: str, participant_id: str, kind: ReactionKind | None, at: float
    ) -> None:
        """Store a participant's mark on a contribution, replacing their earlier one; None removes it."""
        key = (session_id, contribution_id, participant_id)
        with self._write() as db:
            if kind is None:
                db.execute(
                    "DELETE FROM reactions WHERE session_id=? AND contribution_id=? AND participant_id=?", key
                )
            else:
                db.execute(
                    "INSERT INTO reactions (session_id, contribution_id, participant_id, kind, updated_at)"
                    " VALUES (?,?,?,?,?) ON CONFLICT (session_id, contribution_id, participant_id) DO UPDATE SET"
                    " kind=excluded.kind, updated_at=excluded.updated_at",
                    (*key, kind.value, at),
                )

    def reactions(
        self, session_id: str, step_key: str | None = None, contribution_id: str | None = None
    ) -> list[Reaction]:
        """Return the marks on a session's contributions (of one step or one contribution when given)."""
        sql = (
            "SELECT r.contribution_id, r.participant_id, r.kind FROM reactions r JOIN contributions c"
            " ON c.session_id=r.session_id AND c.id=r.contribution_id WHERE r.session_id=?"
        )
        params: list[Any] = [session_id]
        if step_key is not None:
            sql += " AND c.step_key=?"
            params.append(step_key)
        if contribution_id is not None:
            sql += " AND r.contribution_id=?"
            params.append(contribution_id)
        rows = self._all(sql + " ORDER BY c.seq, r.participant_id", params)
        return [Reaction(row["contribution_id"], row["participant_id"], ReactionKind(row["kind"])) for row in rows]

    # the facilitator's "show groups" switch per step

    def groups_shown(self, session_id: str, step_key: str) -> bool:
        """True when the step's grouped view is switched on (off when never switched)."""
        row = self._one("SELECT shown FROM board_views WHERE session_id=? AND step_key=?", (session_id, step_key))
        return bool(row and row["shown"])

    def save_groups_shown(self, session_id: str, step_key: str, shown: bool, at: float) -> None:
        """Store whether the step's grouped view is switched on."""
        with self._write() as db:
            db.execute(
                "INSERT INTO board_views (session_id, step_key, shown, updated_at) VALUES (?,?,?,?)"
                " ON CONFLICT (session_id, step_key) DO UPDATE SET shown=excluded.shown,"
                " updated_at=excluded.updated_at",
                (session_id, step_key, int(shown), at),
            )

    # what the board learns from: dismissed merge suggestions and authors' own placements

    def dismissed_merges(self, session_id: str, step_key: str) -> set[frozenset[str]]:
        """Return the pairs of group ids whose merge suggestion the facilitator dismissed."""
        rows = self._all(
            "SELECT first_group, second_group FROM board_dismissed_merges WHERE session_id=? AND step_key=?",
            (session_id, step_key),
        )
        return {frozenset({row["first_group"], row["second_group"]}) for row in rows}

    def save_dismissed_merge(self, session_id: str, step_key: str, first: str, second: str, at: float) -> None:
        """Remember that the facilitator dismissed merging groups ``first`` and ``second``."""
        low, high = sorted((first, second))
        with self._write() as db:
            db.execute(
                "INSERT OR IGNORE INTO board_dismissed_merges"
                " (session_id, step_key, first_group, second_group, dismissed_at) VALUES (?,?,?,?,?)",
                (session_id, step_key, low, high, at),
            )

    def author_placements(self, session_id: str, step_key: str) -> list[AuthorPlacement]:
        """Return the authors' placements of their own contributions on a step, oldest first."""
        rows = self._all(
            "SELECT contribution_id, participant_id, group_id, state FROM author_placements"
            " WHERE session_id=? AND step_key=? ORDER BY updated_at, contribution_id",
            (session_id, step_key),
        )
        return [
            AuthorPlacement(
                row["contribution_id"], row["participant_id"], row["group_id"], PlacementState(row["state"])
            )
            for row in rows
        ]

    def save_author_placement(self, session_id: str, step_key: str, placement: AuthorPlacement, at: float) -> None:
        """Store an author's placement of their contribution, replacing an earlier one for it."""
        with self._write() as db:
            db.execute(
                "INSERT INTO author_placements"
                " (session_id, contribution_id, step_key, participant_id, group_id, state, updated_at)"
                " VALUES (?,?,?,?,?,?,?) ON CONFLICT (session_id, contribution_id) DO UPDATE SET"
                " participant_id=excluded.participant_id, group_id=excluded.group_id, state=excluded.state,"
                " updated_at=excluded.updated_at",
                (session_id, placement.contribution_id, step_key, placement.participant_id, placement.group_id,
                 placement.state.value, at),
            )


def _as_store(store: SqliteStore) -> Store:
    """Never called: lets mypy check that :class:`SqliteStore` provides the core's :class:`Store`."""
    return store
