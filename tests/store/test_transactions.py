"""Transactions in the store: one commit at the end, nothing on a refusal, numbers from the session's row."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from databases import query

from kit.core.card import Card
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.events import ContributionAdded, Event
from kit.core.models import LOCAL_OWNER_ID, Anonymity, Session
from kit.core.store import CodeTaken
from kit.store.legacy import MIGRATIONS
from kit.store.schema import head_revision
from kit.store.sql import SqlStore
from kit.store.sqlite import SqliteStore


def _session(session_id: str, code: str, created_at: float = 1.0, **changes: object) -> Session:
    session = Session(
        id=session_id, code=code, title="Studiedag", card_id="schoolleider", anonymity=Anonymity.ANONYMOUS,
        language="nl", view_key="v", created_at=created_at, current_step="welcome",
    )
    return replace(session, **changes)


def _titles(store: SqlStore) -> list[str]:
    """Read the stored titles through a connection of its own, as another process would."""
    return [row[0] for row in query(store.url, "SELECT title FROM sessions ORDER BY created_at")]


def test_transaction_commits_once_when_the_block_ends(store: SqlStore) -> None:
    with store.transaction("s1"):
        store.insert_session(_session("s1", "AAAAAA"), "hash")
        store.save_session(_session("s1", "AAAAAA", title="Nieuw"))
        assert _titles(store) == []
    assert _titles(store) == ["Nieuw"]


def test_transaction_nested_block_joins_the_outer_one(store: SqlStore) -> None:
    with store.transaction("s1"):
        with store.transaction("s1"):
            store.insert_session(_session("s1", "AAAAAA"), "hash")
        assert _titles(store) == []
    assert _titles(store) == ["Studiedag"]


def _open_then_refuse(store: SqlStore) -> None:
    with store.transaction("s1"):
        store.insert_session(_session("s1", "AAAAAA"), "hash")
        raise Refused(Reason.INVALID)


def test_transaction_refused_in_the_block_stores_nothing(store: SqlStore) -> None:
    with pytest.raises(Refused):
        _open_then_refuse(store)
    assert store.get_session("s1") is None
    assert _titles(store) == []


def test_store_method_outside_a_transaction_commits_before_returning(store: SqlStore) -> None:
    store.insert_session(_session("s1", "AAAAAA"), "hash")
    assert _titles(store) == ["Studiedag"]


def test_insert_session_with_a_live_code_raises_code_taken(store: SqlStore) -> None:
    store.insert_session(_session("s1", "AAAAAA"), "hash")
    with pytest.raises(CodeTaken):
        store.insert_session(_session("s2", "AAAAAA", 2.0), "hash")
    store.save_session(_session("s1", "AAAAAA", ended_at=3.0))
    store.insert_session(_session("s3", "AAAAAA", 4.0), "hash")  # an ended session's code is free again
    assert store.active_session_by_code("AAAAAA") == _session("s3", "AAAAAA", 4.0)


def _add_then_refuse(engine: Engine, session_id: str, author: str) -> None:
    with engine.transaction(session_id):
        engine.add_contribution(session_id, author, "c-0000001", "Leren van elkaar")
        raise Refused(Reason.INVALID)


def test_engine_transaction_refused_stores_and_announces_nothing(engine: Engine) -> None:
    session_id = engine.open_session("schoolleider", "Studiedag").session.id
    author = engine.join_participant(engine.get_session(session_id).code).participant.id
    engine.jump_to_step(session_id, "start.individual")
    seen: list[Event] = []
    engine.bus.subscribe(seen.append)
    with pytest.raises(Refused):
        _add_then_refuse(engine, session_id, author)
    assert engine.contributions(session_id) == []
    assert seen == []
    added = engine.add_contribution(session_id, author, "c-0000001", "Leren van elkaar")
    assert added.seq == 1
    assert seen == [ContributionAdded(session_id, "c-0000001", "start.individual")]


def test_engine_announces_only_what_is_committed(engine: Engine, store: SqlStore) -> None:
    session_id = engine.open_session("schoolleider", "Studiedag").session.id
    author = engine.join_participant(engine.get_session(session_id).code).participant.id
    engine.jump_to_step(session_id, "start.individual")
    stored_when_announced: list[int] = []

    def count_elsewhere(event: Event) -> None:
        stored_when_announced.append(query(store.url, "SELECT COUNT(*) FROM contributions")[0][0])

    engine.bus.subscribe(count_elsewhere)
    with engine.transaction(session_id):
        engine.add_contribution(session_id, author, "c-0000001", "Leren van elkaar")
        engine.add_contribution(session_id, author, "c-0000002", "Tijd voor begeleiding")
        assert stored_when_announced == []
    assert stored_when_announced == [2, 2]


def _version_6_database(path: Path) -> None:
    """Write a database as the kit left it before numbers came from the session's row."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for number, script in enumerate(MIGRATIONS[:6], start=1):
        db.executescript(script)
        db.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
    for session_id, code, created_at in (("old", "AAAAAA", 1.0), ("new", "AAAAAA", 5.0), ("other", "BBBBBB", 2.0)):
        db.execute(
            "INSERT INTO sessions (id, code, title, card_id, anonymity, language, secret_hash, view_key, created_at,"
            " current_step, rounds) VALUES (?, ?, 'Studiedag', 'schoolleider', 'anonymous', 'nl', 'h', 'v', ?,"
            " 'start.individual', '[{\"role\": null, \"questions\": []}]')",
            (session_id, code, created_at),
        )
    for number in (1, 2, 3):
        db.execute(
            "INSERT INTO participants (id, session_id, token_hash, joined_at, number) VALUES (?, 'new', ?, 1.0, ?)",
            (f"p{number}", f"t{number}", number),
        )
    for seq in (1, 2, 7):
        db.execute(
            "INSERT INTO contributions (session_id, id, step_key, participant_id, text, seq, created_at, updated_at)"
            " VALUES ('new', ?, 'start.individual', 'p1', 'Leren van elkaar', ?, 1.0, 1.0)",
            (f"c-{seq:07d}", seq),
        )
    db.close()


def test_existing_sessions_belong_to_the_local_facilitator_after_migrating(tmp_path: Path) -> None:
    path = tmp_path / "kit.sqlite3"
    _version_6_database(path)
    store = SqliteStore(path)
    assert [(s.id, s.owner_id) for s in store.list_sessions()] == [
        ("new", LOCAL_OWNER_ID), ("other", LOCAL_OWNER_ID), ("old", LOCAL_OWNER_ID)]
    assert [s.id for s in store.list_sessions(LOCAL_OWNER_ID)] == ["new", "other", "old"]
    assert store.list_sessions("someone-else") == []
    store.close()


def test_existing_database_migrates_in_place(tmp_path: Path, card: Card) -> None:
    path = tmp_path / "kit.sqlite3"
    _version_6_database(path)
    store = SqliteStore(path)
    assert store.schema_version == head_revision()
    old, new = store.get_session("old"), store.get_session("new")
    assert old is not None
    assert new is not None
    assert (old.ended_at, new.ended_at) == (5.0, None)  # the older of two live sessions sharing a code ends
    assert store.active_session_by_code("AAAAAA") == new
    engine = Engine(store, {card.id: card})
    joined = engine.join_participant("AAAAAA").participant
    assert joined.number == 4
    engine.jump_to_step("new", "start.individual")
    assert engine.add_contribution("new", joined.id, "c-0000100", "Tijd voor begeleiding").seq == 8
    store.close()
