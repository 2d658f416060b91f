"""The ``dialoogkaart`` command: options, check-card and a port already in use."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kit import __version__
from kit.cli import build_parser, main, port_in_use
from kit.paths import DEFAULT_CARD


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
