"""The check-card command: exit 0 with a summary for a good card, 1 with the problems otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from card_helpers import write

from kit import paths
from kit.core.card_cli import check_card_command


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
