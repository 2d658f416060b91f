"""Letter n-gram vectors: likeness of spelling, for the words the card's vocabulary does not know.

Dutch joins words into compounds (``stagebegeleider``, ``werkplekbegeleiding``) and a room types in
a hurry; pieces of three to five letters inside word boundaries match across both. The weighting
is in-batch TF-IDF (sublinear counts, smoothed rarity), as scikit-learn's ``char_wb`` analyser.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

NGRAMS = (3, 5)
"""Shortest and longest letter sequence compared (inside word boundaries, a space at each end)."""
_BUCKETS = 1 << 24  # n-grams are numbered by a stable checksum; collisions in a batch are negligible
_CACHE = 16384

Codes = tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]


def _grams(word: str) -> list[str]:
    padded = f" {word} "
    found: list[str] = []
    for size in range(NGRAMS[0], NGRAMS[1] + 1):
        if len(padded) <= size:  # a short word counts once, whole
            found.append(padded)
            break
        found.extend(padded[start : start + size] for start in range(len(padded) - size + 1))
    return found


@lru_cache(maxsize=_CACHE)
def letter_ngrams(text: str) -> Codes:
    """Return the letter n-grams of ``text`` (lowercased) as ascending stable numbers, with their counts."""
    counts = Counter(zlib.crc32(gram.encode()) % _BUCKETS for word in text.lower().split() for gram in _grams(word))
    codes = sorted(counts)
    return np.asarray(codes, dtype=np.int64), np.asarray([counts[code] for code in codes], dtype=np.float64)


def spelling_vectors(texts: Sequence[str]) -> Any:
    """Return a sparse matrix with one unit-length row per text: TF-IDF of its letter n-grams.

    Rarity is counted within ``texts``. An empty text gets a zero row. Deterministic;
    the result is a ``scipy.sparse.csr_matrix`` with one column per n-gram found in the batch.
    """
    found = [letter_ngrams(text) for text in texts]
    sizes = [len(codes) for codes, _ in found]
    if not sum(sizes):
        return sparse.csr_matrix((len(texts), 0))
    codes = np.concatenate([codes for codes, _ in found])
    counts = np.concatenate([counts for _, counts in found])
    columns, column_of = np.unique(codes, return_inverse=True)
    frequency = np.bincount(column_of, minlength=len(columns))
    idf = np.log((1 + len(texts)) / (1 + frequency)) + 1.0
    values = (1.0 + np.log(counts)) * idf[column_of]
    rows = np.repeat(np.arange(len(texts)), sizes)
    matrix = sparse.csr_matrix((values, (rows, column_of)), shape=(len(texts), len(columns)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sparse.csr_matrix(sparse.diags(scale) @ matrix)
