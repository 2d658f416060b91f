"""The schema at open: Alembic's revisions build it on both databases; an SQLite file of the first releases is kept."""

from __future__ import annotations

import sqlite3
import threading
import warnings
from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kit.core.models import Facilitator
from kit.store.database import parse_url, sqlite_url
from kit.store.legacy import MIGRATIONS
from kit.store.schema import HEAD, LEGACY_REVISIONS, head_revision
from kit.store.sql import SqlStore
from kit.store.sqlite import SqliteStore
from kit.store.tables import metadata


def _differences(url: str, compare_type: bool = True) -> list[object]:
    """What separates the database's schema from the tables the code defines (nothing, when they agree).

    SQLAlchemy does not read an index on an expression from SQLite (the accounts' ``lower(email)``):
    that one is left out there, and the accounts' tests check what it does.
    """
    engine = sa.create_engine(parse_url(url))
    try:
        with engine.connect() as connection, warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
            warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index")
            context = MigrationContext.configure(connection, opts={"compare_type": compare_type})
            found = list(compare_metadata(context, metadata))
    finally:
        engine.dispose()
    if url.startswith("sqlite"):
        found = [d for d in found if not (isinstance(d, tuple) and d[0] in ("add_index", "remove_index")
                                          and d[1].name == "facilitators_email")]
    return found


def test_schema_of_a_new_database_is_the_tables_of_the_code(store: SqlStore) -> None:
    assert store.schema_version == head_revision()
    assert _differences(store.url) == []


def test_schema_two_kits_opening_a_new_database_at_once_both_open(database: str) -> None:
    opened: list[SqlStore] = []
    failed: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(SqlStore(database))
        except BaseException as error:
            failed.append(error)

    threads = [threading.Thread(target=open_one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    assert [store.schema_version for store in opened] == [head_revision()] * 2
    for store in opened:
        store.close()


def _last_legacy_database(path: Path) -> None:
    """Write a database as the hand-written migrations left it at their last version, with a session in it."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for number, script in enumerate(MIGRATIONS, start=1):
        db.executescript(script)
        db.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
    db.execute(
        "INSERT INTO sessions (id, code, title, card_id, anonymity, language, secret_hash, view_key, created_at,"
        " current_step, locked, rounds, last_contribution_seq, last_participant_number, owner_id) VALUES ('s',"
        " 'ABC234', 'Studiedag', 'schoolleider', 'optional', 'nl', 'h', 'v', 1.0, 'start.individual', 1,"
        " '[{\"role\": 2, \"questions\": [\"2.1\"]}]', 1, 1, 'local')"
    )
    db.execute("INSERT INTO participants (id, session_id, token_hash, name, joined_at, removed, number)"
               " VALUES ('p', 's', 't', 'Anna', 2.0, 0, 1)")
    db.execute("INSERT INTO contributions (session_id, id, step_key, participant_id, text, seq, created_at,"
               " updated_at, hidden, withdrawn) VALUES ('s', 'c-0000001', 'start.individual', 'p', 'Leren', 1,"
               " 3.0, 3.0, 1, 0)")
    db.execute("INSERT INTO reactions (session_id, contribution_id, participant_id, kind, updated_at)"
               " VALUES ('s', 'c-0000001', 'p', 'recognise', 4.0)")
    db.close()


def test_schema_sqlite_file_of_the_first_releases_is_stamped_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "kit.sqlite3"
    _last_legacy_database(path)
    store = SqliteStore(path)
    assert store.schema_version == head_revision()
    session = store.get_session("s")
    assert session is not None
    assert (session.title, session.locked, session.rounds[0].role, session.rounds[0].questions) == (
        "Studiedag", True, 2, ("2.1",))
    participant = store.get_participant("p")
    assert participant is not None
    assert (participant.name, participant.removed, participant.number) == ("Anna", False, 1)
    contribution = store.get_contribution("s", "c-0000001")
    assert contribution is not None
    assert (contribution.text, contribution.hidden, contribution.withdrawn) == ("Leren", True, False)
    assert [r.kind.value for r in store.reactions("s")] == ["recognise"]
    store.close()
    tables = {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "schema_version" not in tables
    # The old column types stay as they were. SQLAlchemy reads neither the ON DELETE of a foreign key written
    # "REFERENCES sessions (id)" nor a TEXT primary key without NOT NULL from SQLite: PRAGMA does, below.
    tables_and_columns = [
        d for d in _differences(sqlite_url(path), compare_type=False)
        if not (isinstance(d, tuple) and d[0] in ("remove_fk", "add_fk"))
        and not (isinstance(d, list) and d[0][0] == "modify_nullable" and d[0][3] in ("id", "token_hash"))
    ]
    assert tables_and_columns == []
    db = sqlite3.connect(path)
    for table in metadata.tables:
        expected = {(fk.parent.name, fk.column.table.name) for fk in metadata.tables[table].foreign_keys}
        found = {(row[3], row[2]) for row in db.execute(f"PRAGMA foreign_key_list({table})") if row[6] == "CASCADE"}
        assert found == expected, table
    db.close()


def test_schema_head_named_in_the_code_is_the_newest_revision() -> None:
    assert head_revision() == HEAD


def test_schema_every_final_legacy_version_has_its_revision() -> None:
    assert max(LEGACY_REVISIONS) == len(MIGRATIONS)


def test_schema_stamped_sqlite_file_keeps_working_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "kit.sqlite3"
    _last_legacy_database(path)
    SqliteStore(path).close()
    again = SqliteStore(path)
    assert again.list_contributions("s")[0].text == "Leren"
    again.delete_session("s")
    assert again.list_sessions() == []
    again.close()


def test_schema_sqlite_file_from_before_the_accounts_gets_them(tmp_path: Path) -> None:
    path = tmp_path / "kit.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for number, script in enumerate(MIGRATIONS[:8], start=1):
        db.executescript(script)
        db.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
    db.close()
    store = SqliteStore(path)
    assert store.schema_version == HEAD
    store.insert_facilitator(Facilitator("a", "anna@school.nl", 1.0))
    assert store.list_facilitators() == [Facilitator("a", "anna@school.nl", 1.0)]
    store.close()
