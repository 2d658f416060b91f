"""Learning from the board: placements into example groups, merge candidates, measures."""

from __future__ import annotations

import numpy as np

from kit.core.card import Concept
from kit.grouping import GroupInput
from kit.grouping.learn import (
    PLACE_CONFIDENCE,
    ExampleGroup,
    merge_candidates,
    place_into_groups,
    placement_similarity,
)
from kit.grouping.measures import actions_saved, pairwise_precision, placement_correct

TEXTS = [
    "Samen opleiden kost veel tijd.",
    "Er zijn te weinig uren om studenten te begeleiden.",
    "Studenten zijn volwaardige collega's.",
    "Een student hoort gewoon bij het team.",
    "Begeleiding vraagt tijd die er niet is.",
    "Het parkeren bij onze school is lastig.",
]


def test_place_into_groups_sure_fit_and_unsure_misfit(concepts: list[Concept]) -> None:
    items = [GroupInput(text) for text in TEXTS]
    groups = [ExampleGroup((0, 1)), ExampleGroup((2, 3))]
    fits = place_into_groups(items, groups, [4, 5], concepts)
    assert fits[0].group == 0
    assert fits[0].confident
    assert not fits[1].confident


def test_place_into_groups_without_groups_places_nothing(concepts: list[Concept]) -> None:
    fits = place_into_groups([GroupInput(text) for text in TEXTS], [], [4], concepts)
    assert fits[0].group is None
    assert not fits[0].confident


def test_merge_candidates_alike_groups_only(concepts: list[Concept]) -> None:
    items = [GroupInput(text) for text in TEXTS]
    found = merge_candidates(items, [ExampleGroup((0,)), ExampleGroup((4,)), ExampleGroup((5,))], concepts)
    assert [(c.first, c.second) for c in found] == [(0, 1)]


def test_actions_saved_perfect_and_all_alone() -> None:
    themes = ["a", "a", "b", "b", "c"]
    assert actions_saved(themes, [0, 0, 1, 1, 2]) == 1.0
    # all alone: 4 moves against 2 card-by-card actions
    assert actions_saved(themes, [0, 1, 2, 3, 4]) == -1.0
    # one group of two themes: 2 stray moves; two groups of "a": 1 merge
    assert actions_saved(["a"] * 4, [0, 0, 1, 1]) == 1 - 1 / 3


def test_pairwise_precision_share_of_right_pairs() -> None:
    assert pairwise_precision(["a", "a", "b"], [0, 0, 0]) == 1 / 3
    assert pairwise_precision(["a", "b"], [0, 1]) == 1.0


def test_placement_correct_outside_when_theme_unarranged() -> None:
    themes = ["a", "a", "b", "s1"]
    assert placement_correct(themes, {"a": 0}, {1: 0, 2: None, 3: 0}) == 2 / 3


def test_placement_similarity_unrelated_near_zero_same_one(concepts: list[Concept]) -> None:
    items = [GroupInput(text) for text in TEXTS]
    sims = placement_similarity(items, concepts)
    assert np.allclose(np.diag(sims), 1.0)
    assert np.allclose(sims, sims.T)
    # time and hours are alike; time and parking are not alike at all
    assert sims[0, 4] > PLACE_CONFIDENCE > sims[0, 5]


def test_placement_similarity_empty_text_alike_to_nothing(concepts: list[Concept]) -> None:
    sims = placement_similarity([GroupInput(text) for text in [*TEXTS, ""]], concepts)
    assert np.all(sims[-1, :-1] == 0.0)


def test_place_into_groups_single_member_group_receives_alike(concepts: list[Concept]) -> None:
    items = [GroupInput(text) for text in TEXTS[:5]]
    fits = place_into_groups(items, [ExampleGroup((0,)), ExampleGroup((2, 3))], [1, 4], concepts)
    assert [fit.group for fit in fits] == [0, 0]
    assert all(fit.confident for fit in fits)


def test_place_into_groups_strong_member_weighs_more(concepts: list[Concept]) -> None:
    items = [GroupInput(text) for text in TEXTS]
    plain = place_into_groups(items, [ExampleGroup((0, 5)), ExampleGroup((2, 3))], [4], concepts)[0]
    strong = place_into_groups(items, [ExampleGroup((0, 5), frozenset({0})), ExampleGroup((2, 3))], [4], concepts)[0]
    assert strong.group == 0
    assert strong.score > plain.score


def test_place_into_groups_unrelated_arrival_fits_no_group() -> None:
    texts = [
        "Mentoren hebben te weinig tijd voor begeleiding van studenten.",
        "Er is geen tijd in het rooster om stagiairs te begeleiden.",
        "Studenten draaien volwaardig mee in het team.",
        "De student hoort er gewoon bij als collega in het team.",
        "De koffieautomaat in de personeelskamer is al weken kapot.",
    ]
    groups = [ExampleGroup((0, 1)), ExampleGroup((2, 3))]
    [fit] = place_into_groups([GroupInput(text) for text in texts], groups, [4], [])
    assert fit.group is None
    assert not fit.confident
