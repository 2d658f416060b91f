"""The phone page at 320 px: "Mijn bijdrage hoort bij …" on one's own contribution while groups are shown."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from test_phone import no_horizontal_scroll, open_session
from test_phone_steps import page, snap  # noqa: F401  (fixtures)

from kit.core.engine import Engine
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_own_contribution_placed_by_its_author_waits_for_facilitator(
    page: Any, artifacts: Path, engine: Engine, phones_url: str  # noqa: F811
) -> None:
    session = open_session(engine)
    others = ["Begeleiding kost veel tijd.", "We hebben te weinig tijd voor begeleiding."]
    ids = [uuid.uuid4().hex for _ in others]
    for cid, text in zip(ids, others, strict=True):
        someone = engine.join_participant(session.code).participant
        engine.add_contribution(session.id, someone.id, cid, text)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#conn.online")
    page.fill("#text", "Mentoren hebben geen uren om studenten te begeleiden.")
    page.click("#send")
    page.wait_for_selector("#mine-list li >> text=Mentoren hebben")
    mine = next(c.id for c in engine.contributions(session.id) if c.id not in ids)

    engine.jump_to_step(session.id, "start.group")
    board = engine.boards.move_to_new_group(session.id, "start.group", ids[0], "Tijd")
    time_id = board.group_of(ids[0])
    engine.boards.move(session.id, "start.group", ids[1], time_id)
    engine.boards.show_groups(session.id, "start.group", True)
    own = page.locator(f"#groups li[data-id='{mine}'] .own-place select")
    own.wait_for()
    assert page.locator(f"#groups li[data-id='{ids[0]}'] .own-place").count() == 0
    assert t("phone.own.label", "nl") in page.text_content(f"#groups li[data-id='{mine}'] .own-place")

    before = engine.boards.board(session.id, "start.group")
    own.select_option(time_id)
    page.wait_for_selector(f"#groups li[data-id='{mine}'] .own-note >> text={t('phone.own.sent', 'nl')}")
    waiting = engine.boards.author_placements(session.id, "start.group")
    assert [(p.contribution_id, p.group_id) for p in waiting] == [(mine, time_id)]
    assert engine.boards.board(session.id, "start.group") == before
    assert no_horizontal_scroll(page)
    assert own.bounding_box()["height"] >= 44
    snap(page, artifacts / "phone-own-placement.png")

    page.reload()
    page.wait_for_selector(f"#groups li[data-id='{mine}'] .own-note >> text={t('phone.own.sent', 'nl')}")
    assert own.input_value() == time_id
