"""Which themes each opinion group recognises most: by the share of its marks, only themes it recognises."""

from __future__ import annotations

from kit.opinions import OpinionGroup, OpinionGroups
from kit.ui.board.opinions_themes import themes_recognised

THEMES = (("Tijd", frozenset({"c1", "c2"})), ("Team", frozenset({"c3"})), ("Pabo", frozenset({"c4"})))


def test_themes_recognised_ranks_each_groups_themes_and_leaves_out_what_it_sees_differently() -> None:
    result = OpinionGroups(
        (OpinionGroup("A", ("a1", "a2"), ()), OpinionGroup("B", ("b1", "b2"), ())), (), (), 4, None,
    )
    marks = [
        ("a1", "c1", 1), ("a2", "c2", 1), ("a1", "c3", 1), ("a2", "c3", -1), ("a1", "c4", -1),
        ("b1", "c1", -1), ("b2", "c2", -1), ("b1", "c4", 1), ("b2", "c4", 1), ("b1", "c3", 1), ("b2", "c3", -1),
        ("x9", "c1", 1),  # someone in no group counts for none
    ]
    assert themes_recognised(result, marks, THEMES) == {"A": ("Tijd",), "B": ("Pabo",)}


def test_themes_recognised_without_groups_is_empty() -> None:
    assert themes_recognised(OpinionGroups((), (), (), 0, None), [("a", "c1", 1)], THEMES) == {}
