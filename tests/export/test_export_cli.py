"""``dialoogkaart export CODE``: the report from the database in a data folder, no server needed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from study_day import START, StudyDay, run_study_day

from kit.app import load_cards
from kit.cli import main
from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.export.json import report_from_json
from kit.store.sqlite import SqliteStore


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def stored_day(data_dir: Path) -> StudyDay:
    """A study day in the database of ``data_dir``, closed again as a finished kit would leave it."""
    store = SqliteStore.in_folder(data_dir)
    day = run_study_day(Engine(store, load_cards()), Anonymity.OPTIONAL)
    store.close()
    return day


def test_cli_export_writes_markdown_named_after_the_session(
    stored_day: StudyDay, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", stored_day.code.lower(), "--data-dir", str(data_dir)]) == 0
    (written,) = tmp_path.glob("dialoogkaart-*.md")
    assert written.name.startswith(f"dialoogkaart-{stored_day.code}-")
    assert START[0] in written.read_text(encoding="utf-8")
    assert "Verslag geschreven" in capsys.readouterr().out


def test_cli_export_csv_to_a_chosen_file(stored_day: StudyDay, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "verslag.csv"
    assert main(["export", stored_day.code, "--format", "csv", "--data-dir", str(data_dir), "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][2] == START[0]


def test_cli_export_json_to_the_screen_in_english(
    stored_day: StudyDay, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--data-dir", str(data_dir), "export", stored_day.code, "--format", "json", "--out", "-", "--lang", "en"]
    assert main(args) == 0
    report = report_from_json(capsys.readouterr().out)
    assert (report.code, report.language) == (stored_day.code, "en")


@pytest.mark.parametrize(("fmt", "start"), [("docx", b"PK\x03\x04"), ("html", b"<!DOCTYPE html>")])
def test_cli_export_word_and_printable_page(
    stored_day: StudyDay, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, start: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", stored_day.code, "--format", fmt, "--data-dir", str(data_dir)]) == 0
    (written,) = tmp_path.glob(f"dialoogkaart-*.{fmt}")
    assert written.read_bytes().startswith(start)


def test_cli_export_unknown_code_says_so(
    stored_day: StudyDay, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "ZZZZZZ", "--data-dir", str(data_dir)]) == 1
    error = capsys.readouterr().err
    assert "Geen sessie met code ZZZZZZ" in error
    assert "Traceback" not in error


def test_cli_export_without_database_says_so_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "leeg"
    assert main(["export", "ABC123", "--data-dir", str(empty)]) == 1
    assert "geen database" in capsys.readouterr().err
    assert not empty.exists()
