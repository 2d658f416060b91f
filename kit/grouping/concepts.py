"""Concept lexicon: load a card's concepts and find which concepts a text expresses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from kit.grouping.model import Concept, ConceptLike
from kit.grouping.text import FUNCTION_WORDS, Token, tokenize

_KEYS = frozenset({"name", "description", "terms"})
_MIN_COMPOUND_HEAD = 5  # a single-word term also matches as the head of a compound (werkplek+begeleider)
_MIN_MODIFIER = 3
_PHRASE_BONUS = 0.5  # each extra word makes a term more specific


def load_concepts(path: str | Path) -> list[Concept]:
    """Read the top-level ``concepts:`` list of a YAML file (a card or a concept file).

    Returns an empty list when the file has no ``concepts:``. Raises ``ValueError`` when an entry
    is not a mapping with exactly ``name``, ``description`` and ``terms``; ``OSError`` and
    ``yaml.YAMLError`` pass through.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    entries = data.get("concepts") if isinstance(data, Mapping) else None
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise ValueError("'concepts' must be a list")
    return [_concept(entry, number) for number, entry in enumerate(entries, start=1)]


def _concept(entry: object, number: int) -> Concept:
    if not isinstance(entry, Mapping) or set(entry) != _KEYS:
        raise ValueError(f"concept {number} must have exactly the keys name, description, terms")
    terms = entry["terms"]
    if not isinstance(terms, list) or not all(isinstance(term, str) for term in terms):
        raise ValueError(f"concept {number}: 'terms' must be a list of strings")
    return Concept(name=str(entry["name"]), description=str(entry["description"]), terms=tuple(terms))


@dataclass(frozen=True)
class _Term:
    words: tuple[frozenset[str], ...]
    ordered: bool
    concepts: tuple[int, ...]
    weight: float


@dataclass(frozen=True)
class _Match:
    term: _Term
    positions: frozenset[int]


class ConceptLexicon:
    """Compiled concepts: matches terms on lemmas, phrases and compound heads."""

    def __init__(self, concepts: Sequence[ConceptLike]) -> None:
        """Compile the terms of ``concepts``; a term shared by several concepts counts for each."""
        self.names: tuple[str, ...] = tuple(concept.name for concept in concepts)
        owners: dict[tuple[str, ...], list[int]] = defaultdict(list)
        spelled: dict[tuple[str, ...], tuple[Token, ...]] = {}
        for index, concept in enumerate(concepts):
            for term in concept.terms:
                tokens = tokenize(term)
                key = tuple(token.lemma for token in tokens)
                if key and index not in owners[key]:
                    owners[key].append(index)
                    spelled[key] = tokens
        self._by_first: dict[str, list[_Term]] = defaultdict(list)
        self._heads: list[tuple[str, _Term]] = []
        self._compound_cache: dict[frozenset[str], list[_Term]] = {}
        for key in sorted(owners):
            tokens = spelled[key]
            term = _Term(
                words=tuple(token.forms for token in tokens),
                ordered=any(token.lemma in FUNCTION_WORDS for token in tokens),
                concepts=tuple(owners[key]),
                weight=(1.0 + _PHRASE_BONUS * (len(tokens) - 1)) / len(owners[key]),
            )
            for form in sorted(tokens[0].forms):
                self._by_first[form].append(term)
            if len(tokens) == 1:
                self._heads.extend((form, term) for form in tokens[0].forms if len(form) >= _MIN_COMPOUND_HEAD)

    def activations(self, tokens: tuple[Token, ...]) -> dict[int, float]:
        """Return ``{concept index: weight}`` for the concepts ``tokens`` express.

        Longer phrases win: a word inside a matched phrase does not also count on its own
        (``nieuwe ideeën`` is renewal, not the loose word ``idee``).
        """
        matches = self._matches(tokens)
        consumed: set[int] = set()
        scores: dict[int, float] = defaultdict(float)
        seen: set[int] = set()
        for length in sorted({len(m.term.words) for m in matches}, reverse=True):
            accepted = [m for m in matches if len(m.term.words) == length and not m.positions & consumed]
            for match in accepted:
                if id(match.term) in seen:
                    continue
                seen.add(id(match.term))
                for concept in match.term.concepts:
                    scores[concept] += match.term.weight
            for match in accepted:
                consumed |= match.positions
        return dict(scores)

    def _matches(self, tokens: tuple[Token, ...]) -> list[_Match]:
        found: list[_Match] = []
        for start, token in enumerate(tokens):
            candidates: dict[int, _Term] = {}
            for form in token.forms:
                for term in self._by_first.get(form, ()):
                    candidates[id(term)] = term
            for term in self._compound_terms(token.forms):
                candidates[id(term)] = term
            for term in candidates.values():
                positions = self._place(term, tokens, start)
                if positions is not None:
                    found.append(_Match(term, positions))
        return found

    def _compound_terms(self, forms: frozenset[str]) -> list[_Term]:
        cached = self._compound_cache.get(forms)
        if cached is None:
            cached = [
                term
                for head, term in self._heads
                if any(len(form) >= len(head) + _MIN_MODIFIER and form.endswith(head) for form in forms)
            ]
            self._compound_cache[forms] = cached
        return cached

    @staticmethod
    def _place(term: _Term, tokens: tuple[Token, ...], start: int) -> frozenset[int] | None:
        if len(term.words) == 1:
            return frozenset({start})
        window = range(max(0, start - (0 if term.ordered else len(term.words) + 1)),
                       min(len(tokens), start + len(term.words) + 2))
        used = {start}
        for word in term.words[1:]:
            spot = next((i for i in window if i not in used and (not term.ordered or i > max(used))
                         and tokens[i].forms & word), None)
            if spot is None:
                return None
            used.add(spot)
        return frozenset(used)

