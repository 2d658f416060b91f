"""``deploy/Dockerfile``: a slim Python image of the kit from this repository, non-root, data in a volume, healthy.

Docker itself need not run here: the file is read, its command checked against the kit's own
command line, and its health check run against a real kit.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

from served_kit import started_kit

from kit.bench.serve import free_port
from kit.cli import build_parser
from kit.settings import from_command_line

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (INSTRUCTION, arguments), continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def one(instruction: str) -> str:
    (value,) = [rest for word, rest in instructions() if word == instruction]
    return value


def healthcheck_command() -> list[str]:
    check = one("HEALTHCHECK")
    command: list[str] = json.loads(check[check.index("CMD") + 3:].strip())
    return command


def test_dockerfile_builds_a_slim_python_image_from_this_repository() -> None:
    assert re.fullmatch(r"python:3\.1[1-9]-slim", one("FROM"))
    for word, rest in instructions():
        if word == "COPY":
            *sources, _ = shlex.split(rest)
            assert all((ROOT / source).exists() for source in sources), rest
    assert any(word == "RUN" and "pip install /src" in rest for word, rest in instructions())


def test_dockerfile_runs_as_its_own_user_with_data_in_a_volume() -> None:
    assert one("USER") not in ("root", "0")
    assert json.loads(one("VOLUME")) == ["/data"]


def test_dockerfile_serves_hosted_with_its_data_in_the_volume() -> None:
    command = json.loads(one("ENTRYPOINT")) + json.loads(one("CMD"))
    settings = from_command_line(build_parser(), command[1:], {})

    assert command[:2] == ["dialoogkaart", "serve"]
    assert (settings.hosted, settings.no_browser, str(settings.data_dir)) == (True, True, "/data")
    assert settings.host == "0.0.0.0"  # reachable from the proxy's container


def test_dockerfile_health_check_passes_on_a_healthy_kit_and_fails_without_one(tmp_path: Path) -> None:
    command = healthcheck_command()
    assert command[0] == "python"
    assert "/healthz" in command[-1]

    def check(port: int) -> int:
        script = command[-1].replace("127.0.0.1:8080", f"127.0.0.1:{port}")
        return subprocess.run([sys.executable, *command[1:-1], script], capture_output=True, timeout=30).returncode

    with started_kit(tmp_path) as kit:
        healthy = check(kit.port)
    assert healthy == 0
    assert check(free_port()) != 0
