"""The kit's settings: one default per field, the environment under the command line, each one documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.cli import build_parser, main
from kit.core.retention import Retention
from kit.settings import Limits, SettingError, Settings, env_name, from_command_line, from_environment, setting_names

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", setting_names())
def test_setting_documented_in_readme(name: str) -> None:
    assert f"`--{name.replace('_', '-')}`" in README
    assert f"`{env_name(name)}`" in README


def test_settings_defaults_are_the_command_lines() -> None:
    parsed = build_parser().parse_args([])
    assert Settings() == Settings(**{name: getattr(parsed, name) for name in setting_names()})


def test_settings_parts_keep_their_defaults() -> None:
    assert (Settings().limits, Settings().retention) == (Limits(), Retention())


def test_join_limits_fit_the_mode_unless_given() -> None:
    laptop, hosted = Settings().limits, Settings(hosted=True).limits
    given = Settings(hosted=True, joins_per_address=300, joins_per_session=40).limits

    assert (laptop.joins_per_address, laptop.joins_per_session) == (60, 0)  # 0: no limit per session
    assert (hosted.joins_per_address, hosted.joins_per_session) == (1000, 150)
    assert (given.joins_per_address, given.joins_per_session) == (300, 40)


def test_settings_from_environment_by_field_type() -> None:
    settings = from_environment({
        "DIALOOGKAART_PORT": "9000", "DIALOOGKAART_DATA_DIR": "/srv/kit", "DIALOOGKAART_NO_BROWSER": "yes",
        "DIALOOGKAART_IDLE_HOURS": "2.5", "DIALOOGKAART_PUBLIC_URL": "", "OTHER_PORT": "1",
    })
    assert settings == Settings(port=9000, data_dir=Path("/srv/kit"), no_browser=True, idle_hours=2.5)
    assert settings.retention == Retention(30, 2.5)


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DIALOOGKAART_PORT", "acht"), ("DIALOOGKAART_NO_BROWSER", "misschien"), ("DIALOOGKAART_KEEP_DAYS", "0")],
)
def test_settings_from_environment_refuses_unfit_value(variable: str, value: str) -> None:
    with pytest.raises(SettingError) as refused:
        from_environment({variable: value})
    assert (refused.value.variable, refused.value.value) == (variable, value)


def test_settings_command_line_wins_over_environment() -> None:
    environ = {"DIALOOGKAART_PORT": "7000", "DIALOOGKAART_MAX_PHONES": "200", "DIALOOGKAART_HOST": "127.0.0.1"}
    settings = from_command_line(build_parser(), ["--port", "9000", "serve", "--max-phones", "1000"], environ)
    assert (settings.port, settings.max_phones, settings.host) == (9000, 1000, "127.0.0.1")


def test_cli_refuses_unfit_environment_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DIALOOGKAART_MAX_PHONES", "veel")
    assert main(["serve"]) == 2
    assert "DIALOOGKAART_MAX_PHONES" in capsys.readouterr().err
