"""Short Dutch labels for groups: the concept's name, or the group's most telling words."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from kit.grouping.lexicon import ConceptLexicon
from kit.grouping.model import ConceptLike
from kit.grouping.text import LABEL_UNFIT, content_lemmas, tokenize
from kit.grouping.vectors import Features

_MIN_LABEL_WORD = 3
FALLBACK_LABEL = "Losse bijdrage"
"""Label for a contribution without a single content word (labels follow the card's language)."""
_CONCEPT_SHARE = 0.5  # the concept must be expressed by at least half of the members


def group_concepts(members: Sequence[int], features: Features, names: Sequence[str]) -> list[int]:
    """Return the concepts that at least half of ``members`` express, most characteristic first.

    A concept counts by its weight in the members times its rarity among all contributions, so
    a concept the whole question is about does not name every group.
    """
    totals: defaultdict[int, float] = defaultdict(float)
    present: Counter[int] = Counter()
    for member in members:
        for concept, weight in features.concepts[member].items():
            totals[concept] += weight * features.concept_idf[concept]
            present[concept] += 1
    eligible = [concept for concept in totals if present[concept] >= _CONCEPT_SHARE * len(members)]
    return sorted(eligible, key=lambda concept: (-totals[concept], -present[concept], names[concept]))


def word_label(members: Sequence[int], features: Features, texts: Sequence[str], first: int) -> str:
    """Return a label of the two most characteristic content words of ``members``.

    Words are ranked by how many members use them times their rarity, and shown as they are
    written in ``texts[first]`` (the representative): ``Vragen stellen`` when they stand side by
    side there, else ``Laptop en lesmateriaal``.
    """
    usage: Counter[str] = Counter()
    for member in members:
        usage.update(word for word in features.lemmas[member] if _fit(word))
    ranked = sorted(
        usage,
        key=lambda word: (-usage[word] * features.lemma_idf.get(word, 1.0), _verb_like(word), -len(word), word),
    )
    others = [texts[member] for member in members if member != first]
    return _phrase(ranked[:2], [texts[first], *others])


def text_label(text: str, concepts: Sequence[ConceptLike] = ()) -> str:
    """Return a short label for one contribution on its own.

    The name of the concept it clearly expresses most, else its two most telling content words.
    """
    tokens = tokenize(text)
    lexicon = _lexicon(tuple((concept.name, tuple(concept.terms)) for concept in concepts))
    scores = sorted(lexicon.activations(tokens).items(), key=lambda item: (-item[1], item[0]))
    if scores and (len(scores) == 1 or scores[0][1] > scores[1][1]):
        return lexicon.names[scores[0][0]]
    lemmas = list(dict.fromkeys(content_lemmas(tokens)))
    ranked = sorted((word for word in lemmas if _fit(word)), key=lambda word: (_verb_like(word), -len(word), word))
    return _phrase(ranked[:2], [text])


@lru_cache(maxsize=8)
def _lexicon(concepts: tuple[tuple[str, tuple[str, ...]], ...]) -> ConceptLexicon:
    return ConceptLexicon([_Terms(name, "", terms) for name, terms in concepts])


class _Terms(NamedTuple):
    """A concept rebuilt from its cache key (name and terms): the lexicon needs nothing else."""

    name: str
    description: str
    terms: tuple[str, ...]


def _verb_like(word: str) -> bool:
    # Dutch infinitives end in -en; nouns make better labels, so such lemmas come last.
    return word.endswith("en")


def _fit(word: str) -> bool:
    return len(word) >= _MIN_LABEL_WORD and word.isalpha() and word not in LABEL_UNFIT


def _phrase(words: Sequence[str], texts: Sequence[str]) -> str:
    """Show ``words`` (lemmas) as written in the first of ``texts`` where they stand side by side,
    else as ``X en Y`` in the order and spelling of the first text."""
    if not words:
        return FALLBACK_LABEL
    shown = [_written(words, text) for text in texts]
    return next((phrase for phrase, adjacent in shown if adjacent), shown[0][0])


def _written(words: Sequence[str], text: str) -> tuple[str, bool]:
    tokens = tokenize(text)
    position: dict[str, int] = {}
    for index, token in enumerate(tokens):
        position.setdefault(token.lemma, index)
    shown = sorted(words, key=lambda word: (position.get(word, len(tokens)), word))
    written = [tokens[position[word]].surface if word in position else word for word in shown]
    places = [position.get(word) for word in shown]
    adjacent = len(places) == 2 and places[0] is not None and places[1] == places[0] + 1
    phrase = " ".join(written) if adjacent else " en ".join(written)
    return phrase[0].upper() + phrase[1:], adjacent
