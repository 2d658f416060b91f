from __future__ import annotations

import pytest

from kit.core.difference import contested, divided_by, people_sides


@pytest.mark.parametrize(
    ("recognise", "differ", "expected"),
    [(10, 1, False), (5, 4, True), (1, 1, False), (2, 2, True), (6, 2, False), (4, 2, True), (0, 9, False)],
)
def test_contested_needs_two_substantial_sides(recognise: int, differ: int, expected: bool) -> None:
    assert contested(recognise, differ) is expected


def test_divided_by_is_the_smaller_share() -> None:
    assert divided_by(5, 5) == 0.5
    assert divided_by(9, 1) == pytest.approx(0.1)
    assert divided_by(0, 0) == 0.0


def test_people_sides_counts_a_person_once_by_most_marks() -> None:
    marks = [("a", True), ("a", True), ("a", False), ("b", False), ("c", True), ("c", False)]
    assert people_sides(marks) == (1, 1)
