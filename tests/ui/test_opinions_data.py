"""The opinion groups as the screens word them: each side with its size, the reason without groups, no names."""

from __future__ import annotations

from kit.opinions import Absence, OpinionGroup, OpinionGroups, Position, Representative, Stance
from kit.ui.board.opinions_data import word_opinions
from kit.ui.board.opinions_map import opinion_map_svg

TEXTS = {"c1": "Tijd is het probleem.", "c2": "Het team doet mee.", "c3": "De pabo weet het beter."}


def _rep(cid: str, stance: Stance, rest_agree: int = 1, rest_reacted: int = 12) -> Representative:
    return Representative(cid, stance, 12, 14, rest_agree, rest_reacted, 4.2, 95)


def _two_groups() -> OpinionGroups:
    a = OpinionGroup("A", tuple(f"a{n}" for n in range(16)), (_rep("c1", Stance.RECOGNISE),))
    b = OpinionGroup("B", tuple(f"b{n}" for n in range(14)), (_rep("c1", Stance.DIFFER), _rep("c3", Stance.RECOGNISE)))
    positions = tuple(Position(p, float(i), float(i % 3), g.label) for g in (a, b)
                      for i, p in enumerate(g.participants))
    return OpinionGroups((a, b), ("c2",), positions, 30, None, 0.7)


def test_word_opinions_names_each_side_with_its_size_from_the_recognising_group() -> None:
    worded = word_opinions(_two_groups(), TEXTS, "nl")
    assert worded.shared == (("c2", "Het team doet mee."),)
    assert worded.shared_heading == "Wat we delen"
    assert [d.sides for d in worded.differences] == [
        ("Groep A (16) herkent dit", "Groep B (14) ziet het anders"),
        ("Groep B (14) herkent dit", "Groep A (16) ziet het anders"),
    ]
    assert worded.groups == (("A", 16), ("B", 14))
    assert worded.reason is None


def test_word_opinions_with_three_groups_sets_a_group_against_the_rest_of_the_room() -> None:
    result = _two_groups()
    c = OpinionGroup("C", ("c0", "c1", "c2"), ())
    worded = word_opinions(OpinionGroups((*result.groups, c), (), (), 33, None), TEXTS, "en")
    assert worded.differences[0].sides == (
        "Group A (16) recognises this", "the rest of the room (17) sees it differently",
    )


def test_word_opinions_without_groups_says_why_in_plain_words() -> None:
    worded = word_opinions(OpinionGroups((), (), (), 5, Absence.TOO_FEW_PEOPLE), TEXTS, "nl")
    assert worded.reason == ("Nog te weinig om iets over te zeggen: daarvoor moeten minstens 8 mensen op minstens "
                             "5 bijdragen reageren.")
    assert worded.differences == ()


def test_opinion_map_places_anonymous_dots_and_one_letter_per_group() -> None:
    worded = word_opinions(_two_groups(), TEXTS, "nl")
    assert all(0 <= dot.x <= 1 and 0 <= dot.y <= 1 for dot in worded.dots)
    svg = opinion_map_svg(worded.dots, "Kaart van de zaal")
    assert svg.count("<circle") == 30
    assert svg.count('class="dk-opin-pin"') == 2
    assert "a0" not in svg
    assert "b13" not in svg
