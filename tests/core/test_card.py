"""The card model: the shipped card matches the printed card word for word, broken files say why."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from kit import paths
from kit.core.card import Card, Concept
from kit.core.card_cli import check_card_command
from kit.core.card_errors import CardError, format_card_error
from kit.core.card_loader import available_cards, load_card, load_concepts

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


@pytest.fixture
def card_data() -> dict[str, Any]:
    """The shipped card as plain data, to break in one place per test."""
    data: dict[str, Any] = yaml.safe_load(paths.DEFAULT_CARD.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "card.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems_of(path: Path, lang: str = "nl") -> str:
    with pytest.raises(CardError) as caught:
        load_card(path, lang)
    assert caught.value.path == path
    return format_card_error(caught.value, lang)


# --- the shipped card -----------------------------------------------------------------------------


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


def test_available_cards_lists_default_card() -> None:
    assert paths.DEFAULT_CARD in available_cards()


def test_card_concepts_present_with_terms(card: Card) -> None:
    assert len(card.concepts) >= 30
    assert len({concept.name for concept in card.concepts}) == len(card.concepts)
    assert all(concept.terms and concept.description for concept in card.concepts)


# --- broken card files ----------------------------------------------------------------------------


def test_load_card_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "card.yaml"
    path.write_text("id: schoolleider\ntitle: [a, b\nroles: 3\n", encoding="utf-8")
    message = problems_of(path)
    assert str(path) in message
    assert "regel 3, kolom 6: de YAML klopt hier niet" in message
    assert "line 3, column 6: the YAML is not valid here" in problems_of(path, "en")


def test_load_card_tab_indent_says_use_spaces(tmp_path: Path) -> None:
    path = tmp_path / "card.yaml"
    path.write_text("id: schoolleider\nroles:\n\t- 1\n", encoding="utf-8")
    assert "regel 3, kolom 1: hier staat een tab" in problems_of(path)


def test_load_card_duplicate_yaml_key_names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "card.yaml"
    path.write_text("id: schoolleider\ntitle: a\nid: ander\n", encoding="utf-8")
    assert "regel 3, kolom 1: de sleutel 'id' staat twee keer in hetzelfde blok (eerder op regel 1)" in (
        problems_of(path)
    )


def test_load_card_missing_field_names_path(tmp_path: Path, card_data: dict[str, Any]) -> None:
    del card_data["roles"][2]["questions"][4]["text"]
    path = write(tmp_path, card_data)
    assert "roles[2].questions[4].text: dit veld ontbreekt" in problems_of(path)
    assert "roles[2].questions[4].text: this field is missing" in problems_of(path, "en")


def test_load_card_wrong_type_says_what_it_should_be(tmp_path: Path, card_data: dict[str, Any]) -> None:
    card_data["roles"][1]["questions"] = "Welke rol heb je?"
    card_data["roles"][0]["number"] = "een"
    card_data["roles"][0]["questions"][0]["number"] = 1.1
    card_data["dream"]["text"] = ["a", "b"]
    message = problems_of(write(tmp_path, card_data), "en")
    assert "roles[1].questions: should be a list" in message
    assert "roles[0].number: should be a whole number" in message
    assert 'roles[0].questions[0].number: should be text; put it in quotes: "1.1"' in message
    assert "dream.text: should be text" in message


def test_load_card_empty_value_says_nothing_after_colon(tmp_path: Path, card_data: dict[str, Any]) -> None:
    card_data["start"]["group"] = None
    card_data["title"] = "   "
    message = problems_of(write(tmp_path, card_data))
    assert "start.group: hier staat niets achter de dubbele punt" in message
    assert "title: mag niet leeg zijn" in message


def test_load_card_unknown_key_suggests_spelling(tmp_path: Path, card_data: dict[str, Any]) -> None:
    card_data["roles"][0]["qestions"] = card_data["roles"][0].pop("questions")
    card_data["colour"] = "blauw"
    path = write(tmp_path, card_data)
    message = problems_of(path, "en")
    assert "roles[0].qestions: unknown key 'qestions' — is it misspelled? Did you mean 'questions'?" in (
        message
    )
    assert "colour: unknown key 'colour' — is it misspelled?" in message
    assert "roles[0].qestions: onbekende sleutel 'qestions' — is die verkeerd gespeld?" in problems_of(path)


def test_load_card_duplicate_question_numbers_name_both(tmp_path: Path, card_data: dict[str, Any]) -> None:
    card_data["roles"][1]["questions"][3]["number"] = "2.2"
    message = problems_of(write(tmp_path, card_data))
    assert "roles[1].questions[3].number: vraagnummer 2.2 komt twee keer voor" in message
    assert "(ook bij roles[1].questions[1].number)" in message


def test_load_card_question_number_of_other_role_refused(tmp_path: Path, card_data: dict[str, Any]) -> None:
    card_data["roles"][1]["questions"][3]["number"] = "3.9"
    message = problems_of(write(tmp_path, card_data), "en")
    assert "roles[1].questions[3].number: question number '3.9' belongs to role 2" in message


def test_load_card_duplicate_role_numbers_name_both(tmp_path: Path, card_data: dict[str, Any]) -> None:
    card_data["roles"][3]["number"] = 3
    for question in card_data["roles"][3]["questions"]:
        question["number"] = question["number"].replace("4.", "3.", 1)
    message = problems_of(write(tmp_path, card_data), "en")
    assert "roles[3].number: role number 3 occurs twice (also at roles[2].number)" in message


def test_load_card_duplicate_concept_names_are_refused(tmp_path: Path, card_data: dict[str, Any]) -> None:
    concept = {"name": "tijd", "description": "ruimte", "terms": ["tijd"]}
    card_data["concepts"] = [concept, dict(concept), {**concept, "name": "leeg", "terms": []}]
    message = problems_of(write(tmp_path, card_data), "en")
    assert "concepts[2].terms: must contain at least one item" in message
    card_data["concepts"].pop()
    message = problems_of(write(tmp_path, card_data), "en")
    assert "concepts[1].name: the concept 'tijd' occurs twice (also at concepts[0].name)" in message


def test_load_card_bad_choice_lists_allowed_values(tmp_path: Path, card_data: dict[str, Any]) -> None:
    card_data["evaluation"]["prompts"][0]["kind"] = "tekst"
    card_data["sources"]["links"][0]["url"] = "www.example.nl"
    message = problems_of(write(tmp_path, card_data))
    assert "evaluation.prompts[0].kind: moet een van deze waarden zijn: 'text', 'action'" in message
    assert "sources.links[0].url: 'www.example.nl' is geen webadres" in message


def test_load_card_link_to_unknown_section_is_refused(tmp_path: Path, card_data: dict[str, Any]) -> None:
    card_data["sources"]["links"][0]["section"] = "bronnen"
    message = problems_of(write(tmp_path, card_data), "en")
    assert "sources.links[0].section: refers to the section 'bronnen'" in message


def test_load_card_empty_file_says_empty(tmp_path: Path) -> None:
    path = tmp_path / "card.yaml"
    path.write_text("", encoding="utf-8")
    assert "het bestand is leeg" in problems_of(path)
    path.write_text("# alleen commentaar\n\n", encoding="utf-8")
    assert "the file is empty" in problems_of(path, "en")


def test_load_card_top_level_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "card.yaml"
    path.write_text("- id: schoolleider\n", encoding="utf-8")
    assert "keys with a value" in problems_of(path, "en")


def test_load_card_non_utf8_file_names_position(tmp_path: Path) -> None:
    path = tmp_path / "card.yaml"
    path.write_bytes("id: schoolleider\ntitle: Ide\xebn\n".encode("latin-1"))
    message = problems_of(path)
    assert "regel 2, kolom 11: het bestand is geen UTF-8-tekst (onleesbare byte 0xEB)" in message


def test_load_card_missing_file_says_missing(tmp_path: Path) -> None:
    path = tmp_path / "nergens.yaml"
    assert "het bestand bestaat niet" in problems_of(path)
    assert "the file does not exist" in problems_of(path, "en")


def test_load_card_folder_says_not_a_file(tmp_path: Path) -> None:
    assert "dit is een map, geen bestand" in problems_of(tmp_path)


def test_card_error_lists_one_line_per_problem(tmp_path: Path, card_data: dict[str, Any]) -> None:
    del card_data["title"]
    del card_data["start"]["individual"]
    lines = problems_of(write(tmp_path, card_data)).splitlines()
    assert lines[0] == f"De kaart {tmp_path / 'card.yaml'} kan niet worden geladen:"
    assert [line.split(":")[0].strip() for line in lines[1:]] == ["title", "start.individual"]


# --- the check-card command -----------------------------------------------------------------------


def test_check_card_command_default_card_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_card_command(str(paths.DEFAULT_CARD)) == 0
    out, err = capsys.readouterr()
    title = "Dialoogkaart | Schoolleider versterkt in beeld bij Samen Opleiden"
    assert out.strip() == f"OK: {paths.DEFAULT_CARD} — {title}: 4 rollen, 26 vragen"
    assert err == ""


def test_check_card_command_broken_card_exits_1(
    tmp_path: Path, card_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    del card_data["roles"][0]["questions"][0]["text"]
    path = write(tmp_path, card_data)
    assert check_card_command(str(path), "en") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "roles[0].questions[0].text: this field is missing" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("content", [b"", b"\xff\xfe", b"a: [", b"- 1", b"roles: {", b"{{{{"])
def test_check_card_command_garbage_exits_1(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "card.yaml"
    path.write_bytes(content)
    assert check_card_command(str(path)) == 1
    assert "De kaart" in capsys.readouterr().err


def test_check_card_command_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_card_command(str(tmp_path / "nergens.yaml")) == 1
    assert "het bestand bestaat niet" in capsys.readouterr().err


def test_load_concepts_reads_card_with_other_keys(tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    card.write_text(
        "id: demo\ntitle: Demo\nconcepts:\n"
        "  - name: Tijd en middelen\n    description: Uren.\n    terms: [uur, geld]\n",
        encoding="utf-8",
    )
    assert load_concepts(card) == [Concept(name="Tijd en middelen", description="Uren.", terms=["uur", "geld"])]


def test_load_concepts_without_concepts_gives_empty_list(tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    card.write_text("id: demo\n", encoding="utf-8")
    assert load_concepts(card) == []


def test_load_concepts_rejects_extra_key(tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    card.write_text("concepts:\n  - {name: a, description: b, terms: [c], weight: 2}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="exactly"):
        load_concepts(card)


def test_load_concepts_rejects_terms_not_a_list(tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    card.write_text("concepts:\n  - {name: a, description: b, terms: c}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="terms"):
        load_concepts(card)
