"""The four figures that judge a grouping against labelled themes (defined as the issue states them).

- pairwise precision: of all pairs put in one group, the share that share a theme;
- actions saved: 1 − A/B, B = Σ over themes (size − 1), A = the moves and merges that turn the
  suggestion into the themes;
- placement: the share of late arrivals that land in their theme's arranged group (or outside all
  arranged groups when their theme has none);
- ARI, the adjusted Rand index, for reference.

A partition is one cluster number per item; an item standing alone has a number of its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

from sklearn.metrics import adjusted_rand_score


def pairwise_precision(themes: Sequence[str], predicted: Sequence[int]) -> float:
    """Return the share of same-group pairs that share a theme (1.0 when nothing was grouped)."""
    found = [(a, b) for a, b in combinations(range(len(themes)), 2) if predicted[a] == predicted[b]]
    if not found:
        return 1.0
    return sum(1 for a, b in found if themes[a] == themes[b]) / len(found)


def pairwise_recall(themes: Sequence[str], predicted: Sequence[int]) -> float:
    """Return the share of same-theme pairs that were put in one group (1.0 when no theme has two)."""
    true = [(a, b) for a, b in combinations(range(len(themes)), 2) if themes[a] == themes[b]]
    if not true:
        return 1.0
    return sum(1 for a, b in true if predicted[a] == predicted[b]) / len(true)


def actions_saved(themes: Sequence[str], predicted: Sequence[int]) -> float:
    """Return 1 − A/B: the share of the facilitator's card-by-card work the suggestion saves.

    B builds every theme card by card (size − 1 per theme). A turns the suggestion into the themes:
    a card not of its group's majority theme is one move, a card left alone whose theme has others
    is one move, and k groups with one majority theme cost k − 1 merges. May be negative.
    """
    sizes = Counter(themes)
    baseline = sum(size - 1 for size in sizes.values())
    if baseline == 0:
        return 1.0
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for index, number in enumerate(predicted):
        groups[number].append(index)
    actions = 0
    majorities: Counter[str] = Counter()
    for members in groups.values():
        if len(members) == 1:
            actions += 1 if sizes[themes[members[0]]] > 1 else 0
            continue
        counts = Counter(themes[m] for m in members)
        majority = min(counts, key=lambda theme: (-counts[theme], theme))
        actions += len(members) - counts[majority]
        majorities[majority] += 1
    actions += sum(k - 1 for k in majorities.values())
    return 1.0 - actions / baseline


def ari(themes: Sequence[str], predicted: Sequence[int]) -> float:
    """Return the adjusted Rand index of ``predicted`` against ``themes``."""
    return float(adjusted_rand_score(list(themes), list(predicted)))


def placement_correct(
    themes: Sequence[str], arranged: Mapping[str, int], landed: Mapping[int, int | None]
) -> float:
    """Return the share of late arrivals placed right.

    ``arranged`` maps a theme to the board group arranged for it; ``landed`` maps each late
    arrival (an index into ``themes``) to the board group it landed in, or None when it landed
    outside every arranged group. Right: in its theme's group, or outside all when it has none.
    """
    if not landed:
        return 1.0
    right = sum(1 for index, group in landed.items() if arranged.get(themes[index]) == group)
    return right / len(landed)
