"""The command's own mistakes (argparse's messages) are in the kit's language."""

from __future__ import annotations

import argparse

import pytest

from kit.cli import main
from kit.cli_language import speak, translator


def test_unknown_option_is_answered_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--bogus"])
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert "dialoogkaart: fout: onbekende opties of waarden: --bogus" in err
    assert err.startswith("gebruik: dialoogkaart")
    assert "error" not in err
    assert "usage" not in err


def test_missing_session_code_names_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export"])
    assert "deze gegevens ontbreken: SESSION_CODE" in capsys.readouterr().err


def test_help_headings_are_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "opties:" in out
    assert "toon deze hulp en stop" in out
    assert "toon het versienummer en stop" in out


def test_english_speaks_argparse_english() -> None:
    assert translator("en")("unrecognized arguments: %s") == "unrecognized arguments: %s"
    assert translator("nl")("a message argparse never had") == "a message argparse never had"


def test_speak_changes_every_parser() -> None:
    speak("nl")
    parser = argparse.ArgumentParser(prog="x")
    assert parser.format_usage().startswith("gebruik: x")
