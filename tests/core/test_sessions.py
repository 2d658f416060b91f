"""The engine's sessions part: opening sessions, their join codes and secrets, finding them."""

from __future__ import annotations

import pytest

from kit.core.engine import CODE_ALPHABET, Engine
from kit.core.errors import Reason, Refused
from kit.core.models import LOCAL_OWNER_ID, Anonymity


def test_open_session_code_has_no_lookalikes(engine: Engine) -> None:
    codes = {engine.open_session("schoolleider", f"s{i}").session.code for i in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(CODE_ALPHABET)
        assert not set(code) & set("0O1IL")


def test_open_session_secret_is_long_and_checked(engine: Engine) -> None:
    opened = engine.open_session("schoolleider", "Studiedag")
    assert len(opened.secret) * 6 >= 128
    assert engine.check_secret(opened.session.id, opened.secret)
    assert not engine.check_secret(opened.session.id, opened.secret + "x")
    assert engine.get_session(opened.session.id).anonymity is Anonymity.ANONYMOUS


def test_a_new_secret_opens_the_session_and_the_one_before_no_longer_does(engine: Engine) -> None:
    opened = engine.open_session("schoolleider", "Studiedag")
    renewed = engine.new_secret(opened.session.id)
    assert renewed != opened.secret
    assert len(renewed) * 6 >= 128
    assert engine.check_secret(opened.session.id, renewed)
    assert not engine.check_secret(opened.session.id, opened.secret)
    with pytest.raises(Refused) as refused:
        engine.new_secret("no-such-session")
    assert refused.value.reason is Reason.UNKNOWN_SESSION


def test_open_session_unknown_card_refused(engine: Engine) -> None:
    with pytest.raises(Refused) as refused:
        engine.open_session("no-such-card", "x")
    assert refused.value.reason is Reason.UNKNOWN_CARD


def test_unknown_session_refused(engine: Engine) -> None:
    with pytest.raises(Refused) as refused:
        engine.advance_step("nope")
    assert refused.value.reason is Reason.UNKNOWN_SESSION


def test_delete_all_sessions_erases_every_session(engine: Engine) -> None:
    engine.open_session("schoolleider", "Eerste")
    engine.open_session("schoolleider", "Tweede")
    assert engine.delete_all_sessions(LOCAL_OWNER_ID) == 2
    assert engine.list_sessions(LOCAL_OWNER_ID) == []


def test_open_session_belongs_to_the_local_facilitator_unless_told(engine: Engine) -> None:
    assert engine.open_session("schoolleider", "Hier").session.owner_id == LOCAL_OWNER_ID
    elsewhere = engine.open_session("schoolleider", "Elders", owner_id="someone-else").session
    assert engine.get_session(elsewhere.id).owner_id == "someone-else"


def test_list_sessions_lists_only_the_owners_sessions(engine: Engine) -> None:
    first = engine.open_session("schoolleider", "Eerste").session
    other = engine.open_session("schoolleider", "Van een ander", owner_id="someone-else").session
    second = engine.open_session("schoolleider", "Tweede").session
    assert [s.id for s in engine.list_sessions(LOCAL_OWNER_ID)] == [second.id, first.id]
    assert [s.id for s in engine.list_sessions("someone-else")] == [other.id]
    assert engine.list_sessions("nobody") == []


def test_delete_all_sessions_leaves_other_owners_sessions(engine: Engine) -> None:
    engine.open_session("schoolleider", "Eerste")
    other = engine.open_session("schoolleider", "Van een ander", owner_id="someone-else").session
    assert engine.delete_all_sessions(LOCAL_OWNER_ID) == 1
    assert engine.list_sessions("someone-else") == [other]


def test_last_active_follows_the_latest_contribution(engine: Engine) -> None:
    opened = engine.open_session("schoolleider", "Studiedag")
    before = engine.last_active(opened.session.id)
    assert before == opened.session.created_at
    person = engine.join_participant(opened.session.code, None).participant.id
    engine.jump_to_step(opened.session.id, "start.individual")
    engine.add_contribution(opened.session.id, person, "c-0000001", "Leren van elkaar")
    assert engine.last_active(opened.session.id) >= before
