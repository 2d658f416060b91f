"""The card model: the shipped card matches the printed card word for word, lookups find what is there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.core.card import Card

SEED = Path(__file__).resolve().parent.parent / "data" / "dialoogkaart-schoolleider.txt"

# Ligatures the PDF extraction lost ("fi", "fl", "ft"), repaired explicitly so a typo in the card fails.
LIGATURES = {
    "behoe\ufffde": "behoefte",
    "hee\ufffd": "heeft",
    "gee\ufffd": "geeft",
    "betre\ufffd": "betreft",
    "speci\ufffdeke": "specifieke",
    "Speci\ufffdeke": "Specifieke",
    "\ufffdguren": "figuren",
    "re\ufffdecteer": "reflecteer",
}

# Footnote markers printed after a word; the card keeps the footnotes apart from the running text.
MARKERS = {"scholen1 ": "scholen ", "2017)2.": "2017).", "leraren1\n": "leraren\n"}

QUESTION_NUMBERS = [
    *(f"1.{n}" for n in range(1, 7)),
    *(f"2.{n}" for n in range(1, 10)),
    *(f"3.{n}" for n in range(1, 6)),
    *(f"4.{n}" for n in range(1, 7)),
]


def normalise(text: str) -> str:
    """Return the extracted card text as running text: ligatures repaired, lines joined, spaces collapsed."""
    for broken, repaired in {**LIGATURES, **MARKERS}.items():
        text = text.replace(broken, repaired)
    text = re.sub(r"(?<=\w)-[ \t]*\n(?:[ \t]*\n)*(?=\w)", "-", text)  # "HRM-\nbeleid"
    text = re.sub(r"(?<=\w)/[ \t]*\n(?:[ \t]*\n)*(?=\w)", "/", text)  # "team/\nafdeling"
    return " ".join(text.split())


def occurs(text: str, seed: str) -> bool:
    """True when ``text`` occurs in ``seed`` as whole words (a dropped last letter is not a match)."""
    return re.search(rf"(?:^| ){re.escape(text)}(?= |$)", seed) is not None


@pytest.fixture(scope="module")
def seed() -> str:
    return normalise(SEED.read_text(encoding="utf-8"))


def test_default_card_loads(card: Card) -> None:
    assert card.id == "schoolleider"
    assert card.language == "nl"
    assert card.title == "Dialoogkaart | Schoolleider versterkt in beeld bij Samen Opleiden"
    assert card.publisher == "Platform Samen Opleiden & Professionaliseren"
    assert [role.number for role in card.roles] == [1, 2, 3, 4]


def test_default_card_has_all_question_numbers(card: Card) -> None:
    assert [question.number for _, question in card.all_questions()] == QUESTION_NUMBERS


def test_seed_normalise_repairs_every_ligature(seed: str) -> None:
    assert "\ufffd" not in seed
    assert "HRM-beleid" in seed
    assert "stappen/acties" in seed


@pytest.mark.parametrize("number", QUESTION_NUMBERS)
def test_question_text_matches_seed(card: Card, seed: str, number: str) -> None:
    role, question = card.question(number)
    assert role.number == int(number.split(".")[0])
    assert occurs(f"{number} {question.text}", seed)


def test_role_titles_and_descriptions_match_seed(card: Card, seed: str) -> None:
    for role in card.roles:
        assert occurs(f"{role.number}. {role.title}", seed)
        assert occurs(f"{role.number}. {role.title} {role.description}", seed)
    assert card.role(2).title == "Rol richting aanstaande leraren"


def test_role_two_has_footnote(card: Card, seed: str) -> None:
    (footnote,) = card.role(2).footnotes
    assert footnote.marker == "1"
    assert footnote.text.startswith("Onder aanstaande leraren verstaan we alle studenten")
    assert occurs(f"{footnote.marker}. {footnote.text}", seed)
    assert all(not card.role(number).footnotes for number in (1, 3, 4))


def test_start_dream_and_evaluation_match_seed(card: Card, seed: str) -> None:
    assert card.start.heading == "Startvragen (zowel individueel als in de groep)"
    assert occurs(f"{card.start.heading} {card.start.individual}", seed)
    assert occurs(f"{card.start.group_heading} {card.start.group}", seed)
    assert occurs(f"{card.dream.heading} {card.dream.lead} {card.dream.text}", seed)
    assert card.evaluation.heading in seed
    assert [(p.key, p.kind) for p in card.evaluation.prompts] == [("yield", "text"), ("action", "action")]
    for prompt in card.evaluation.prompts:
        assert occurs(f"• {prompt.text}", seed)


def test_introduction_texts_match_seed(card: Card, seed: str) -> None:
    keys = [section.key for section in card.introduction]
    for key in ("background", "working_group", "about", "purpose", "approach", "experience", "platform"):
        assert key in keys
    for section in card.introduction:
        texts = [*section.paragraphs, *section.bullets, *section.closing] + [
            f"{footnote.marker}. {footnote.text}" for footnote in section.footnotes
        ]
        if section.heading is not None:
            texts.append(section.heading)
        for text in texts:
            assert occurs(text, seed), f"{section.key}: {text!r}"
    assert len(card.section("approach").bullets) == 4
    assert [footnote.marker for footnote in card.section("background").footnotes] == ["1", "2"]


def test_sources_match_seed_without_duplicates(card: Card, seed: str) -> None:
    assert len(card.sources.books) == 4
    for book in card.sources.books:
        assert occurs(book, seed)
    urls = [link.url for link in card.sources.links]
    assert len(urls) == len(set(urls)) == 5
    for url in urls:
        assert occurs(url, seed)


def test_card_lookup_raises_keyerror_when_absent(card: Card) -> None:
    assert card.question("3.5")[0].number == 3
    assert card.section("purpose").heading == "Doel van de dialoogkaart"
    with pytest.raises(KeyError):
        card.role(5)
    with pytest.raises(KeyError):
        card.question("1.7")
    with pytest.raises(KeyError):
        card.section("nope")


def test_card_concepts_present_with_terms(card: Card) -> None:
    assert len(card.concepts) >= 30
    assert len({concept.name for concept in card.concepts}) == len(card.concepts)
    assert all(concept.terms and concept.description for concept in card.concepts)
