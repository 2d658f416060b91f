"""``dialoogkaart export CODE``: the report from the database in a data folder, no server needed."""

from __future__ import annotations

import csv
import errno
import io
import os
import sys
from pathlib import Path

import pytest
from postgres_server import PostgresServer
from study_day import START, StudyDay, run_study_day

from kit.app import load_cards
from kit.cli import main
from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.export.cli import export_command
from kit.export.json import report_from_json
from kit.store.sql import SqlStore
from kit.store.sqlite import DATABASE_NAME, SqliteStore


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


def test_cli_export_creates_the_missing_folders_of_out(
    stored_day: StudyDay, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "verslagen" / "dinsdag" / "r.md"
    assert main(["export", stored_day.code, "--format", "md", "--data-dir", str(data_dir), "--out", str(out)]) == 0
    assert START[0] in out.read_text(encoding="utf-8")
    assert f"Verslag geschreven: {out}" in capsys.readouterr().out


@pytest.mark.parametrize("trailing", ["", "/"])
def test_cli_export_into_a_folder_uses_the_reports_own_name(
    stored_day: StudyDay, data_dir: Path, tmp_path: Path, trailing: str
) -> None:
    folder = tmp_path / "verslagen"
    if not trailing:
        folder.mkdir()
    assert main(["export", stored_day.code, "--data-dir", str(data_dir), "--out", f"{folder}{trailing}"]) == 0
    (written,) = folder.glob("dialoogkaart-*.md")
    assert written.name.startswith(f"dialoogkaart-{stored_day.code}-")


def test_cli_export_out_under_a_file_says_so(
    stored_day: StudyDay, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "notities.txt"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "r.md"
    assert main(["export", stored_day.code, "--data-dir", str(data_dir), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert f"Het verslag kan niet worden geschreven naar {out}: een deel van het pad is een bestand, geen map." in error
    assert "Traceback" not in error


def test_cli_export_file_it_may_not_write_says_so(
    stored_day: StudyDay, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The tests may run as root, for whom no file mode refuses a write: the system's refusal is made here.
    def refuse(self: Path, data: bytes) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_bytes", refuse)
    out = tmp_path / "r.md"
    assert main(["export", stored_day.code, "--data-dir", str(data_dir), "--out", str(out)]) == 1
    assert f"naar {out}: geen toestemming om daar te lezen of te schrijven" in capsys.readouterr().err


def test_cli_export_damaged_database_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DATABASE_NAME).write_bytes(b"dit is geen database" * 100)
    assert main(["export", "ABC123", "--data-dir", str(folder)]) == 1
    error = capsys.readouterr().err
    assert "kan niet worden geopend: het bestand is geen (gave) database van de kit" in error
    assert (folder / DATABASE_NAME).read_bytes() == b"dit is geen database" * 100


def test_cli_export_data_dir_that_is_a_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "data.txt"
    file.write_text("x", encoding="utf-8")
    assert main(["export", "ABC123", "--data-dir", str(file)]) == 1
    assert f"{file} is een bestand, geen map." in capsys.readouterr().err


def test_cli_export_messages_in_english(stored_day: StudyDay, data_dir: Path, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert export_command("ZZZZZZ", "md", data_dir, None, "en", stdout=out, stderr=err) == 1
    assert "No session with code ZZZZZZ" in err.getvalue()
    blocked = tmp_path / "file.txt"
    blocked.write_text("x", encoding="utf-8")
    assert export_command(stored_day.code, "md", data_dir, str(blocked / "r.md"), "en", stdout=out, stderr=err) == 1
    assert "part of the path is a file, not a folder. Choose another place with --out." in err.getvalue()


def test_cli_export_to_a_closed_pipe_ends_quietly(
    stored_day: StudyDay, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    read, write = os.pipe()
    os.close(read)  # as `| head` does once it has what it wants
    with os.fdopen(write, "w", encoding="utf-8") as pipe:
        monkeypatch.setattr(sys, "stdout", pipe)
        assert main(["export", stored_day.code, "--data-dir", str(data_dir), "--out", "-"]) == 1
        monkeypatch.undo()
    assert "Traceback" not in capsys.readouterr().err


def test_cli_export_from_a_postgresql_database(
    postgres_server: PostgresServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = postgres_server.new_database()
    store = SqlStore(url)
    day = run_study_day(Engine(store, load_cards()), Anonymity.OPTIONAL)
    store.close()
    out = tmp_path / "verslag.md"
    assert main(["export", day.code, "--database", url, "--out", str(out)]) == 0
    assert START[0] in out.read_text(encoding="utf-8")
    assert main(["export", "ZZZZZZ", "--database", url]) == 1
    assert f"Geen sessie met code ZZZZZZ in {url}." in capsys.readouterr().err
