"""Concept lexicon matching: phrases, compounds, shared terms."""

from __future__ import annotations

from kit.core.card import Concept
from kit.grouping.lexicon import ConceptLexicon
from kit.grouping.text import tokenize

LEXICON = ConceptLexicon(
    [
        Concept(name="Tijd en middelen", description="-", terms=["tijd", "uur", "taakbeleid"]),
        Concept(name="Begeleiding van studenten", description="-", terms=["begeleider", "begeleiding"]),
        Concept(name="Vernieuwing en ideeën", description="-", terms=["nieuwe ideeën", "frisse blik"]),
        Concept(name="Ideeën van anderen", description="-", terms=["idee", "tip"]),
        Concept(name="Welkom en kennismaking", description="-", terms=["welkom", "voorstellen"]),
        Concept(name="Gedeeld", description="-", terms=["uur"]),
    ]
)


def names(text: str) -> set[str]:
    return {LEXICON.names[index] for index in LEXICON.activations(tokenize(text))}


def test_activations_match_inflected_forms() -> None:
    assert names("Meer uren voor de begeleiding") == {"Tijd en middelen", "Gedeeld", "Begeleiding van studenten"}


def test_activations_phrase_wins_over_its_words() -> None:
    assert names("Ze brengen nieuwe ideeën mee") == {"Vernieuwing en ideeën"}
    assert names("Een goed idee van een collega") == {"Ideeën van anderen"}


def test_activations_phrase_allows_small_gap_in_order() -> None:
    assert names("Frisse en kritische blik") == {"Vernieuwing en ideeën"}
    assert names("Een blik die fris is") == set()


def test_activations_match_compound_head() -> None:
    assert names("Werkplekbegeleiders krijgen het goed") == {"Begeleiding van studenten"}


def test_activations_match_compound_modifier_weakly() -> None:
    scores = LEXICON.activations(tokenize("De kinderen maken een welkomstkaart"))
    assert scores == {LEXICON.names.index("Welkom en kennismaking"): 0.5}


def test_activations_ignore_derivational_prefix() -> None:
    assert names("Ik verwacht veel") == set()
    assert names("Tijdens de les") == set()


def test_activations_shared_term_splits_its_weight() -> None:
    scores = LEXICON.activations(tokenize("uren"))
    assert scores[LEXICON.names.index("Tijd en middelen")] == 0.5


def test_activations_separable_verb() -> None:
    assert names("De student stelt zich voor") == {"Welkom en kennismaking"}


def test_activations_empty_lexicon_matches_nothing() -> None:
    assert ConceptLexicon([]).activations(tokenize("Tijd en geld")) == {}
