"""``deploy/dialoogkaart.service``: the kit as a hardened systemd service with its own user and state folder."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from kit.cli import build_parser
from kit.settings import from_command_line

UNIT = Path(__file__).resolve().parents[2] / "deploy" / "dialoogkaart.service"


def directives() -> dict[str, list[str]]:
    """Every ``Key=value`` of the unit, by key (a key may come more than once)."""
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_service_runs_the_hosted_kit_with_its_data_in_the_state_folder() -> None:
    unit = directives()
    (exec_start,) = unit["ExecStart"]
    program, *arguments = shlex.split(exec_start)
    settings = from_command_line(build_parser(), arguments, {})

    assert program.endswith("/bin/dialoogkaart")
    assert arguments[0] == "serve"
    assert settings.hosted
    assert settings.no_browser
    assert str(settings.data_dir) == "%S/" + unit["StateDirectory"][0]
    assert settings.host == "127.0.0.1"  # only the proxy on this machine reaches it


def test_service_has_its_own_user_settings_file_and_restarts_on_failure() -> None:
    unit = directives()

    assert unit["User"] not in (["root"], ["0"])
    assert unit["EnvironmentFile"] == ["/etc/dialoogkaart.env"]
    assert unit["Restart"] == ["on-failure"]
    assert unit["WantedBy"] == ["multi-user.target"]


def test_service_is_hardened() -> None:
    unit = directives()

    for key, value in [("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"), ("ProtectHome", "yes"),
                       ("PrivateTmp", "yes"), ("PrivateDevices", "yes"), ("RestrictSUIDSGID", "yes")]:
        assert unit[key] == [value], key
    assert unit["CapabilityBoundingSet"] == [""]


def test_service_is_accepted_by_systemd(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("no systemd-analyze here: the unit was checked by reading it, not by systemd")
    # the kit is not installed in /opt here: point ExecStart at a program that exists
    unit = tmp_path / UNIT.name
    unit.write_text(UNIT.read_text(encoding="utf-8").replace("/opt/dialoogkaart/bin/dialoogkaart", "/bin/true"))
    verified = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True, timeout=60)

    assert verified.returncode == 0, verified.stderr
    assert verified.stderr.strip() == ""
