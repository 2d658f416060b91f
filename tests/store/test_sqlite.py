"""The store on both databases: round trips and resuming after a restart; on SQLite its file, a killed writer."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kit.core.card import Card
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.models import LOCAL_OWNER_ID, Anonymity, InputState
from kit.store.legacy import MIGRATIONS
from kit.store.schema import head_revision
from kit.store.sql import SqlStore
from kit.store.sqlite import SqliteStore


def _pragma(store: SqliteStore, sql: str) -> object:
    with store.engine.connect() as connection:
        return connection.exec_driver_sql(sql).scalar()


def test_store_uses_wal_and_records_schema_version(sqlite_store: SqliteStore) -> None:
    db = sqlite3.connect(sqlite_store.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    db.close()


def test_store_migrations_run_once_on_reopen(database: str) -> None:
    SqlStore(database).close()
    reopened = SqlStore(database)
    assert reopened.schema_version == head_revision()
    reopened.close()


def test_store_round_trip_session_participant_contribution(engine: Engine) -> None:
    opened = engine.open_session("schoolleider", "Netwerk schoolleiders", Anonymity.OPTIONAL, "en")
    sid = opened.session.id
    joined = engine.join_participant(opened.session.code, "Anna")
    engine.jump_to_step(sid, "start.individual")
    engine.add_contribution(sid, joined.participant.id, "c-0000001", "Leren van elkaar")
    assert engine.store.get_session(sid) == opened.session.__class__(**{
        **opened.session.__dict__, "current_step": "start.individual"})
    assert engine.store.get_participant(joined.participant.id) == joined.participant
    stored = engine.store.get_contribution(sid, "c-0000001")
    assert stored is not None
    assert (stored.text, stored.seq) == ("Leren van elkaar", 1)


def test_store_reopen_resumes_session_mid_question(database: str, card: Card) -> None:
    store = SqlStore(database)
    engine = Engine(store, {card.id: card})
    opened = engine.open_session("schoolleider", "Studiedag")
    sid = opened.session.id
    token = engine.join_participant(opened.session.code).token
    pid = engine.participant_by_token(sid, token)
    assert pid is not None
    engine.choose_role(sid, 0, 2, ("2.1", "2.3"))
    engine.jump_to_step(sid, "role.0.2.3")
    engine.add_contribution(sid, pid.id, "c-0000001", "Een collega in opleiding")
    engine.set_input_state(sid, "role.0.2.3", InputState.PAUSED)
    engine.lock_room(sid)
    store.close()

    again = Engine(SqlStore(database), {card.id: card})
    session = again.get_session(sid)
    assert session.current_step == "role.0.2.3"
    assert session.locked
    assert [step.question for step in again.steps(session) if step.question] == ["2.1", "2.3"]
    assert again.step_state(session, again.current_step(session)).input_state is InputState.PAUSED
    assert again.participant_by_token(sid, token) == pid
    assert [c.text for c in again.contributions(sid)] == ["Een collega in opleiding"]
    assert again.check_secret(sid, opened.secret)
    again.store.close()


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kit.core.card_loader import load_default_card
    from kit.core.engine import Engine
    from kit.store.sqlite import SqliteStore

    card = load_default_card()
    engine = Engine(SqliteStore(Path(sys.argv[1])), {card.id: card})
    opened = engine.open_session(card.id, "Crash")
    engine.jump_to_step(opened.session.id, "start.individual")
    pid = engine.join_participant(opened.session.code).participant.id
    i = 0
    while True:
        engine.add_contribution(opened.session.id, pid, f"c-{i:08d}", f"bijdrage {i}")
        print(i, flush=True)  # printed only after the commit returned
        i += 1
    """
)


def test_store_survives_sigkill_while_writing(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite3"
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert writer.stdout is not None
    acknowledged = -1
    deadline = time.monotonic() + 30
    while acknowledged < 200 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        acknowledged = int(line)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    assert acknowledged >= 200

    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    reopened = SqliteStore(path)
    session = reopened.list_sessions()[0]
    stored = reopened.list_contributions(session.id)
    assert len(stored) >= acknowledged + 1  # every acknowledged contribution is there
    assert [c.seq for c in stored] == list(range(1, len(stored) + 1))
    reopened.close()


def test_store_notes_and_votes_survive_restart(database: str, card: Card) -> None:
    engine = Engine(SqlStore(database), {card.id: card})
    opened = engine.open_session(card.id, "Studiedag")
    sid = opened.session.id
    pid = engine.join_participant(opened.session.code).participant.id
    engine.jump_to_step(sid, "role_choice.0")
    engine.cast_vote(sid, pid, 2)
    engine.save_note(sid, "role_choice.0", "Groep wil rol 2")
    engine.store.close()
    again = Engine(SqlStore(database), {card.id: card})
    assert again.notes(sid) == {"role_choice.0": "Groep wil rol 2"}
    assert again.vote_counts(again.get_session(sid), 0)[2] == 1
    again.store.close()


def test_store_numbers_participants_per_session_in_join_order(database: str, card: Card) -> None:
    engine = Engine(SqlStore(database), {card.id: card})
    first = engine.open_session(card.id, "Groep A").session
    second = engine.open_session(card.id, "Groep B").session
    joined = [engine.join_participant(first.code).participant for _ in range(3)]
    other = engine.join_participant(second.code).participant
    engine.remove_participant(first.id, joined[0].id)
    assert [p.number for p in joined] == [1, 2, 3]
    assert other.number == 1
    assert engine.join_participant(first.code).participant.number == 4
    engine.store.close()
    again = Engine(SqlStore(database), {card.id: card})
    assert [p.number for p in again.participants(first.id, include_removed=True)] == [1, 2, 3, 4]
    again.store.close()


def test_store_migration_numbers_participants_already_joined(tmp_path: Path) -> None:
    path = tmp_path / "kit.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for script in MIGRATIONS[:4]:
        db.executescript(script)
    db.execute("INSERT INTO schema_version (version) VALUES (4)")
    db.execute(
        "INSERT INTO sessions (id, code, title, card_id, anonymity, language, secret_hash, view_key, created_at,"
        " current_step, rounds) VALUES ('s', 'ABC234', 'Dag', 'schoolleider', 'anonymous', 'nl', 'h', 'v', 0,"
        " 'welcome', '[]')"
    )
    for pid, joined_at in [("b", 2.0), ("a", 1.0), ("c", 2.0)]:
        db.execute(
            "INSERT INTO participants (id, session_id, token_hash, name, joined_at, removed) VALUES (?,?,?,?,?,0)",
            (pid, "s", f"t-{pid}", None, joined_at),
        )
    db.commit()
    db.close()
    store = SqliteStore(path)
    assert [(p.id, p.number) for p in store.list_participants("s")] == [("a", 1), ("b", 2), ("c", 3)]
    store.close()


def _file_bytes(store: SqliteStore) -> bytes:
    wal = Path(f"{store.path}-wal")
    return store.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_store_delete_session_leaves_no_trace_of_its_texts(sqlite_store: SqliteStore, card: Card) -> None:
    store = sqlite_store
    engine = Engine(store, {card.id: card})
    kept = engine.open_session("schoolleider", "Blijft")
    gone = engine.open_session("schoolleider", "Verdwijnt", Anonymity.OPTIONAL)
    person = engine.join_participant(gone.session.code, "Geheimenaam Zwaluwstaart").participant.id
    engine.jump_to_step(gone.session.id, "start.individual")
    engine.add_contribution(gone.session.id, person, "c-0000001", "Vertrouwelijke bijdrage over collega Pietersen")
    engine.save_note(gone.session.id, "start.individual", "Notitie over Pietersen")
    _pragma(store, "PRAGMA wal_checkpoint(TRUNCATE)")  # the first texts now sit in the database file itself
    engine.add_contribution(gone.session.id, person, "c-0000002", "Tweede vertrouwelijke tekst Kwikstaartje")
    before = _file_bytes(store)
    assert b"Pietersen" in before
    assert b"Kwikstaartje" in before

    engine.delete_session(gone.session.id)

    after = _file_bytes(store)
    for trace in (b"Pietersen", b"Kwikstaartje", b"Zwaluwstaart", b"Verdwijnt"):
        assert trace not in after
    assert b"Blijft" in after
    assert engine.list_sessions(LOCAL_OWNER_ID)[0].id == kept.session.id


def test_store_deleted_texts_leave_the_log_after_a_reader_that_held_it_is_done(
    sqlite_store: SqliteStore, card: Card, caplog: pytest.LogCaptureFixture
) -> None:
    store = sqlite_store
    engine = Engine(store, {card.id: card})
    gone = engine.open_session("schoolleider", "Verdwijnt")
    kept = engine.open_session("schoolleider", "Blijft")
    reader = sqlite3.connect(store.path)  # a page reading a long list while the session is erased
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM sessions").fetchone()
    engine.delete_session(gone.session.id)  # its checkpoint waits for the reader (5 s), then gives up for now
    assert "write-ahead log could not be emptied" in caplog.text
    reader.close()
    engine.rename_session(kept.session.id, "Blijft, hernoemd")  # the next write empties it after its commit
    assert Path(f"{store.path}-wal").stat().st_size == 0
    assert b"Verdwijnt" not in _file_bytes(store)


def test_store_turns_secure_delete_on(sqlite_store: SqliteStore) -> None:
    assert _pragma(sqlite_store, "PRAGMA secure_delete") == 1


def test_store_full_disk_refuses_as_not_stored_and_keeps_what_was_stored(tmp_path: Path, card: Card) -> None:
    store = SqliteStore(tmp_path / "kit.sqlite3")
    engine = Engine(store, {card.id: card})
    sid = engine.open_session(card.id, "Vol").session.id
    pid = engine.join_participant(engine.get_session(sid).code).participant.id
    engine.jump_to_step(sid, "start.individual")
    pages = _pragma(store, "PRAGMA page_count")
    _pragma(store, f"PRAGMA max_page_count={pages}")  # the file can grow no more, as on a full disk

    stored: list[str] = []
    refused: Refused | None = None
    for n in range(1000):
        try:
            engine.add_contribution(sid, pid, f"c-{n:08d}", "Een bijdrage die ruimte kost. " * 16)
        except Refused as error:
            refused = error
            break
        stored.append(f"c-{n:08d}")
    _pragma(store, "PRAGMA max_page_count=1073741823")
    engine.add_contribution(sid, pid, "c-later-01", "Weer ruimte")

    assert refused is not None
    assert refused.reason is Reason.NOT_STORED
    assert [c.id for c in engine.contributions(sid)] == [*stored, "c-later-01"]
    store.close()


def test_store_names_the_removed_participants_of_one_session(database: str, card: Card) -> None:
    engine = Engine(SqlStore(database), {card.id: card})
    first = engine.open_session(card.id, "Groep A").session
    second = engine.open_session(card.id, "Groep B").session
    joined = [engine.join_participant(first.code).participant for _ in range(3)]
    other = engine.join_participant(second.code).participant
    engine.remove_participant(first.id, joined[1].id)
    engine.remove_participant(second.id, other.id)
    assert engine.store.removed_participants(first.id) == {joined[1].id}
    assert engine.store.removed_participants(second.id) == {other.id}
    engine.store.close()
