"""suggest_groups and assign_to_groups: determinism, singletons, ordering, edge cases."""

from __future__ import annotations

import random

from kit.core.card import Concept
from kit.grouping import Grouping, GroupInput, assign_to_groups, suggest_groups

TIME = [
    "Samen opleiden kost veel tijd.",
    "Er zijn te weinig uren om studenten te begeleiden.",
    "Mentoren hebben geen ruimte in hun rooster.",
]
COLLEAGUE = [
    "Studenten zijn volwaardige collega's.",
    "Een student hoort gewoon bij het team.",
]
ODD = "Het parkeren bij onze school is lastig."


def partition(grouping: Grouping, texts: list[str]) -> set[frozenset[str]]:
    """The grouping as sets of texts, so it can be compared across input orders."""
    parts = {frozenset(texts[m] for m in group.members) for group in grouping.groups}
    return parts | {frozenset({texts[i]}) for i in grouping.alone}


def test_suggest_groups_same_input_gives_same_output(concepts: list[Concept]) -> None:
    items = [GroupInput(text) for text in [*TIME, *COLLEAGUE, ODD]]
    assert suggest_groups(items, concepts) == suggest_groups(items, concepts)


def test_suggest_groups_shuffled_input_gives_same_partition(concepts: list[Concept]) -> None:
    texts = [*TIME, *COLLEAGUE, ODD]
    expected = partition(suggest_groups([GroupInput(t) for t in texts], concepts), texts)
    for seed in range(5):
        shuffled = texts[:]
        random.Random(seed).shuffle(shuffled)
        result = suggest_groups([GroupInput(t) for t in shuffled], concepts)
        assert partition(result, shuffled) == expected


def test_suggest_groups_groups_same_concept_in_other_words(concepts: list[Concept]) -> None:
    texts = [*TIME, *COLLEAGUE, ODD]
    result = partition(suggest_groups([GroupInput(t) for t in texts], concepts), texts)
    assert frozenset(TIME) in result
    assert frozenset(COLLEAGUE) in result


def test_suggest_groups_unrelated_contribution_stays_alone(concepts: list[Concept]) -> None:
    texts = [*TIME, ODD]
    grouping = suggest_groups([GroupInput(t) for t in texts], concepts)
    assert grouping.alone == (3,)


def test_suggest_groups_every_index_exactly_once(concepts: list[Concept]) -> None:
    texts = [*TIME, *COLLEAGUE, ODD, "", "!!!"]
    grouping = suggest_groups([GroupInput(t) for t in texts], concepts)
    seen = [m for group in grouping.groups for m in group.members] + list(grouping.alone)
    assert sorted(seen) == list(range(len(texts)))


def test_suggest_groups_members_sorted_and_representative_inside(concepts: list[Concept]) -> None:
    grouping = suggest_groups([GroupInput(t) for t in [*COLLEAGUE, *TIME]], concepts)
    for group in grouping.groups:
        assert list(group.members) == sorted(group.members)
        assert group.representative in group.members
        assert len(group.members) >= 2


def test_suggest_groups_empty_input_gives_empty_grouping(concepts: list[Concept]) -> None:
    assert suggest_groups([], concepts) == Grouping(groups=(), alone=())


def test_suggest_groups_one_item_stands_alone(concepts: list[Concept]) -> None:
    assert suggest_groups([GroupInput(TIME[0])], concepts) == Grouping(groups=(), alone=(0,))


def test_suggest_groups_identical_texts_group_without_concepts() -> None:
    grouping = suggest_groups([GroupInput("Kerstviering met het team"), GroupInput("Kerstviering met het team")], [])
    assert [group.members for group in grouping.groups] == [(0, 1)]


def test_suggest_groups_orders_by_distinct_authors(concepts: list[Concept]) -> None:
    items = [
        GroupInput(TIME[0], "anna"),
        GroupInput(TIME[1], "anna"),
        GroupInput(TIME[2], "anna"),
        GroupInput(COLLEAGUE[0], "bram"),
        GroupInput(COLLEAGUE[1], "carla"),
    ]
    grouping = suggest_groups(items, concepts)
    assert [group.members for group in grouping.groups] == [(3, 4), (0, 1, 2)]


def test_suggest_groups_zero_threshold_leaves_everyone_alone(concepts: list[Concept]) -> None:
    texts = [*TIME, *COLLEAGUE]
    grouping = suggest_groups([GroupInput(t) for t in texts], concepts, threshold=0.0)
    assert grouping.groups == ()
    assert grouping.alone == tuple(range(len(texts)))


def test_suggest_groups_concept_named_on_group(concepts: list[Concept]) -> None:
    grouping = suggest_groups([GroupInput(t) for t in TIME], concepts)
    assert [(group.label, group.concept) for group in grouping.groups] == [("Tijd en uren", "Tijd en uren")]


def test_assign_to_groups_places_fitting_items_and_leaves_others(concepts: list[Concept]) -> None:
    existing = [
        ("Tijd en uren", [GroupInput(t) for t in TIME]),
        ("Student als collega", [GroupInput(t) for t in COLLEAGUE]),
    ]
    new = [GroupInput("We hebben meer taakuren nodig."), GroupInput(ODD), GroupInput(COLLEAGUE[0])]
    assert assign_to_groups(new, existing, concepts) == [0, None, 1]


def test_assign_to_groups_empty_inputs(concepts: list[Concept]) -> None:
    assert assign_to_groups([], [("x", [GroupInput(TIME[0])])], concepts) == []
    assert assign_to_groups([GroupInput(TIME[0])], [], concepts) == [None]
