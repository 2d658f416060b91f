"""Who may do what: the table of decisions ``allowed`` makes for every kind of actor."""

from __future__ import annotations

import pytest

from kit.core.models import LOCAL_OWNER_ID, Anonymity, Session
from kit.core.permissions import (
    ANONYMOUS,
    LOCAL_FACILITATOR,
    Action,
    Actor,
    ActorKind,
    allowed,
    key_facilitator,
    participant,
    viewer,
)

SESSION_ACTIONS = [action for action in Action if action not in (Action.OPEN_HOME, Action.CREATE_SESSION)]
HOME_ACTIONS = [Action.OPEN_HOME, Action.CREATE_SESSION]


def _session(session_id: str = "s1", owner_id: str = LOCAL_OWNER_ID) -> Session:
    return Session(
        id=session_id, code="ABC234", title="Studiedag", card_id="schoolleider", anonymity=Anonymity.ANONYMOUS,
        language="nl", view_key="view", created_at=0.0, current_step="welcome", owner_id=owner_id,
    )


OTHER_FACILITATOR = Actor(ActorKind.FACILITATOR, "someone-else")


def test_local_facilitator_owns_a_session_opened_without_an_owner() -> None:
    assert _session().owner_id == LOCAL_FACILITATOR.id == "local"


@pytest.mark.parametrize("action", list(Action))
def test_allowed_local_facilitator_may_everything_to_their_session(action: Action) -> None:
    assert allowed(LOCAL_FACILITATOR, action, _session())


@pytest.mark.parametrize("action", HOME_ACTIONS)
def test_allowed_a_facilitator_opens_their_home_and_starts_sessions(action: Action) -> None:
    assert allowed(LOCAL_FACILITATOR, action)
    assert allowed(OTHER_FACILITATOR, action)


@pytest.mark.parametrize("action", SESSION_ACTIONS)
def test_allowed_another_facilitator_is_refused_everything_on_a_session_they_do_not_own(action: Action) -> None:
    assert not allowed(OTHER_FACILITATOR, action, _session())
    assert not allowed(LOCAL_FACILITATOR, action, _session(owner_id="someone-else"))
    assert allowed(OTHER_FACILITATOR, action, _session(owner_id="someone-else"))


@pytest.mark.parametrize("action", SESSION_ACTIONS)
def test_allowed_facilitator_secret_reaches_its_own_session_only(action: Action) -> None:
    holder = key_facilitator(_session("s1"))
    assert allowed(holder, action, _session("s1"))
    assert not allowed(holder, action, _session("s2"))


@pytest.mark.parametrize("action", HOME_ACTIONS)
def test_allowed_facilitator_secret_opens_no_home(action: Action) -> None:
    assert not allowed(key_facilitator(_session()), action)


@pytest.mark.parametrize("action", list(Action))
def test_allowed_viewer_may_only_watch_the_projector_of_their_session(action: Action) -> None:
    assert allowed(viewer("s1"), action, _session("s1")) is (action is Action.VIEW_PROJECTOR)
    assert not allowed(viewer("s2"), action, _session("s1"))


@pytest.mark.parametrize("action", list(Action))
def test_allowed_participant_may_only_take_part_in_their_session(action: Action) -> None:
    assert allowed(participant("s1", "p1"), action, _session("s1")) is (action is Action.TAKE_PART)
    assert not allowed(participant("s2", "p1"), action, _session("s1"))


@pytest.mark.parametrize("action", list(Action))
def test_allowed_anonymous_may_nothing(action: Action) -> None:
    assert not allowed(ANONYMOUS, action, _session())
    assert not allowed(ANONYMOUS, action)


@pytest.mark.parametrize("kind", [ActorKind.VIEWER, ActorKind.PARTICIPANT])
def test_allowed_a_key_holder_without_a_session_reaches_none(kind: ActorKind) -> None:
    assert not any(allowed(Actor(kind, "x"), action, _session()) for action in Action)


@pytest.mark.parametrize("action", SESSION_ACTIONS)
def test_allowed_an_action_on_a_session_needs_the_session(action: Action) -> None:
    assert not allowed(LOCAL_FACILITATOR, action)
