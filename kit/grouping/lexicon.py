"""Concept lexicon: which of a card's concepts a text expresses, and how strongly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from kit.grouping.model import ConceptLike
from kit.grouping.text import Token, term_words

_MIN_PART = 5  # a single-word term this long also matches inside a compound
_MIN_REST = 4  # ... when the rest is at least this long (not a prefix like ver-, be-, her-)
_MODIFIER_WEIGHT = 0.5  # Dutch compounds are head-last: "welkomstkaart" is only loosely about "welkom"
_PHRASE_BONUS = 0.5  # each extra word makes a term more specific
_MAX_GAP = 2  # words allowed between the words of a phrase ("afspraken goed nakomen")
_ACTIVATION_CACHE = 8192


@dataclass(frozen=True)
class _Term:
    words: tuple[frozenset[str], ...]
    concepts: tuple[int, ...]
    weight: float


@dataclass(frozen=True)
class _Match:
    term: _Term
    positions: frozenset[int]
    weight: float


class ConceptLexicon:
    """Compiled concepts: matches terms on lemmas, phrases and compound words."""

    def __init__(self, concepts: Sequence[ConceptLike]) -> None:
        """Compile the terms of ``concepts``; a term shared by several concepts counts for each."""
        self.names: tuple[str, ...] = tuple(concept.name for concept in concepts)
        owners: dict[tuple[frozenset[str], ...], list[int]] = defaultdict(list)
        for index, concept in enumerate(concepts):
            for text in concept.terms:
                words = term_words(text)
                if words and index not in owners[words]:
                    owners[words].append(index)
        self._phrases: dict[str, list[_Term]] = defaultdict(list)
        self._singles: dict[str, list[_Term]] = defaultdict(list)
        self._parts: list[tuple[str, _Term]] = []
        for words, indices in sorted(owners.items(), key=lambda item: [sorted(w) for w in item[0]]):
            term = _Term(words, tuple(indices), (1.0 + _PHRASE_BONUS * (len(words) - 1)) / len(indices))
            table = self._singles if len(words) == 1 else self._phrases
            for form in sorted(words[0]):
                table[form].append(term)
            if len(words) == 1:
                self._parts.extend((form, term) for form in sorted(words[0]) if len(form) >= _MIN_PART)
        # Index of the parts, so a compound is split by its own length, not by the number of terms.
        self._part_index: dict[str, list[int]] = defaultdict(list)
        for number, (form, _) in enumerate(self._parts):
            self._part_index[form].append(number)
        self._compound_cache: dict[frozenset[str], tuple[list[_Term], list[_Term]]] = {}
        self._activation_cache: dict[tuple[Token, ...], dict[int, float]] = {}

    def activations(self, tokens: tuple[Token, ...]) -> dict[int, float]:
        """Return ``{concept index: weight}`` for the concepts ``tokens`` express.

        Longer phrases win: a word inside a matched phrase does not also count on its own
        (``nieuwe ideeën`` is renewal, not the loose word ``idee``). Each term counts once.
        The caller must not change the returned mapping (it is cached).
        """
        cached = self._activation_cache.get(tokens)
        if cached is None:
            if len(self._activation_cache) >= _ACTIVATION_CACHE:
                self._activation_cache.clear()
            cached = self._activations(tokens)
            self._activation_cache[tokens] = cached
        return cached

    def _activations(self, tokens: tuple[Token, ...]) -> dict[int, float]:
        matches = self._matches(tokens)
        consumed: set[int] = set()
        scores: dict[int, float] = defaultdict(float)
        counted: set[tuple[frozenset[str], ...]] = set()
        for length in sorted({len(m.term.words) for m in matches}, reverse=True):
            accepted = [m for m in matches if len(m.term.words) == length and not m.positions & consumed]
            for match in sorted(accepted, key=lambda m: -m.weight):
                if match.term.words in counted:
                    continue
                counted.add(match.term.words)
                for concept in match.term.concepts:
                    scores[concept] += match.weight
            for match in accepted:
                consumed |= match.positions
        return dict(scores)

    def _matches(self, tokens: tuple[Token, ...]) -> list[_Match]:
        found: list[_Match] = []
        for start, token in enumerate(tokens):
            phrases = {id(t): t for form in token.forms for t in self._phrases.get(form, ())}
            for term in phrases.values():
                positions = _place(term, tokens, start)
                if positions is not None:
                    found.append(_Match(term, positions, term.weight))
            singles = {id(t): t for form in token.forms for t in self._singles.get(form, ())}
            weight = 1.0
            if not singles:
                heads, modifiers = self._compounds(token.stems)
                singles = {id(t): t for t in heads}
                if not singles:
                    singles, weight = {id(t): t for t in modifiers}, _MODIFIER_WEIGHT
            found.extend(_Match(t, frozenset({start}), t.weight * weight) for t in singles.values())
        return found

    def _compounds(self, stems: frozenset[str]) -> tuple[list[_Term], list[_Term]]:
        """Return the single-word terms that end (head) or start (modifier) a compound word."""
        cached = self._compound_cache.get(stems)
        if cached is None:
            head_parts: set[int] = set()
            modifier_parts: set[int] = set()
            for stem in stems:
                for cut in range(_MIN_REST, len(stem) - _MIN_PART + 1):
                    head_parts.update(self._part_index.get(stem[cut:], ()))
                for cut in range(_MIN_PART, len(stem) - _MIN_REST + 1):
                    modifier_parts.update(self._part_index.get(stem[:cut], ()))
            heads = [self._parts[number][1] for number in sorted(head_parts)]
            modifiers = [self._parts[number][1] for number in sorted(modifier_parts)]
            cached = (heads, modifiers)
            self._compound_cache[stems] = cached
        return cached


def _place(term: _Term, tokens: tuple[Token, ...], start: int) -> frozenset[int] | None:
    """Find the rest of a phrase after ``start``, in order, with at most ``_MAX_GAP`` words between."""
    positions = [start]
    limit = start + len(term.words) + _MAX_GAP
    for word in term.words[1:]:
        spot = next((i for i in range(positions[-1] + 1, min(limit, len(tokens))) if tokens[i].forms & word), None)
        if spot is None:
            return None
        positions.append(spot)
    return frozenset(positions)


class _Concept(NamedTuple):
    """A concept rebuilt from its cache key (name and terms): the lexicon needs nothing else."""

    name: str
    description: str
    terms: tuple[str, ...]


def compiled_lexicon(concepts: Sequence[ConceptLike]) -> ConceptLexicon:
    """Return the lexicon of ``concepts``, compiled once per distinct list of names and terms."""
    return _compiled(tuple((concept.name, tuple(concept.terms)) for concept in concepts))


@lru_cache(maxsize=16)
def _compiled(key: tuple[tuple[str, tuple[str, ...]], ...]) -> ConceptLexicon:
    return ConceptLexicon([_Concept(name, "", terms) for name, terms in key])
