"""``deploy/compose.instances.yaml``: two kit instances behind Caddy on one PostgreSQL and one Redis."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from kit.settings import env_name, setting_names

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
COMPOSE: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.instances.yaml").read_text(encoding="utf-8"))
SERVICES: dict[str, Any] = COMPOSE["services"]


def test_two_instances_share_postgresql_and_redis_and_one_runs_the_jobs() -> None:
    assert set(SERVICES) == {"kit1", "kit2", "postgres", "redis", "caddy"}
    first, second = SERVICES["kit1"]["environment"], SERVICES["kit2"]["environment"]
    for environment in (first, second):
        assert set(environment) <= {env_name(name) for name in setting_names()}
        assert environment["DIALOOGKAART_DATABASE"].startswith("postgresql://")
        assert "@postgres:5432/" in environment["DIALOOGKAART_DATABASE"]
        assert environment["DIALOOGKAART_REDIS"] == "redis://redis:6379/0"
    assert "DIALOOGKAART_NO_JOBS" not in first
    assert second["DIALOOGKAART_NO_JOBS"] == "1"
    assert SERVICES["postgres"]["image"].startswith("postgres:15")
    assert SERVICES["redis"]["image"].startswith("redis:7")


def test_caddy_spreads_over_both_instances_and_is_the_only_way_in() -> None:
    caddy = SERVICES["caddy"]
    assert caddy["environment"]["DIALOOGKAART_UPSTREAMS"] == "kit1:8080 kit2:8080"
    assert "./Caddyfile.instances:/etc/caddy/Caddyfile:ro" in caddy["volumes"]
    assert (DEPLOY / "Caddyfile.instances").exists()
    caddy_address = caddy["networks"]["internal"]["ipv4_address"]
    for name in ("kit1", "kit2", "postgres", "redis"):
        assert "ports" not in SERVICES[name]
    for name in ("kit1", "kit2"):
        assert SERVICES[name]["environment"]["DIALOOGKAART_FORWARDED_ALLOW_IPS"] == caddy_address
        assert caddy["depends_on"][name]["condition"] == "service_healthy"


def test_compose_instances_file_is_accepted_by_docker_compose() -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("no 'docker compose' here: the file was checked by reading it, not by Docker")
    checked = subprocess.run(
        [docker, "compose", "-f", str(DEPLOY / "compose.instances.yaml"), "config", "--quiet"],
        capture_output=True, text=True,
        env={"DIALOOGKAART_DOMAIN": "dialoog.example.nl", "POSTGRES_PASSWORD": "geheim"},
    )
    assert checked.returncode == 0, checked.stderr
