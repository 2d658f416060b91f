"""Records of accounts (on both databases): one account per address in any case, and what goes when a record goes."""

from __future__ import annotations

import pytest

from kit.core.engine import Engine
from kit.core.models import Facilitator, Invite
from kit.core.store import EmailTaken
from kit.store.sql import SqlStore


def test_insert_facilitator_refuses_the_same_address_in_another_case(store: SqlStore) -> None:
    store.insert_facilitator(Facilitator("a", "anna@school.nl", 1.0))
    with pytest.raises(EmailTaken):
        store.insert_facilitator(Facilitator("b", "ANNA@school.nl", 2.0))
    found = store.facilitator_by_email("Anna@School.nl")
    assert found is not None
    assert found.id == "a"


def test_delete_facilitator_takes_their_invites_and_co_facilitations(engine: Engine) -> None:
    store = engine.store
    store.insert_facilitator(Facilitator("bob", "bob@school.nl", 1.0))
    store.insert_invite(Invite("hash", "bob", 99.0))
    session = engine.open_session("schoolleider", "Studiedag", owner_id="anna").session
    store.add_co_facilitator(session.id, "bob")
    store.delete_facilitator("bob")
    assert store.invite_by_hash("hash") is None
    assert engine.get_session(session.id).co_facilitator_ids == ()


def test_delete_session_ends_its_co_facilitations(engine: Engine) -> None:
    engine.store.insert_facilitator(Facilitator("bob", "bob@school.nl", 1.0))
    session = engine.open_session("schoolleider", "Studiedag", owner_id="anna").session
    engine.store.add_co_facilitator(session.id, "bob")
    engine.delete_session(session.id)
    assert engine.store.co_facilitated_sessions("bob") == []
