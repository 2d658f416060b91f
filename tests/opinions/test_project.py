"""The map: unknown reactions are filled in, and the same reactions always draw the same map."""

from __future__ import annotations

import numpy as np

from kit.opinions.matrix import vote_matrix
from kit.opinions.project import impute, project


def test_impute_fills_an_unknown_with_the_statements_mean() -> None:
    marks = [("a", "c1", 1), ("b", "c1", 1), ("c", "c1", -1), ("c", "c2", 1)]
    matrix = vote_matrix(marks, min_reactions=1)
    filled = impute(matrix)
    assert filled[0, 1] == 1.0  # only c reacted to c2
    assert np.isclose(filled[2, 0], -1.0)


def test_project_separates_opposite_camps_on_the_first_axis() -> None:
    marks = [(f"p{i}", f"c{j}", 1 if (i < 5) == (j % 2 == 0) else -1) for i in range(10) for j in range(6)]
    points = project(vote_matrix(marks))
    assert np.all(np.sign(points[:5, 0]) == -np.sign(points[5:, 0]).mean())
    assert np.array_equal(points, project(vote_matrix(list(reversed(marks)))))


def test_vote_matrix_counts_a_skip_as_unknown() -> None:
    marks = [("a", f"c{j}", 1) for j in range(5)] + [("a", "c9", 0)]
    matrix = vote_matrix(marks)
    assert matrix.statements == ("c0", "c1", "c2", "c3", "c4")
