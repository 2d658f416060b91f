"""The engine's room part: phones joining and rejoining, names, removal, locked and ended rooms."""

from __future__ import annotations

import pytest
from engine_helpers import _open

from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.models import Anonymity


def test_join_name_rules_follow_anonymity(engine: Engine) -> None:
    required = engine.get_session(_open(engine, Anonymity.REQUIRED))
    with pytest.raises(Refused) as refused:
        engine.join_participant(required.code, "   ")
    assert refused.value.reason is Reason.NAME_REQUIRED
    with pytest.raises(Refused) as refused:
        engine.join_participant(required.code, "x" * 41)
    assert refused.value.reason is Reason.NAME_TOO_LONG
    assert engine.join_participant(required.code, "  Anna   de Vries ").participant.name == "Anna de Vries"
    anonymous = engine.get_session(_open(engine, Anonymity.ANONYMOUS))
    assert engine.join_participant(anonymous.code, "Anna").participant.name is None


def test_join_unknown_code_refused(engine: Engine) -> None:
    with pytest.raises(Refused) as refused:
        engine.join_participant("ZZZZZZ")
    assert refused.value.reason is Reason.UNKNOWN_SESSION


def test_join_with_token_is_same_participant(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    first = engine.join_participant(session.code)
    again = engine.join_participant(session.code, token=first.token)
    assert again.participant.id == first.participant.id
    assert len(engine.participants(session.id)) == 1


def test_locked_room_refuses_new_but_keeps_joined(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    first = engine.join_participant(session.code)
    engine.lock_room(session.id)
    with pytest.raises(Refused) as refused:
        engine.join_participant(session.code)
    assert refused.value.reason is Reason.ROOM_LOCKED
    assert engine.join_participant(session.code, token=first.token).participant.id == first.participant.id


def test_ended_session_refuses_joins(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    engine.end_session(session.id)
    with pytest.raises(Refused) as refused:
        engine.join_participant(session.code)
    assert refused.value.reason is Reason.SESSION_ENDED


def test_removed_participant_cannot_rejoin_with_token(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    joined = engine.join_participant(session.code)
    engine.remove_participant(session.id, joined.participant.id)
    with pytest.raises(Refused) as refused:
        engine.join_participant(session.code, token=joined.token)
    assert refused.value.reason is Reason.REMOVED


def test_join_anonymous_ignores_long_name(engine: Engine) -> None:
    session = engine.get_session(_open(engine, Anonymity.ANONYMOUS))
    assert engine.join_participant(session.code, "x" * 80).participant.name is None
