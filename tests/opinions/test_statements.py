"""What the groups share and what sets each apart, on hand-made reactions."""

from __future__ import annotations

import numpy as np

from kit.opinions.matrix import vote_matrix
from kit.opinions.model import Stance
from kit.opinions.statements import consensus, representative


def _room() -> tuple:
    # 10 people: 0-4 and 5-9. Both halves recognise "both"; only the first recognises "first";
    # the first half sees "split" differently, the second recognises it.
    marks = []
    for i in range(10):
        person = f"p{i}"
        first = i < 5
        marks += [(person, "both", 1), (person, "first", 1 if first else -1), (person, "split", -1 if first else 1)]
        marks += [(person, f"x{j}", 1) for j in range(3)]
    matrix = vote_matrix(marks)
    halves = np.array([i < 5 for i in range(10)])
    return matrix, halves


def test_consensus_keeps_what_every_group_recognises() -> None:
    matrix, halves = _room()
    shared = consensus(matrix, [halves, ~halves])
    assert "both" in shared
    assert "first" not in shared
    assert "split" not in shared


def test_consensus_of_one_group_alone_would_pass_its_own_views() -> None:
    matrix, halves = _room()
    assert "first" in consensus(matrix, [halves])


def test_representative_names_the_side_and_the_sizes() -> None:
    matrix, halves = _room()
    found = {(r.contribution_id, r.stance): r for r in representative(matrix, halves)}
    first = found[("first", Stance.RECOGNISE)]
    assert (first.agree, first.reacted, first.rest_agree, first.rest_reacted) == (5, 5, 0, 5)
    assert first.confidence == 95
    assert ("split", Stance.DIFFER) in found
    assert not any(cid == "both" for cid, _ in found)


def test_representative_of_a_group_like_the_rest_is_empty() -> None:
    marks = [(f"p{i}", f"c{j}", 1) for i in range(10) for j in range(6)]
    matrix = vote_matrix(marks)
    assert representative(matrix, np.array([i < 5 for i in range(10)])) == ()
