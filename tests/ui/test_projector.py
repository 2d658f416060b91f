"""The projector: only with the view key; the step, the code, the count, and cards when revealed."""

from __future__ import annotations

import asyncio

import pytest
from nicegui.testing import User
from ui_keys import press

from kit.core import events as ev
from kit.core.bus import InProcessBus
from kit.core.engine import Engine, OpenedSession
from kit.core.envelope import to_envelope
from kit.core.errors import Reason, Refused
from kit.core.models import Session
from kit.i18n import t
from kit.ui.projector.fit import ACTIONS, CARDS, FLOOR_VW, GROUPS, ROLES, Fit
from kit.ui.shared.qr import qr_svg


async def open_projector(user: User, opened: OpenedSession) -> None:
    await user.open(f"/projector/{opened.session.id}?view={opened.session.view_key}")


def write(engine: Engine, opened: OpenedSession, name: str, text: str, contribution_id: str) -> str:
    joined = engine.join_participant(opened.session.code, name)
    engine.add_contribution(opened.session.id, joined.participant.id, contribution_id, text)
    return joined.participant.id


async def test_projector_refuses_wrong_view_key(user: User, opened: OpenedSession) -> None:
    for address in (
        f"/projector/{opened.session.id}?view=wrong",
        f"/projector/{opened.session.id}",
        f"/projector/{opened.session.id}?view={opened.secret}",
        f"/projector/unknown?view={opened.session.view_key}",
    ):
        response = await user.http_client.get(address)
        assert response.status_code == 403, address
        assert "projectorlink" in response.text


async def test_projector_welcome_shows_title_code_and_large_join(user: User, opened: OpenedSession) -> None:
    await open_projector(user, opened)
    await user.should_see("Studiedag groep A")
    await user.should_see(marker="join-large")
    await user.should_see(opened.session.code)
    await user.should_see("192.168.1.20:8080")
    await user.should_see("0 deelnemers")


async def test_projector_shows_step_text_and_participant_count(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    engine.jump_to_step(opened.session.id, "start.individual")
    engine.join_participant(opened.session.code, "Anna")
    await open_projector(user, opened)
    card = engine.card_of(opened.session)
    await user.should_see(card.start.individual)
    await user.should_see(marker="join-corner")
    await user.should_see("1 deelnemer")
    engine.join_participant(opened.session.code, "Bram")
    await user.should_see("2 deelnemers", retries=20)


async def test_projector_hides_cards_while_not_revealed(user: User, engine: Engine, opened: OpenedSession) -> None:
    engine.jump_to_step(opened.session.id, "start.individual")  # silent writing: not revealed
    write(engine, opened, "Anna", "Tijd en middelen ontbreken", "contribution-1")
    engine.join_participant(opened.session.code, "Bram")
    await open_projector(user, opened)
    await user.should_see("1 van 2 hebben gereageerd. De antwoorden verschijnen straks")
    await user.should_not_see("Tijd en middelen ontbreken")
    await user.should_not_see(marker="card")


async def test_projector_shows_cards_when_revealed(user: User, engine: Engine, opened: OpenedSession) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "start.individual")
    engine.set_reveal(sid, "start.individual", True)
    write(engine, opened, "Anna", "Tijd en middelen ontbreken", "contribution-1")
    await open_projector(user, opened)
    await user.should_see("Tijd en middelen ontbreken")
    await user.should_see("Anna")  # the session asks for names (optional), so they are shown
    await user.should_see("1 van 1 hebben gereageerd")


async def test_projector_adds_and_removes_cards_live(user: User, engine: Engine, opened: OpenedSession) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "start.individual")
    await open_projector(user, opened)
    write(engine, opened, "Anna", "Eerste gedachte", "contribution-1")
    await user.should_see("1 van 1 hebben gereageerd. De antwoorden verschijnen straks", retries=20)
    await user.should_not_see("Eerste gedachte")
    engine.set_reveal(sid, "start.individual", True)
    await user.should_see("Eerste gedachte", retries=20)
    write(engine, opened, "Bram", "Tweede gedachte", "contribution-2")
    await user.should_see("Tweede gedachte", retries=20)
    engine.hide_contribution(sid, "contribution-1")
    await user.should_not_see("Eerste gedachte", retries=20)
    engine.hide_contribution(sid, "contribution-1", hidden=False)
    await user.should_see("Eerste gedachte", retries=20)


async def test_projector_group_step_shows_individual_answers(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "start.individual")
    write(engine, opened, "Anna", "Samen leren in het team", "contribution-1")
    engine.jump_to_step(sid, "start.group")
    await open_projector(user, opened)
    await user.should_see("Samen leren in het team")


async def test_projector_hides_names_in_anonymous_session(user: User, engine: Engine) -> None:
    opened = engine.open_session("schoolleider", "Anoniem")
    engine.jump_to_step(opened.session.id, "start.individual")
    engine.set_reveal(opened.session.id, "start.individual", True)
    write(engine, opened, "Anna", "Zonder naam", "contribution-1")
    await open_projector(user, opened)
    await user.should_see("Zonder naam")
    await user.should_not_see("Anna")


async def test_projector_shows_roles_on_role_choice(user: User, engine: Engine, opened: OpenedSession) -> None:
    engine.jump_to_step(opened.session.id, "role_choice.0")
    await open_projector(user, opened)
    card = engine.card_of(opened.session)
    for role in card.roles:
        await user.should_see(role.title)
    await user.should_see(card.roles[0].description)


async def test_projector_keys_do_nothing_without_facilitator_cookie(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    await open_projector(user, opened)
    press(user, "ArrowRight")
    assert engine.get_session(opened.session.id).current_step == "welcome"
    await user.should_not_see(marker="qr-overlay")
    press(user, "q")
    await user.should_see(marker="qr-overlay")


async def test_projector_keys_drive_with_facilitator_cookie(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    await user.open(f"/console/{opened.session.id}?key={opened.secret}")
    await open_projector(user, opened)
    press(user, "ArrowRight")
    assert engine.get_session(opened.session.id).current_step == "start.individual"
    await user.should_see(engine.card_of(opened.session).start.individual, retries=20)


def test_qr_svg_scales_with_its_box() -> None:
    svg = qr_svg("http://192.168.1.20:8080/j/ABC123")
    assert svg.startswith("<svg")
    assert "viewBox" in svg
    assert ' width="' not in svg.split(">", 1)[0]


def test_fitted_lists_never_go_below_the_floor_for_the_back_of_the_room() -> None:
    for fit in (CARDS, GROUPS, ROLES, ACTIONS):
        assert fit.ladder[-1] == FLOOR_VW  # 28.8 px at 1080p
        assert list(fit.ladder) == sorted(fit.ladder, reverse=True)
    try:
        Fit((2.0, 1.2), 8, 30, "disc.pages.cards")
    except ValueError:
        pass
    else:
        raise AssertionError("a ladder below the floor is refused")


async def test_projector_adds_one_card_without_redrawing_the_others(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "start.individual")
    engine.set_reveal(sid, "start.individual", True)
    write(engine, opened, "Anna", "Eerste kaart", "contribution-1")
    await open_projector(user, opened)
    first = next(iter(user.find(marker="card").elements))
    for number in range(2, 60):
        write(engine, opened, f"P{number}", f"Kaart {number}", f"contribution-{number}")
    await user.should_see("Kaart 59", retries=20)
    assert not first.is_deleted
    assert len(user.find(marker="card").elements) == 59


async def test_wall_keeps_newest_cards_and_counts_earlier(user: User, engine: Engine, opened: OpenedSession) -> None:
    from kit.ui.projector import wall

    wall.MAX_CARDS, limit = 3, wall.MAX_CARDS
    try:
        engine.jump_to_step(opened.session.id, "start.individual")
        engine.set_reveal(opened.session.id, "start.individual", True)
        for index in range(4):
            write(engine, opened, f"P{index}", f"Bijdrage nummer {index}", f"c-{index:07d}")
        await open_projector(user, opened)
        await user.should_see("Bijdrage nummer 3")
        await user.should_see("+ 1 eerdere bijdrage (op de console)")
        write(engine, opened, "P4", "Bijdrage nummer 4", "c-0000004")
        await user.should_see("Bijdrage nummer 4")
        await user.should_not_see("Bijdrage nummer 1")
        await user.should_see("+ 2 eerdere bijdragen (op de console)")
        write(engine, opened, "P5", "Bijdrage nummer 5", "c-0000005")
        await user.should_see("Bijdrage nummer 5")
        await user.should_see("+ 3 eerdere bijdragen (op de console)")
    finally:
        wall.MAX_CARDS = limit


async def test_wall_past_its_limit_drops_the_oldest_tenth_at_once(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    from kit.ui.projector import wall

    wall.MAX_CARDS, limit = 20, wall.MAX_CARDS
    try:
        engine.jump_to_step(opened.session.id, "start.individual")
        engine.set_reveal(opened.session.id, "start.individual", True)
        for index in range(20):
            write(engine, opened, f"P{index}", f"Bijdrage nummer {index}", f"c-{index:07d}")
        await open_projector(user, opened)
        await user.should_see("Bijdrage nummer 19")
        write(engine, opened, "P20", "Bijdrage nummer 20", "c-0000020")
        await user.should_see("Bijdrage nummer 20")
        await user.should_see("+ 3 eerdere bijdragen (op de console)")
        await user.should_not_see("Bijdrage nummer 0")
        await user.should_see("Bijdrage nummer 3")
        assert len(user.find(marker="card").elements) == 18
    finally:
        wall.MAX_CARDS = limit


async def test_projector_shows_the_large_qr_code_when_a_console_asks(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    await open_projector(user, opened)
    await user.should_not_see(marker="qr-overlay")
    assert isinstance(engine.bus, InProcessBus)
    engine.bus.deliver(to_envelope(ev.QrLargeChanged(opened.session.id, True), "instance-elsewhere"))
    await user.should_see(marker="qr-overlay")
    engine.bus.deliver(to_envelope(ev.QrLargeChanged(opened.session.id, False), "instance-elsewhere"))
    await user.should_not_see(marker="qr-overlay")


async def test_projector_of_an_ended_session_invites_nobody_on_reload(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    engine.end_session(opened.session.id)
    await open_projector(user, opened)
    await user.should_see("Deze sessie is afgelopen")
    await user.should_not_see(marker="join-large")
    await user.should_not_see(marker="join-corner")
    await user.should_not_see("Scan de QR-code met je telefoon, of ga naar het adres en typ de code.")
    press(user, "q")
    await user.should_not_see(marker="qr-overlay")


async def test_projector_drops_its_invitation_when_the_session_ends(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    engine.jump_to_step(opened.session.id, "closing")
    await open_projector(user, opened)
    await user.should_see(marker="join-corner")
    engine.end_session(opened.session.id)
    await user.should_see("Deze sessie is afgelopen", retries=20)
    await user.should_not_see(marker="join-corner")
    await user.should_not_see(opened.session.code)


async def test_projector_draws_a_step_change_once_the_database_answers_again(
    user: User, engine: Engine, opened: OpenedSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    await open_projector(user, opened)
    await user.should_see("Studiedag groep A")
    card = engine.card_of(opened.session)
    engine.jump_to_step(opened.session.id, "start.individual")
    get_session = engine.store.get_session

    def away(session_id: str) -> Session | None:
        raise Refused(Reason.NOT_STORED, "connection refused")

    monkeypatch.setattr(engine.store, "get_session", away)  # the database cannot be read for a moment
    await asyncio.sleep(0.5)
    await user.should_not_see(t("ui.projector.gone", "nl"))

    monkeypatch.setattr(engine.store, "get_session", get_session)
    await user.should_see(card.start.individual, retries=20)
    await user.should_not_see(t("ui.projector.gone", "nl"))
