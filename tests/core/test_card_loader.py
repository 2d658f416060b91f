"""Loading cards: files that cannot be read or parsed say why; the concepts list and shipped cards."""

from __future__ import annotations

from pathlib import Path

import pytest
from card_helpers import problems_of

from kit import paths
from kit.core.card import Concept
from kit.core.card_loader import available_cards, load_concepts


def test_available_cards_lists_default_card() -> None:
    assert paths.DEFAULT_CARD in available_cards()


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
