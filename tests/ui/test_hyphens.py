from __future__ import annotations

from kit.ui.shared.hyphens import SOFT_HYPHEN, hyphenate


def test_hyphenate_breaks_long_dutch_words_at_syllables() -> None:
    parts = hyphenate("Het opleidingsprogramma", "nl").split(SOFT_HYPHEN)
    assert parts == ["Het op", "lei", "dings", "pro", "gram", "ma"]


def test_hyphenate_leaves_short_words_and_the_text_itself_alone() -> None:
    text = "Samen opleiden kost tijd, en dat is zo."
    word = "professionaliseringsactiviteiten!"
    assert hyphenate(text, "nl") == text
    assert hyphenate(word, "en").replace(SOFT_HYPHEN, "") == word
