"""The projector of an English session on a Dutch card breaks the room's Dutch words by Dutch rules."""

from __future__ import annotations

from board_setup import STEP, arranged, until
from nicegui import ui
from nicegui.testing import User

from kit.core.engine import Engine, OpenedSession

SOFT = "\u00ad"
DUTCH = f"Part{SOFT}ner{SOFT}schap met le{SOFT}ra{SOFT}ren{SOFT}op{SOFT}lei{SOFT}ding"
AS_ENGLISH = f"ler{SOFT}ar{SOFT}enopleiding"  # what the English patterns made of it


def shown_texts(user: User) -> list[str]:
    return [element.text for element in user.find(ui.label).elements if "lerarenopleiding" in
            element.text.replace(SOFT, "")]


async def open_projector(user: User, opened: OpenedSession) -> None:
    await user.open(f"/projector/{opened.session.id}?view={opened.session.view_key}")


async def test_english_session_breaks_dutch_contributions_by_dutch_rules(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    sid = opened.session.id
    engine.set_language(sid, "en")
    engine.jump_to_step(sid, "start.individual")
    engine.set_reveal(sid, "start.individual", True)
    joined = engine.join_participant(opened.session.code, "Anna")
    engine.add_contribution(sid, joined.participant.id, "contribution-p1", "Partnerschap met lerarenopleiding")
    await open_projector(user, opened)
    await user.should_see(marker="card")
    assert shown_texts(user) == [DUTCH]


async def test_english_session_breaks_dutch_group_names_by_dutch_rules(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    engine.set_language(room.sid, "en")
    engine.boards.rename(room.sid, STEP, groups["Tijd en ruimte"], "Partnerschap met lerarenopleiding")
    engine.set_reveal(room.sid, STEP, True)
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    await until(lambda: bool(shown_texts(user)))
    texts = shown_texts(user)
    assert DUTCH in texts
    assert not [text for text in texts if AS_ENGLISH in text]
