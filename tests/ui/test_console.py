"""The console: only with the facilitator secret; steps, input, reveal, roles, participants, lock."""

from __future__ import annotations

import asyncio

import pytest
from board_setup import until
from console_page import open_console
from nicegui import ui
from nicegui.testing import User
from ui_keys import press

from kit.core import events
from kit.core.engine import Engine, OpenedSession
from kit.core.errors import Reason, Refused
from kit.core.models import Anonymity, InputState, Session
from kit.i18n import t
from kit.ui.console.page import ACCESS_CHECK_SECONDS
from kit.ui.shared.flags import ScreenFlags


def current(engine: Engine, opened: OpenedSession) -> str:
    return engine.get_session(opened.session.id).current_step


async def test_console_refuses_without_key(user: User, opened: OpenedSession) -> None:
    response = await user.http_client.get(f"/console/{opened.session.id}")
    assert response.status_code == 403
    assert "gespreksleider" in response.text
    assert "Traceback" not in response.text


async def test_console_refuses_wrong_key(user: User, opened: OpenedSession) -> None:
    response = await user.http_client.get(f"/console/{opened.session.id}?key=not-the-secret")
    assert response.status_code == 403
    assert "klopt niet" in response.text
    assert (await user.http_client.get(f"/console/{opened.session.id}")).status_code == 403


async def test_console_refuses_view_key(user: User, opened: OpenedSession) -> None:
    response = await user.http_client.get(f"/console/{opened.session.id}?key={opened.session.view_key}")
    assert response.status_code == 403


async def test_console_refuses_unknown_session(user: User) -> None:
    assert (await user.http_client.get("/console/nope?key=whatever")).status_code == 403
    assert (await user.http_client.get("/console/nope")).status_code == 403


async def test_console_key_is_remembered_and_dropped_from_address(user: User, opened: OpenedSession) -> None:
    response = await user.http_client.get(f"/console/{opened.session.id}?key={opened.secret}")
    assert response.status_code == 303
    assert response.headers["location"] == f"/console/{opened.session.id}"
    await user.open(f"/console/{opened.session.id}")
    await user.should_see("Studiedag groep A")
    await user.should_see(opened.session.code)
    await user.should_see(marker="join-address")


async def test_console_next_previous_and_jump(user: User, engine: Engine, opened: OpenedSession) -> None:
    await open_console(user, opened)
    user.find(marker="next").click()
    assert current(engine, opened) == "start.individual"
    user.find(marker="next").click()
    assert current(engine, opened) == "start.group"
    user.find(marker="previous").click()
    assert current(engine, opened) == "start.individual"
    user.find(marker="step-dream").click()
    assert current(engine, opened) == "dream"
    await user.should_see(marker="reveal", retries=20)


async def test_console_keys_drive_the_session(user: User, engine: Engine, opened: OpenedSession) -> None:
    await open_console(user, opened)
    press(user, "ArrowRight")
    assert current(engine, opened) == "start.individual"
    press(user, " ", "Space")
    assert current(engine, opened) == "start.group"
    press(user, "ArrowLeft")
    assert current(engine, opened) == "start.individual"
    session = engine.get_session(opened.session.id)
    step = engine.current_step(session)
    press(user, "p")
    assert engine.step_state(session, step).input_state is InputState.PAUSED
    press(user, "P")
    assert engine.step_state(session, step).input_state is InputState.OPEN
    assert engine.step_state(session, step).revealed is False
    press(user, "r")
    assert engine.step_state(session, step).revealed is True


async def test_console_pauses_input(user: User, engine: Engine, opened: OpenedSession) -> None:
    engine.jump_to_step(opened.session.id, "start.individual")
    await open_console(user, opened)
    toggle = next(iter(user.find(marker="input-state").elements))
    assert isinstance(toggle, ui.toggle)
    with user:
        toggle.value = "paused"
    session = engine.get_session(opened.session.id)
    state = engine.step_state(session, engine.current_step(session))
    assert state.input_state is InputState.PAUSED


async def test_console_reveal_switch(user: User, engine: Engine, opened: OpenedSession) -> None:
    engine.jump_to_step(opened.session.id, "start.individual")
    await open_console(user, opened)
    user.find(marker="reveal").click()
    session = engine.get_session(opened.session.id)
    assert engine.step_state(session, engine.current_step(session)).revealed is True


async def test_console_chooses_role_and_questions(user: User, engine: Engine, opened: OpenedSession) -> None:
    engine.jump_to_step(opened.session.id, "role_choice.0")
    await open_console(user, opened)
    await user.should_see("1. Rol als visionair en verbinder")
    user.find("2. Rol richting aanstaande leraren").click()
    await user.should_see(marker="question-2.3")
    user.find(marker="question-2.3").click()
    user.find(marker="use-role").click()
    session = engine.get_session(opened.session.id)
    assert session.rounds[0].role == 2
    assert session.rounds[0].questions == ("2.3",)
    await user.should_see(marker="another-role", retries=20)
    user.find(marker="another-role").click()
    assert current(engine, opened) == "role_choice.1"


async def test_console_removes_participant_after_confirmation(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    joined = engine.join_participant(opened.session.code, "Anna")
    await open_console(user, opened)
    await user.should_see("Anna")
    user.find(marker=f"remove-{joined.participant.id}").click()
    user.find(marker="confirm").click()
    await until(lambda: engine.participants(opened.session.id) == [])
    await user.should_not_see("Anna", retries=20)


async def test_console_shows_participants_live(user: User, engine: Engine, opened: OpenedSession) -> None:
    await open_console(user, opened)
    await user.should_see("Deelnemers: 0")
    engine.join_participant(opened.session.code, "Bram")
    await user.should_see("Bram", retries=20)
    await user.should_see("Deelnemers: 1")


async def test_console_locks_room(user: User, engine: Engine, opened: OpenedSession) -> None:
    await open_console(user, opened)
    user.find(marker="lock").click()
    await until(lambda: engine.get_session(opened.session.id).locked)


async def test_console_hides_and_shows_contribution(user: User, engine: Engine, opened: OpenedSession) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "start.individual")
    joined = engine.join_participant(opened.session.code, "Anna")
    engine.add_contribution(sid, joined.participant.id, "contribution-1", "Tijd is het grootste probleem")
    await open_console(user, opened)
    await user.should_see("Tijd is het grootste probleem")
    user.find(marker="hide-contribution-1").click()
    await until(lambda: engine.get_contribution(sid, "contribution-1").hidden)  # type: ignore[union-attr]
    await user.should_see(marker="unhide-contribution-1", retries=20)
    user.find(marker="unhide-contribution-1").click()
    await until(lambda: not engine.get_contribution(sid, "contribution-1").hidden)  # type: ignore[union-attr]
    engine.add_contribution(sid, joined.participant.id, "contribution-2", "Studenten als collega")
    await user.should_see("Studenten als collega", retries=20)


async def test_console_numbers_participants_without_name_by_join_order(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    first = engine.join_participant(opened.session.code)
    engine.join_participant(opened.session.code, "Bram")
    engine.join_participant(opened.session.code)
    engine.remove_participant(opened.session.id, first.participant.id)
    await open_console(user, opened)
    await user.should_see("Deelnemer 3")
    await user.should_not_see("Deelnemer 1")
    await user.should_not_see("Deelnemer 2")
    engine.join_participant(opened.session.code)
    await user.should_see("Deelnemer 4", retries=20)


async def test_console_shows_key_legend_and_names_keys_in_tooltips(user: User, opened: OpenedSession) -> None:
    await open_console(user, opened)
    await user.should_see(marker="keys-legend")
    await user.should_see(marker="key-help")
    for tip in ("keys.tip.next", "keys.tip.previous", "keys.tip.qr"):
        await user.should_see(t(tip))


async def test_console_step_controls_name_their_keys(user: User, engine: Engine, opened: OpenedSession) -> None:
    engine.jump_to_step(opened.session.id, "start.individual")
    await open_console(user, opened)
    await user.should_see(t("keys.tip.pause"))
    await user.should_see(t("keys.tip.reveal"))


async def test_console_reveal_says_groups_need_it_on_group_steps_only(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "start.group")
    await open_console(user, opened)
    await user.should_see(marker="reveal-groups")
    engine.jump_to_step(sid, "evaluation.yield")
    await open_console(user, opened)
    await user.should_see(marker="reveal")
    await user.should_not_see(marker="reveal-groups")


def _authors(user: User) -> list[str]:
    return sorted(element.text for element in user.find(marker="contribution-author").elements)  # type: ignore[attr-defined]


async def test_console_contributions_say_who_wrote_them_in_a_named_session(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    sid = opened.session.id  # names optional
    engine.jump_to_step(sid, "start.individual")
    anna = engine.join_participant(opened.session.code, "Anna")
    nameless = engine.join_participant(opened.session.code)
    engine.add_contribution(sid, anna.participant.id, "contribution-a1", "Tijd is het grootste probleem")
    await open_console(user, opened)
    await user.should_see("Tijd is het grootste probleem")
    assert _authors(user) == ["Anna"]
    engine.add_contribution(sid, nameless.participant.id, "contribution-a2", "Studenten als collega")
    await user.should_see("Studenten als collega", retries=20)
    assert _authors(user) == ["Anna", t("ui.console.participant_anonymous", "nl", number=2)]


async def test_console_contributions_name_no_one_in_an_anonymous_session(user: User, engine: Engine) -> None:
    opened = engine.open_session("schoolleider", "Anoniem", Anonymity.ANONYMOUS)
    engine.jump_to_step(opened.session.id, "start.individual")
    joined = engine.join_participant(opened.session.code, "Anna")
    sid = opened.session.id
    engine.add_contribution(sid, joined.participant.id, "contribution-a1", "Tijd is het grootste probleem")
    await open_console(user, opened)
    await user.should_see("Tijd is het grootste probleem")
    await user.should_not_see(marker="contribution-author")


async def test_console_keeps_its_step_controls_while_the_steps_state_changes(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    # Drawn anew, a switch would drop a click pressed before the change and released after it.
    sid = opened.session.id
    engine.jump_to_step(sid, "start.individual")
    await open_console(user, opened)
    (reveal,) = user.find(marker="reveal").elements
    (toggle,) = user.find(marker="input-state").elements
    changes: list[events.Event] = []
    engine.bus.subscribe(lambda event: changes.append(event) if isinstance(event, events.StepStateChanged) else None)
    engine.set_input_state(sid, "start.individual", InputState.PAUSED)
    await until(lambda: toggle.value == InputState.PAUSED.value)  # type: ignore[attr-defined]
    engine.set_reveal(sid, "start.individual", True)
    await until(lambda: reveal.value is True)  # type: ignore[attr-defined]
    assert user.find(marker="reveal").elements == {reveal}
    assert len(changes) == 2  # taking over the stored state sent no command back
    reveal.set_value(False)  # type: ignore[attr-defined]
    session = engine.get_session(sid)
    assert not engine.step_state(session, engine.current_step(session)).revealed


async def test_console_welcome_step_offers_the_large_qr_code(
    user: User, engine: Engine, opened: OpenedSession, flags: ScreenFlags
) -> None:
    await open_console(user, opened)
    user.find(marker="step-qr-large").click()
    await until(lambda: flags.qr_large(opened.session.id))
    engine.advance_step(opened.session.id)
    await user.should_not_see(marker="step-qr-large", retries=20)  # only where the room joins


async def test_console_draws_a_step_change_once_the_database_answers_again(
    user: User, engine: Engine, opened: OpenedSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    await open_console(user, opened)
    await user.should_not_see(marker="reveal")
    engine.jump_to_step(opened.session.id, "start.individual")
    get_session = engine.store.get_session

    def away(session_id: str) -> Session | None:
        raise Refused(Reason.NOT_STORED, "connection refused")

    monkeypatch.setattr(engine.store, "get_session", away)  # the database cannot be read for a moment
    await asyncio.sleep(0.5)
    await user.should_not_see(t("ui.console.gone", "nl"))

    monkeypatch.setattr(engine.store, "get_session", get_session)
    await user.should_see(marker="reveal", retries=20)
    await user.should_not_see(t("ui.console.gone", "nl"))


async def test_a_new_tablet_link_shuts_out_the_one_before_and_this_console_drives_on(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    await open_console(user, opened)
    await user.should_see(marker="tablet-qr")
    user.find(marker="tablet-new").click()
    await user.should_see(t("ui.console.tablet_renewed", "nl"))

    link = user.find(marker="tablet-link").elements.pop().value
    assert opened.secret not in link
    key = link.rsplit("key=", 1)[1]
    assert engine.check_secret(opened.session.id, key)
    assert not engine.check_secret(opened.session.id, opened.secret)
    refused = await user.http_client.get(f"/console/{opened.session.id}?key={opened.secret}")
    assert refused.status_code == 403
    await user.open(f"/console/{opened.session.id}")  # this browser holds the new key
    await user.should_see("Studiedag groep A")


async def test_a_tablet_console_of_a_session_deleted_on_the_laptop_says_it_is_gone(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    await open_console(user, opened)
    engine.delete_session(opened.session.id)
    await user.should_see(t("ui.console.gone", "nl"))
    await asyncio.sleep(ACCESS_CHECK_SECONDS + 1)  # past the open console's check of its access
    await user.should_see(t("ui.console.gone", "nl"))
