"""Letter n-gram vectors: compounds and typing errors look alike, the batch sets rarity."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from kit.grouping.spelling import letter_ngrams, spelling_vectors


def _likeness(texts: list[str]) -> np.ndarray:
    vectors = spelling_vectors(texts)
    return np.asarray((vectors @ vectors.T).toarray())


def test_spelling_vectors_compound_and_typo_alike() -> None:
    sims = _likeness(["De stagebegeleider heeft tijd", "begeleiding van stagiairs", "het parkeren is lastig"])
    assert sims[0, 1] > sims[0, 2]
    typo = _likeness(["werkplekbegeleider", "werkplekbegelijder", "schoolbestuur"])
    assert typo[0, 1] > 0.5 > typo[0, 2]


def test_spelling_vectors_rows_unit_length_or_zero() -> None:
    vectors = spelling_vectors(["Samen opleiden kost tijd.", "", "Tijd!"])
    norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
    assert np.allclose(norms, [1.0, 0.0, 1.0])


def test_spelling_vectors_empty_batch_has_no_columns() -> None:
    assert spelling_vectors([]).shape == (0, 0)
    assert spelling_vectors(["", "  "]).shape == (2, 0)


def test_spelling_vectors_match_scikit_learn_char_wb() -> None:
    texts = ["Samen opleiden kost veel tijd.", "Er zijn te weinig uren.", "Een lio is een collega", "ok"]
    ours = _likeness(texts)
    reference = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts)
    assert np.allclose(ours, (reference @ reference.T).toarray(), atol=1e-9)


def test_letter_ngrams_short_word_counts_once_whole() -> None:
    codes, counts = letter_ngrams("u u")
    assert len(codes) == 1
    assert counts.tolist() == [2.0]
    assert len(letter_ngrams("ik")[0]) == 3  # " ik", "ik " and " ik "
