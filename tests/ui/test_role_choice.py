"""The console's role choice: four clicks for a role and two questions, votes beside the roles."""

from __future__ import annotations

from console_page import open_console
from nicegui.testing import User

from kit.core.engine import Engine, OpenedSession
from kit.core.models import RoleRound

ROLE_2 = "2. Rol richting aanstaande leraren"


class Clicks:
    """Clicks on the simulated console, counted."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.count = 0

    def on(self, target: str | None = None, *, marker: str | None = None) -> None:
        self.user.find(target, marker=marker).click()
        self.count += 1


async def test_role_choice_role_and_two_questions_in_four_clicks(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "role_choice.0")
    await open_console(user, opened)
    clicks = Clicks(user)
    clicks.on(ROLE_2)
    await user.should_see(marker="question-2.3")
    clicks.on(marker="question-2.3")
    clicks.on(marker="question-2.7")
    clicks.on(marker="use-role")
    assert engine.get_session(sid).rounds[0] == RoleRound(2, ("2.3", "2.7"))
    assert clicks.count <= 4


async def test_role_choice_starts_with_no_question_ticked(user: User, engine: Engine, opened: OpenedSession) -> None:
    engine.jump_to_step(opened.session.id, "role_choice.0")
    await open_console(user, opened)
    user.find(ROLE_2).click()
    await user.should_see(marker="question-2.1")
    boxes = [next(iter(user.find(marker=f"question-2.{n}").elements)) for n in range(1, 10)]
    assert [box.value for box in boxes] == [False] * 9  # type: ignore[attr-defined]


async def test_role_choice_all_questions_ticks_every_question(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "role_choice.0")
    await open_console(user, opened)
    user.find("1. Rol als visionair en verbinder").click()
    await user.should_see(marker="all-questions")
    user.find(marker="all-questions").click()
    user.find(marker="use-role").click()
    chosen = engine.get_session(sid).rounds[0]
    assert chosen.role == 1
    assert chosen.questions == tuple(q.number for q in engine.card_of(engine.get_session(sid)).role(1).questions)


async def test_role_choice_shows_the_last_choice_again(user: User, engine: Engine, opened: OpenedSession) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "role_choice.0")
    engine.choose_role(sid, 0, 2, ("2.3", "2.7"))
    await open_console(user, opened)
    await user.should_see(marker="question-2.7")
    ticked = {n for n in range(1, 10) if next(iter(user.find(marker=f"question-2.{n}").elements)).value}  # type: ignore[attr-defined]
    assert ticked == {3, 7}


async def test_role_choice_without_questions_asks_for_one(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "role_choice.0")
    await open_console(user, opened)
    user.find(ROLE_2).click()
    await user.should_see(marker="use-role")
    user.find(marker="use-role").click()
    await user.should_see("Vink minstens één vraag aan.")
    assert engine.get_session(sid).rounds[0].role is None


async def test_role_choice_shows_votes_beside_each_role(user: User, engine: Engine, opened: OpenedSession) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "role_choice.0")
    anna = engine.join_participant(opened.session.code, "Anna").participant.id
    engine.cast_vote(sid, anna, 2)
    await open_console(user, opened)
    await user.should_see("1 stem", retries=20)
    await user.should_see("1 van 1 deelnemers hebben gestemd")
    row = next(iter(user.find(marker="console-votes-2").elements))
    assert row.text == "1 stem"  # type: ignore[attr-defined]
