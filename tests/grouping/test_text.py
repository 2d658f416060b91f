"""Dutch text analysis: lemmas, stance words kept, begeleiding is not beleid."""

from __future__ import annotations

from kit.grouping.text import content_lemmas, is_negated, lemma, term_words, tokenize


def test_content_lemmas_keep_stance_words() -> None:
    words = content_lemmas(tokenize("We moeten niet samen opleiden, geen tijd."))
    for stance in ("moeten", "niet", "samen", "geen"):
        assert stance in words
    assert "we" not in words


def test_lemma_keeps_begeleiding_apart_from_beleid() -> None:
    assert lemma("begeleiding") != lemma("beleid")


def test_tokenize_lemmatises_plurals_and_splits_hyphens() -> None:
    tokens = tokenize("Herkenning bij collega-schoolleiders en studenten")
    assert tokens[-1].lemma == "student"
    assert {"collega", "schoolleider"} <= tokens[2].forms


def test_tokenize_joins_separable_verb_particle() -> None:
    tokens = tokenize("De student stelt zich voor aan het team.")
    assert "voorstellen" in tokens[2].forms


def test_tokenize_particle_does_not_cross_clause() -> None:
    tokens = tokenize("Hij stelt, voor de rest")
    assert "voorstellen" not in tokens[1].forms


def test_is_negated_detects_negation_words() -> None:
    assert is_negated(tokenize("Dat kost geen tijd"))
    assert not is_negated(tokenize("Dat kost tijd"))


def test_term_words_match_surface_and_lemma() -> None:
    assert term_words("afspraken nakomen") == (frozenset({"afspraken", "afspraak"}), frozenset({"nakomen"}))
