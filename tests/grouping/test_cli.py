"""`dialoogkaart group FILE`: JSON and text output, and clear errors for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.grouping.cli import group_command

LINES = [
    "Samen opleiden kost veel tijd.",
    "",
    "Er zijn te weinig uren om studenten te begeleiden.",
    "Studenten zijn volwaardige collega's.",
    "   ",
    "Een student hoort gewoon bij het team.",
    "Het parkeren bij onze school is lastig.",
]
COUNT = 5  # non-empty lines


@pytest.fixture
def contributions(tmp_path: Path) -> Path:
    path = tmp_path / "bijdragen.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


def test_group_command_json_lists_every_item_once(contributions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert group_command(str(contributions), None, "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"groups"}
    items = [index for group in data["groups"] for index in group["items"]]
    assert sorted(items) == list(range(COUNT))
    for group in data["groups"]:
        assert set(group) == {"label", "items"}
        assert isinstance(group["label"], str)
        assert group["label"]
    assert [0, 1] in [group["items"] for group in data["groups"]]
    assert [4] in [group["items"] for group in data["groups"]]


def test_group_command_json_is_deterministic(contributions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    group_command(str(contributions), None, "json")
    first = capsys.readouterr().out
    group_command(str(contributions), None, "json")
    assert capsys.readouterr().out == first


def test_group_command_text_has_dutch_headings(contributions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert group_command(str(contributions), None, "text") == 0
    out = capsys.readouterr().out
    assert "Voorgestelde groepen" in out
    assert "Staan alleen" in out
    assert "Tijd en uren" in out
    assert "[4] Het parkeren bij onze school is lastig." in out


def test_group_command_text_in_english(contributions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert group_command(str(contributions), None, "text", lang="en") == 0
    assert "Suggested groups" in capsys.readouterr().out


def test_group_command_explicit_card_file(
    contributions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "card.yaml"
    card.write_text("concepts:\n  - {name: Tijd en geld, description: x, terms: [tijd, uur]}\n", encoding="utf-8")
    assert group_command(str(contributions), str(card), "json") == 0
    labels = [group["label"] for group in json.loads(capsys.readouterr().out)["groups"]]
    assert "Tijd en geld" in labels


def test_group_command_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert group_command(str(tmp_path / "nope.txt"), None, "json") == 1
    captured = capsys.readouterr()
    assert "niet gevonden" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_group_command_empty_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "leeg.txt"
    path.write_text("\n  \n", encoding="utf-8")
    assert group_command(str(path), None, "text") == 1
    assert "geen bijdragen" in capsys.readouterr().err


def test_group_command_non_utf8_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Ideeën van collega's\n".encode("latin-1"))
    assert group_command(str(path), None, "json") == 1
    assert "UTF-8" in capsys.readouterr().err


def test_group_command_directory_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert group_command(str(tmp_path), None, "json") == 1
    assert capsys.readouterr().err


def test_group_command_missing_card_exits_1(contributions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert group_command(str(contributions), str(contributions.parent / "geen-kaart.yaml"), "json") == 1
    assert "Kaart niet gevonden" in capsys.readouterr().err


def test_group_command_invalid_card_exits_1(
    contributions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "card.yaml"
    card.write_text("concepts:\n  - {name: a}\n", encoding="utf-8")
    assert group_command(str(contributions), str(card), "json") == 1
    assert "begrippen" in capsys.readouterr().err


def test_group_command_unknown_format_exits_1(contributions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert group_command(str(contributions), None, "xml") == 1
    assert "xml" in capsys.readouterr().err


def _board(tmp_path: Path, data: object) -> str:
    path = tmp_path / "board.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_group_command_board_keeps_groups_whole_under_label(
    contributions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = _board(tmp_path, {"groups": [{"label": "Tijd door mij", "items": [0]}, {"label": "Team", "items": [2, 3]}]})
    assert group_command(str(contributions), None, "json", board=board) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"groups"}
    by_label = {group["label"]: group["items"] for group in data["groups"]}
    assert by_label["Tijd door mij"] == [0, 1]
    assert by_label["Team"] == [2, 3]
    items = sorted(index for group in data["groups"] for index in group["items"])
    assert items == list(range(COUNT))
    assert [4] in [group["items"] for group in data["groups"]]


def test_group_command_board_item_out_of_range_exits_1(
    contributions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = _board(tmp_path, {"groups": [{"label": "x", "items": [0, 9]}]})
    assert group_command(str(contributions), None, "json", board=board) == 1
    captured = capsys.readouterr()
    assert "9" in captured.err
    assert captured.out == ""


@pytest.mark.parametrize("data", [[], {"groups": [{"label": "", "items": [0]}]}, {"groups": [{"label": "x"}]}])
def test_group_command_board_bad_shape_exits_1(
    contributions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: object
) -> None:
    assert group_command(str(contributions), None, "json", board=_board(tmp_path, data)) == 1
    assert "groups" in capsys.readouterr().err


def test_group_command_board_item_twice_exits_1(
    contributions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = _board(tmp_path, {"groups": [{"label": "a", "items": [0]}, {"label": "b", "items": [0]}]})
    assert group_command(str(contributions), None, "json", board=board) == 1
    assert capsys.readouterr().err
