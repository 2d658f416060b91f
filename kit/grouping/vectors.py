"""Feature vectors of contributions: concept activations (strong) + TF-IDF of lemmas (weak)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kit.grouping.lexicon import ConceptLexicon
from kit.grouping.text import content_lemmas, is_negated, tokenize

Matrix = npt.NDArray[np.float64]

CONCEPT_WEIGHT = 1.0
LEXICAL_WEIGHT = 0.35
NEGATION_WEIGHT = 0.25
IDF_FLOOR = 0.3
"""Weight left to a concept or word that every contribution of the batch shares."""


@dataclass(frozen=True)
class Features:
    """Per-text analysis kept for labelling: lemmas, concept weights, negation and the vectors."""

    lemmas: tuple[tuple[str, ...], ...]
    concepts: tuple[dict[int, float], ...]
    negated: tuple[bool, ...]
    lemma_idf: dict[str, float]
    concept_idf: tuple[float, ...]
    vectors: Matrix


def _idf(document_frequency: int, documents: int) -> float:
    # In-batch IDF with a low floor: what most answers to this question share separates little.
    return math.log((1 + documents) / (1 + document_frequency)) + IDF_FLOOR


def _unit_rows(matrix: Matrix) -> Matrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit: Matrix = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    return unit


def build_features(texts: Sequence[str], lexicon: ConceptLexicon) -> Features:
    """Analyse ``texts`` and return unit-length vectors whose dot products are their similarity.

    Concept and lemma weights are scaled by inverse document frequency within ``texts``, so a
    concept or word that every contribution shares separates nothing.
    """
    tokens = [tokenize(text) for text in texts]
    lemmas = [tuple(dict.fromkeys(content_lemmas(item))) for item in tokens]
    concepts = [lexicon.activations(item) for item in tokens]
    negated = [is_negated(item) for item in tokens]
    count = len(texts)

    vocabulary = sorted({word for item in lemmas for word in item})
    column = {word: i for i, word in enumerate(vocabulary)}
    lemma_df = dict.fromkeys(vocabulary, 0)
    for item in lemmas:
        for word in item:
            lemma_df[word] += 1
    lemma_idf = {word: _idf(df, count) for word, df in lemma_df.items()}
    lexical = np.zeros((count, len(vocabulary)))
    for row, item in enumerate(lemmas):
        for word in item:
            lexical[row, column[word]] = lemma_idf[word]

    concept_df = [0] * len(lexicon.names)
    for activation in concepts:
        for index in activation:
            concept_df[index] += 1
    conceptual = np.zeros((count, len(lexicon.names)))
    for row, activation in enumerate(concepts):
        for index, weight in activation.items():
            # Square root: three words for one concept are more evidence than one, but not three times.
            conceptual[row, index] = math.sqrt(weight) * _idf(concept_df[index], count)

    # A text with no content at all stays a zero vector (it groups with nothing), even if negated.
    has_content = [bool(lemmas[row]) or bool(concepts[row]) for row in range(count)]
    negation = np.array([1.0 if negated[row] and has_content[row] else 0.0 for row in range(count)])
    negation = negation.reshape(count, 1)
    # The concept block is not normalised per text: a text whose only concept is one the whole
    # batch shares, or a weak compound match, keeps a short concept vector, so its own words decide.
    # The scale is the weight of a concept that only one text expresses.
    vectors = np.hstack(
        [
            CONCEPT_WEIGHT * conceptual / _idf(1, count),
            LEXICAL_WEIGHT * _unit_rows(lexical),
            NEGATION_WEIGHT * negation,
        ]
    )
    return Features(
        lemmas=tuple(lemmas),
        concepts=tuple(concepts),
        negated=tuple(negated),
        lemma_idf=lemma_idf,
        concept_idf=tuple(_idf(df, count) for df in concept_df),
        vectors=_unit_rows(vectors),
    )


def similarity(features: Features) -> Matrix:
    """Return the cosine similarity matrix of the contributions in ``features``."""
    matrix: Matrix = np.clip(features.vectors @ features.vectors.T, 0.0, 1.0)
    return matrix
