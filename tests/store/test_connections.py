"""Transactions between kits on one database: a verb on a session waits for the other kit's verb on it."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import psycopg
import pytest
import sqlalchemy as sa
from databases import query

from kit.core.card import Card
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.models import Anonymity, Contribution, Session
from kit.core.store import ContributionTaken
from kit.store.sql import SqlStore
from kit.store.tables import metadata

HOLD = 0.5


def _session(session_id: str, code: str) -> Session:
    return Session(
        id=session_id, code=code, title="Studiedag", card_id="schoolleider", anonymity=Anonymity.ANONYMOUS,
        language="nl", view_key="v", created_at=1.0, current_step="welcome",
    )


def _hold(store: SqlStore, session_id: str, started: threading.Event, ended: list[float]) -> None:
    """Open a transaction on the session, change it, and keep it open for a while."""
    with store.transaction(session_id):
        store.save_session(replace(_session(session_id, "AAAAAA"), title="Eerst"))
        started.set()
        time.sleep(HOLD)
        ended.append(time.monotonic())


def test_transaction_on_a_session_waits_for_another_kits_transaction_on_it(store: SqlStore) -> None:
    store.insert_session(_session("s1", "AAAAAA"), "hash")
    other = SqlStore(store.url)  # a second kit on the same database
    started, ended = threading.Event(), []
    holder = threading.Thread(target=_hold, args=(store, "s1", started, ended))
    holder.start()
    started.wait()
    with other.transaction("s1"):
        entered = time.monotonic()
        title = other.get_session("s1")
        other.save_session(replace(_session("s1", "AAAAAA"), title="Daarna"))
    holder.join()
    assert entered >= ended[0]  # it waited for the first transaction to commit
    assert title is not None
    assert title.title == "Eerst"  # and then saw what that one stored
    assert store.get_session("s1") == replace(_session("s1", "AAAAAA"), title="Daarna")
    other.close()


def test_transaction_on_another_session_does_not_wait_on_postgresql(store: SqlStore) -> None:
    if store.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time for the whole file")
    store.insert_session(_session("s1", "AAAAAA"), "hash")
    store.insert_session(_session("s2", "BBBBBB"), "hash")
    other = SqlStore(store.url)
    started, ended = threading.Event(), []
    holder = threading.Thread(target=_hold, args=(store, "s1", started, ended))
    holder.start()
    started.wait()
    with other.transaction("s2"):
        other.save_session(replace(_session("s2", "BBBBBB"), title="Tegelijk"))
    done = time.monotonic()
    holder.join()
    assert done < ended[0]
    other.close()


def _hold_shared(store: SqlStore, session_id: str, started: threading.Event, ended: list[float]) -> None:
    """Open a shared transaction on the session (as a contribution does), read it, and keep it open a while."""
    with store.transaction(session_id, shared=True):
        store.get_session(session_id)
        started.set()
        time.sleep(HOLD)
        ended.append(time.monotonic())


def _wait_for_lock_waiters(store: SqlStore, count: int) -> None:
    """Wait (at most 10 s) until ``count`` transactions on PostgreSQL wait for a session's lock."""
    waiting = sa.text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                      " AND wait_event_type = 'Lock' AND wait_event = 'advisory'")
    deadline = time.monotonic() + 10
    while store.scalar(waiting) < count:
        assert time.monotonic() < deadline, "the change never came to wait for the session's lock"
        time.sleep(0.01)


def _holding(target: object, *args: object) -> tuple[threading.Thread, list[float]]:
    started, ended = threading.Event(), []
    holder = threading.Thread(target=target, args=(*args, started, ended))  # type: ignore[arg-type]
    holder.start()
    assert started.wait(10), "the transaction to wait for did not begin"
    return holder, ended


def test_a_read_does_not_wait_for_a_transaction_under_way(store: SqlStore) -> None:
    store.insert_session(_session("s1", "AAAAAA"), "hash")
    store.save_session(replace(_session("s1", "AAAAAA"), title="Voor"))
    holder, ended = _holding(_hold, store, "s1")
    read = store.get_session("s1")  # the same kit, another thread (a page on the event loop)
    done = time.monotonic()
    holder.join()
    assert done < ended[0]
    assert read is not None
    assert read.title == "Voor"  # what was committed, not the change under way
    assert store.get_session("s1") == replace(_session("s1", "AAAAAA"), title="Eerst")


def test_contributions_to_one_session_are_stored_beside_each_other_on_postgresql(
    engine: Engine, store: SqlStore, card: Card
) -> None:
    if store.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time for the whole file")
    session_id = engine.open_session("schoolleider", "Studiedag").session.id
    engine.jump_to_step(session_id, "start.individual")
    author = engine.join_participant(engine.get_session(session_id).code).participant.id
    other = SqlStore(store.url)
    holder, ended = _holding(_hold_shared, store, session_id)
    Engine(other, {card.id: card}).add_contribution(session_id, author, "c-0000003", "Tegelijk")
    stored = time.monotonic()
    holder.join()
    assert stored < ended[0]  # it did not wait for the other contribution's transaction
    other.close()


def test_joins_to_one_session_are_stored_beside_each_other_on_postgresql(
    engine: Engine, store: SqlStore, card: Card
) -> None:
    if store.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time for the whole file")
    session = engine.open_session("schoolleider", "Studiedag").session
    other = SqlStore(store.url)
    holder, ended = _holding(_hold_shared, store, session.id)
    Engine(other, {card.id: card}).join_participant(session.code)
    joined = time.monotonic()
    holder.join()
    assert joined < ended[0]  # it did not wait for the other join's transaction
    other.close()


def test_phones_joining_at_once_each_get_a_number_of_their_own(engine: Engine, store: SqlStore, card: Card) -> None:
    session = engine.open_session("schoolleider", "Studiedag").session
    kits = [Engine(SqlStore(store.url), {card.id: card}) for _ in range(2)]
    numbers: list[int] = []

    def join(kit: Engine) -> None:
        for _ in range(15):
            numbers.append(kit.join_participant(session.code).participant.number)

    phones = [threading.Thread(target=join, args=(kits[i % 2],)) for i in range(4)]
    for phone in phones:
        phone.start()
    for phone in phones:
        phone.join()
    assert sorted(numbers) == list(range(1, 61))
    assert sorted(p.number for p in store.list_participants(session.id)) == list(range(1, 61))
    for kit in kits:
        kit.store.close()  # type: ignore[attr-defined]


def test_a_change_to_the_session_waits_for_a_contribution_under_way(store: SqlStore) -> None:
    store.insert_session(_session("s1", "AAAAAA"), "hash")
    other = SqlStore(store.url)
    holder, ended = _holding(_hold_shared, store, "s1")
    with other.transaction("s1"):
        entered = time.monotonic()
        other.save_session(replace(_session("s1", "AAAAAA"), title="Daarna"))
    holder.join()
    assert entered >= ended[0]
    other.close()


def test_a_change_waiting_for_a_contribution_is_not_overtaken_by_the_next_on_postgresql(store: SqlStore) -> None:
    if store.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time for the whole file")
    store.insert_session(_session("s1", "AAAAAA"), "hash")
    other, third = SqlStore(store.url), SqlStore(store.url)
    holder, ended = _holding(_hold_shared, store, "s1")
    changed: list[float] = []

    def change() -> None:
        with other.transaction("s1"):
            other.save_session(replace(_session("s1", "AAAAAA"), title="Daarna"))
            changed.append(time.monotonic())  # still holding the lock

    changer = threading.Thread(target=change)
    changer.start()
    _wait_for_lock_waiters(store, 1)  # the change now waits for the contribution under way
    with third.transaction("s1", shared=True):  # the next contribution
        entered = time.monotonic()
        seen = third.get_session("s1")
    holder.join()
    changer.join()
    assert ended[0] <= changed[0] <= entered  # it waited behind the change, not beside the first
    assert seen is not None
    assert seen.title == "Daarna"
    other.close()
    third.close()


def _hold_contribution(
    engine: Engine, session_id: str, author: str, started: threading.Event, ended: list[float]
) -> None:
    """Store contribution ``c-0000002`` in a transaction that stays open a while before it commits."""
    with engine.transaction(session_id, shared=True):
        engine.add_contribution(session_id, author, "c-0000002", "Eerst hier")
        started.set()
        time.sleep(HOLD)
        ended.append(time.monotonic())


def test_the_same_contribution_sent_to_two_kits_at_once_is_stored_once(
    engine: Engine, store: SqlStore, card: Card
) -> None:
    session_id = engine.open_session("schoolleider", "Studiedag").session.id
    engine.jump_to_step(session_id, "start.individual")
    author = engine.join_participant(engine.get_session(session_id).code).participant.id
    other = SqlStore(store.url)
    holder, _ = _holding(_hold_contribution, engine, session_id, author)
    again = Engine(other, {card.id: card}).add_contribution(session_id, author, "c-0000002", "Eerst hier")
    holder.join()
    assert again == store.get_contribution(session_id, "c-0000002")
    assert [c.id for c in store.list_contributions(session_id)] == ["c-0000002"]
    other.close()


def test_store_same_client_id_twice_is_one_row(engine: Engine, store: SqlStore) -> None:
    session_id = engine.open_session("schoolleider", "Studiedag").session.id
    author = engine.join_participant(engine.get_session(session_id).code).participant.id
    engine.jump_to_step(session_id, "start.individual")
    first = engine.add_contribution(session_id, author, "c-0000001", "Leren van elkaar")
    assert engine.add_contribution(session_id, author, "c-0000001", "Leren van elkaar") == first
    again = Contribution(
        id="c-0000001", session_id=session_id, step_key="start.individual", participant_id=author, text="Nog eens",
        seq=0, created_at=2.0, updated_at=2.0,
    )
    with pytest.raises(ContributionTaken):  # the key refuses a second row, also past the engine's check
        store.insert_contribution(again)
    assert [c.text for c in store.list_contributions(session_id)] == ["Leren van elkaar"]


def test_store_delete_session_leaves_no_row_of_it(engine: Engine, store: SqlStore, card: Card) -> None:
    kept = engine.open_session(card.id, "Blijft").session.id
    gone = engine.open_session(card.id, "Verdwijnt").session.id
    person = engine.join_participant(engine.get_session(gone).code).participant.id
    engine.jump_to_step(gone, "start.individual")
    engine.add_contribution(gone, person, "c-0000001", "Leren van elkaar")
    engine.add_contribution(gone, person, "c-0000002", "Tijd voor begeleiding")
    engine.set_reveal(gone, "start.individual", True)
    engine.reactions.react(gone, person, "c-0000001", "recognise")
    engine.boards.move_to_new_group(gone, "start.individual", "c-0000001", "Samen")
    engine.save_note(gone, "start.individual", "Notitie")
    engine.boards.show_groups(gone, "start.individual", True)
    engine.jump_to_step(gone, "role_choice.0")
    engine.cast_vote(gone, person, 2)

    engine.delete_session(gone)

    for table in metadata.sorted_tables:
        if table.name != "sessions" and "session_id" not in table.c:
            continue  # the accounts: not recorded in a session
        column = "id" if table.name == "sessions" else "session_id"
        left = query(store.url, f"SELECT COUNT(*) FROM {table.name} WHERE {column} = :id", id=gone)[0][0]
        assert left == 0, table.name
    assert [s.id for s in store.list_sessions()] == [kept]


def test_database_out_of_reach_refuses_reads_and_writes_as_not_stored(store: SqlStore) -> None:
    if store.dialect != "postgresql":
        pytest.skip("an SQLite file cannot go out of reach while it is open")
    store.insert_session(_session("s1", "AAAAAA"), "hash")
    # The server cuts the store's connections and the database is gone: as when PostgreSQL is away.
    url = sa.make_url(store.url)
    with psycopg.connect(url.set(drivername="postgresql", database="postgres").render_as_string(False),
                         autocommit=True) as server:
        server.execute(f"DROP DATABASE {url.database} WITH (FORCE)")

    for attempt in (lambda: store.get_session("s1"), store.list_sessions, store.probe,
                    lambda: store.insert_session(_session("s2", "BBBBBB"), "hash")):
        with pytest.raises(Refused) as refused:
            attempt()
        assert refused.value.reason is Reason.NOT_STORED
