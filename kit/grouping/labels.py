"""Short Dutch labels for groups: the concept's name, or the group's most telling words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kit.grouping.text import LABEL_UNFIT, content_lemmas, tokenize
from kit.grouping.vectors import Features

_MIN_LABEL_WORD = 3
_CONCEPT_SHARE = 0.5  # the concept must be expressed by at least half of the members


def group_concept(members: Sequence[int], features: Features, names: Sequence[str]) -> int | None:
    """Return the index of the concept most expressed by ``members``, or ``None`` if none dominates."""
    totals: Counter[int] = Counter()
    present: Counter[int] = Counter()
    for member in members:
        for concept, weight in features.concepts[member].items():
            totals[concept] += weight
            present[concept] += 1
    ranked = sorted(totals, key=lambda concept: (-totals[concept], -present[concept], names[concept]))
    for concept in ranked:
        if present[concept] >= _CONCEPT_SHARE * len(members):
            return concept
    return None


def word_label(members: Sequence[int], features: Features, first: int) -> str:
    """Return a label of the two most characteristic content words of ``members``.

    Words are ranked by how many members use them times their rarity, shown in the order they
    appear in contribution ``first`` (the representative), e.g. ``Laptop en lesmateriaal``.
    """
    usage: Counter[str] = Counter()
    for member in members:
        usage.update(word for word in features.lemmas[member] if _fit(word))
    ranked = sorted(usage, key=lambda word: (-usage[word] * features.lemma_idf.get(word, 1.0), -len(word), word))
    return _phrase(ranked[:2], features.lemmas[first])


def text_label(text: str) -> str:
    """Return a short label for one contribution on its own, from its own content words."""
    lemmas = list(dict.fromkeys(content_lemmas(tokenize(text))))
    ranked = sorted((word for word in lemmas if _fit(word)), key=lambda word: (-len(word), word))
    return _phrase(ranked[:2], tuple(lemmas))


def _fit(word: str) -> bool:
    return len(word) >= _MIN_LABEL_WORD and word.isalpha() and word not in LABEL_UNFIT


def _phrase(words: Sequence[str], order: Sequence[str]) -> str:
    if not words:
        return "Overige bijdrage"
    position = {word: i for i, word in enumerate(order)}
    shown = sorted(words, key=lambda word: (position.get(word, len(position)), word))
    phrase = " en ".join(shown)
    return phrase[0].upper() + phrase[1:]
