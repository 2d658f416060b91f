"""The room the report benchmark and tests share: 120 contributions, groups, reactions, a vote, two actions."""

from __future__ import annotations

from kit.bench.report_room import ACTIONS, PEOPLE, run_report_room, texts_for
from kit.core.engine import Engine


def test_texts_for_gives_distinct_texts() -> None:
    texts = texts_for("role.0.2.3", 40)
    assert len(set(texts)) == 40


def test_report_room_has_120_contributions_groups_reactions_and_actions(engine: Engine) -> None:
    room = run_report_room(engine)
    assert len(room.people) == PEOPLE
    contributions = engine.contributions(room.sid)
    assert len(contributions) == 120
    assert [c.text for c in contributions if c.kind == "action"] == [text for text, _, _ in ACTIONS]
    assert engine.boards.board(room.sid, "role.0.2.3") is not None
    assert sum(sum(pair) for pair in engine.reactions.counts(room.sid, "role.0.2.7").values()) == 40
    assert engine.get_session(room.sid).ended
