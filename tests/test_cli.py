"""The ``dialoogkaart`` command: options, check-card, and problems that end in a message, never a traceback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kit import __version__
from kit.cli import build_parser, main, port_in_use
from kit.cli_checks import folder_problem, host_problem, oidc_problem
from kit.i18n import t
from kit.paths import DEFAULT_CARD
from kit.store.sqlite import DATABASE_NAME


def test_parser_serve_defaults() -> None:
    args = build_parser().parse_args([])
    assert (args.command, args.host, args.port, args.no_browser) == (None, "0.0.0.0", 8080, False)


def test_parser_options_before_serve_are_kept() -> None:
    args = build_parser().parse_args(["--port", "9000", "serve", "--no-browser"])
    assert (args.command, args.port, args.no_browser) == ("serve", 9000, True)


def test_parser_options_after_serve_win() -> None:
    args = build_parser().parse_args(["serve", "--port", "9001", "--data-dir", "data", "--public-url", "https://x.nl"])
    assert (args.port, args.data_dir, args.public_url) == (9001, Path("data"), "https://x.nl")


def test_parser_keep_days_and_idle_hours() -> None:
    assert (build_parser().parse_args([]).keep_days, build_parser().parse_args([]).idle_hours) == (30, 12.0)
    args = build_parser().parse_args(["serve", "--keep-days", "7", "--idle-hours", "2"])
    assert (args.keep_days, args.idle_hours) == (7, 2.0)


def test_parser_refuses_keep_days_below_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--keep-days", "0"])
    assert "--keep-days moet minstens 1 zijn" in capsys.readouterr().err


def test_parser_refuses_max_phones_below_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--max-phones", "-5"])
    assert "--max-phones: moet minstens 1 zijn, niet -5" in capsys.readouterr().err


def test_version_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_check_card_default_card_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-card", str(DEFAULT_CARD)]) == 0
    assert "26 vragen" in capsys.readouterr().out


def test_serve_port_in_use_says_what_to_do() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert port_in_use("127.0.0.1", port)
        result = subprocess.run(
            [sys.executable, "-m", "kit.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-browser"],
            capture_output=True, text=True, timeout=60,
        )
    assert result.returncode == 1
    assert f"Poort {port} is al in gebruik" in result.stderr
    assert f"--port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(*options: str) -> int:
    """Run ``dialoogkaart serve`` with ``options``; each test here expects it to refuse before serving."""
    return main(["serve", "--no-browser", "--host", "127.0.0.1", "--port", str(free_port()), *options])


@pytest.mark.parametrize(("port", "message"), [
    ("70000", "moet een poort van 1 tot en met 65535 zijn, niet 70000"), ("0", "niet 0"),
    ("acht", "acht is geen geheel getal"),
])
def test_parser_refuses_a_port_out_of_range(port: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", port])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert message in error
    assert "Traceback" not in error


def test_parser_refuses_bench_runs_below_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["bench", "report", "--runs", "0"])
    assert "--runs: moet minstens 1 zijn, niet 0" in capsys.readouterr().err


def test_serve_data_dir_that_is_a_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "data.txt"
    file.write_text("x", encoding="utf-8")
    assert serve("--data-dir", str(file)) == 1
    assert f"{file} is een bestand, geen map. Geef met --data-dir een map op" in capsys.readouterr().err
    assert serve("--data-dir", str(file / "sub")) == 1
    assert "een deel van het pad is een bestand, geen map" in capsys.readouterr().err


def test_serve_damaged_database_says_so_and_leaves_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / DATABASE_NAME).write_bytes(b"geen database" * 100)
    assert serve("--data-dir", str(tmp_path)) == 1
    assert "het bestand is geen (gave) database van de kit" in capsys.readouterr().err
    assert (tmp_path / DATABASE_NAME).read_bytes() == b"geen database" * 100


def test_serve_database_of_an_unknown_kind_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert serve("--data-dir", str(tmp_path), "--database", "mysql://kit:geheim@localhost/kit") == 1
    err = capsys.readouterr().err
    assert "mysql://kit:***@localhost/kit is geen database-adres dat de kit kent." in err
    assert "geheim" not in err


def test_serve_unreachable_database_says_so_without_its_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://kit:geheim@127.0.0.1:{port}/kit"
    assert serve("--data-dir", str(tmp_path), "--database", url) == 1
    err = capsys.readouterr().err
    assert f"De database postgresql://kit:***@127.0.0.1:{port}/kit is niet bereikbaar:" in err
    assert "geheim" not in err
    assert not (tmp_path / DATABASE_NAME).exists()


def test_serve_database_from_the_environment(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIALOOGKAART_DATABASE", "oracle://x/y")
    assert serve("--data-dir", str(tmp_path)) == 1
    assert "oracle://x/y is geen database-adres dat de kit kent." in capsys.readouterr().err


@pytest.mark.parametrize(("host", "message"), [
    ("geen-adres.invalid", "Het adres geen-adres.invalid is onbekend."),
    ("203.0.113.7", "203.0.113.7 is geen adres van deze computer."),  # TEST-NET-3: never this machine's
])
def test_serve_host_not_of_this_computer_says_so(
    host: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--no-browser", "--host", host, "--port", str(free_port()), "--data-dir", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert message in error
    assert "Traceback" not in error


def test_serve_half_set_school_sign_in_names_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert serve("--data-dir", str(tmp_path), "--hosted", "--public-url", "https://kit.example",
                 "--oidc-issuer", "https://connect.surfconext.nl", "--oidc-client-id", "kit") == 1
    error = capsys.readouterr().err
    assert "DIALOOGKAART_OIDC_CLIENT_SECRET (of de optie --oidc-client-secret) ontbreekt" in error
    assert "Traceback" not in error


def test_serve_school_sign_in_without_hosted_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert serve("--data-dir", str(tmp_path), "--public-url", "https://kit.example", "--oidc-issuer",
                 "https://connect.surfconext.nl", "--oidc-client-id", "kit", "--oidc-client-secret", "s") == 1
    assert "werkt alleen in de gehoste kit: start met --hosted" in capsys.readouterr().err


def test_oidc_problem_none_without_school_sign_in_or_when_complete() -> None:
    from kit.settings import Settings

    assert oidc_problem(Settings(), "nl") is None
    assert oidc_problem(Settings(hosted=True, public_url="https://kit.example", oidc_issuer="https://i.example",
                                 oidc_client_id="kit", oidc_client_secret="s"), "nl") is None
    assert "--public-url" in str(oidc_problem(Settings(hosted=True, oidc_issuer="https://i.example",
                                                       oidc_client_id="kit", oidc_client_secret="s"), "en"))


def test_checks_speak_english(tmp_path: Path) -> None:
    file = tmp_path / "data.txt"
    file.write_text("x", encoding="utf-8")
    assert folder_problem(file, "en") == (
        f"{file} is a file, not a folder. Give a folder with --data-dir (it need not exist yet)."
    )
    assert folder_problem(tmp_path / "new" / "folder", "en") is None
    assert host_problem("geen-adres.invalid", 8080, "en") == (
        "The address geen-adres.invalid is unknown. Leave out --host (the kit then listens on the whole network) "
        "or give an address of this computer, for example 127.0.0.1."
    )


def test_main_turns_an_unexpected_error_into_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / "bijdragen.txt"
    lines.write_text("Tijd voor begeleiding\nDe student als collega\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("kapot")

    monkeypatch.setattr(json, "dumps", broken)
    assert main(["group", str(lines), "--format", "json"]) == 1
    error = capsys.readouterr().err
    assert "Er ging iets mis dat de kit niet verwachtte (RuntimeError: kapot)." in error
    assert "Traceback" not in error


def test_bench_on_several_instances_asks_for_redis(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "load", "--instances", "2", "--phones", "2"]) == 2
    assert t("cli.bench_needs_redis", "nl") in capsys.readouterr().err
