from __future__ import annotations

import pytest

from kit.ui.shared.hyphens import SOFT_HYPHEN, hyphenate, text_language


def test_hyphenate_breaks_long_dutch_words_at_syllables() -> None:
    parts = hyphenate("Het opleidingsprogramma", "nl").split(SOFT_HYPHEN)
    assert parts == ["Het op", "lei", "dings", "pro", "gram", "ma"]


def test_hyphenate_leaves_short_words_and_the_text_itself_alone() -> None:
    text = "Samen opleiden kost tijd, en dat is zo."
    word = "professionaliseringsactiviteiten!"
    assert hyphenate(text, "nl") == text
    assert hyphenate(word, "en").replace(SOFT_HYPHEN, "") == word


def _breaks(text: str, lang: str) -> str:
    return hyphenate(text, lang).replace(SOFT_HYPHEN, "-")


def test_hyphenate_breaks_dutch_text_by_dutch_rules_whatever_the_screens_language() -> None:
    # The session's language is not the text's: a Dutch card's texts are Dutch in an English session too.
    assert _breaks("Partnerschap met lerarenopleiding", "nl") == "Part-ner-schap met le-ra-ren-op-lei-ding"
    assert _breaks("Wij voelen ons verantwoordelijk", "nl") == "Wij voelen ons ver-ant-woor-de-lijk"


def test_hyphenate_follows_a_text_written_in_another_language_than_the_card() -> None:
    assert _breaks("Partnerschap met de lerarenopleiding", "en") == "Part-ner-schap met de le-ra-ren-op-lei-ding"
    english = "We need more time for the responsibilities of mentors"
    assert _breaks(english, "nl") == "We need more time for the re-spons-ib-il-it-ies of mentors"  # not res-pon-si-…


@pytest.mark.parametrize(
    ("text", "expected", "lang"),
    [
        ("Partnerschap met lerarenopleiding", "en", "nl"),
        ("Het hele team moet zich verantwoordelijk voelen voor de student.", "en", "nl"),
        ("Students belong in the team as colleagues, and they bring new ideas.", "nl", "en"),
        ("Professionalisering", "nl", "nl"),  # no little words: the card's language
        ("Professionalisering", "en", "en"),
        ("We met the mentors", "nl", "nl"),  # as many of each: the card's language
        ("", "en", "en"),
        ("Samen opleiden", "fr", "nl"),  # a language the kit does not hyphenate: Dutch
    ],
)
def test_text_language_from_the_texts_own_little_words(text: str, expected: str, lang: str) -> None:
    assert text_language(text, expected) == lang
