"""Who may do what on a hosted kit: accounts, co-facilitators and admins (``allowed``, ``manages_accounts``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kit.core.models import Anonymity, Session
from kit.core.permissions import LOCAL_FACILITATOR, Action, account, allowed, key_facilitator, manages_accounts

SESSION = Session(
    id="s1", code="ABC234", title="Studiedag", card_id="schoolleider", anonymity=Anonymity.ANONYMOUS,
    language="nl", view_key="view", created_at=0.0, current_step="welcome", owner_id="anna",
)
ON_SESSION = [Action.DRIVE, Action.VIEW_PROJECTOR, Action.READ_REPORT, Action.END_SESSION, Action.DELETE_SESSION]


@pytest.mark.parametrize("action", ON_SESSION)
def test_allowed_an_account_reaches_its_own_session_only(action: Action) -> None:
    assert allowed(account("anna"), action, SESSION)
    assert not allowed(account("bob"), action, SESSION)


@pytest.mark.parametrize("action", ON_SESSION)
def test_allowed_an_admin_reaches_no_one_elses_session(action: Action) -> None:
    assert not allowed(account("bob", admin=True), action, SESSION)


@pytest.mark.parametrize("action", [Action.DRIVE, Action.VIEW_PROJECTOR, Action.READ_REPORT, Action.END_SESSION])
def test_allowed_a_co_facilitator_runs_the_session(action: Action) -> None:
    assert allowed(account("bob"), action, replace(SESSION, co_facilitator_ids=("bob",)))


def test_allowed_a_co_facilitator_may_not_delete_the_session() -> None:
    assert not allowed(account("bob"), Action.DELETE_SESSION, replace(SESSION, co_facilitator_ids=("bob",)))


def test_allowed_a_co_facilitator_of_one_session_reaches_no_other() -> None:
    other = replace(SESSION, id="s2", co_facilitator_ids=("carla",))
    assert not allowed(account("bob"), Action.DRIVE, other)


def test_manages_accounts_only_an_admin_account() -> None:
    assert manages_accounts(account("anna", admin=True))
    assert not manages_accounts(account("anna"))
    assert not manages_accounts(LOCAL_FACILITATOR)
    assert not manages_accounts(key_facilitator(SESSION))
