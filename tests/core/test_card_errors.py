"""What is wrong with a card, in plain words: one line per problem, naming the place in the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from card_helpers import problems_of, write


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


def test_card_error_lists_one_line_per_problem(tmp_path: Path, card_data: dict[str, Any]) -> None:
    del card_data["title"]
    del card_data["start"]["individual"]
    lines = problems_of(write(tmp_path, card_data)).splitlines()
    assert lines[0] == f"De kaart {tmp_path / 'card.yaml'} kan niet worden geladen:"
    assert [line.split(":")[0].strip() for line in lines[1:]] == ["title", "start.individual"]
