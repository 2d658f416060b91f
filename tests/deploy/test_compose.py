"""``deploy/compose.yaml``: the kit and Caddy, volumes for data and certificates, the domain from the environment."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from kit.settings import env_name, setting_names

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
COMPOSE: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def _volumes(service: str) -> dict[str, str]:
    """A service's volumes as {container path: source}."""
    return {entry.split(":")[1]: entry.split(":")[0] for entry in COMPOSE["services"][service]["volumes"]}


def test_compose_runs_the_kit_and_caddy() -> None:
    kit, caddy = COMPOSE["services"]["kit"], COMPOSE["services"]["caddy"]

    assert set(COMPOSE["services"]) == {"kit", "caddy"}
    assert (DEPLOY / kit["build"]["context"] / kit["build"]["dockerfile"]).resolve() == DEPLOY / "Dockerfile"
    assert caddy["image"].startswith("caddy:2")
    assert caddy["depends_on"]["kit"]["condition"] == "service_healthy"
    assert {"80:80", "443:443"} <= set(caddy["ports"])
    assert "ports" not in kit  # only Caddy reaches the kit


def test_compose_keeps_the_data_and_the_certificates_in_volumes() -> None:
    assert _volumes("kit")["/data"] == "kit-data"
    assert _volumes("caddy")["/data"] == "caddy-data"  # Caddy's certificates and keys
    assert _volumes("caddy")["/etc/caddy/Caddyfile"] == "./Caddyfile"
    assert (DEPLOY / "Caddyfile").exists()
    assert {"kit-data", "caddy-data"} <= set(COMPOSE["volumes"])


def test_compose_takes_the_domain_from_the_environment_and_trusts_only_caddy() -> None:
    kit, caddy = COMPOSE["services"]["kit"], COMPOSE["services"]["caddy"]
    known = {env_name(name) for name in setting_names()}

    assert set(kit["environment"]) <= known  # every variable is a setting of the kit
    assert kit["environment"]["DIALOOGKAART_PUBLIC_URL"].startswith("https://${DIALOOGKAART_DOMAIN")
    assert caddy["environment"]["DIALOOGKAART_DOMAIN"].startswith("${DIALOOGKAART_DOMAIN")
    assert caddy["environment"]["DIALOOGKAART_UPSTREAM"] == "kit:8080"
    caddy_address = caddy["networks"]["internal"]["ipv4_address"]
    assert kit["environment"]["DIALOOGKAART_FORWARDED_ALLOW_IPS"] == caddy_address


def test_compose_file_is_accepted_by_docker_compose(tmp_path: Path) -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("no 'docker compose' here: the file was checked by reading it, not by Docker")
    checked = subprocess.run([docker, "compose", "-f", str(DEPLOY / "compose.yaml"), "config", "--quiet"],
                             capture_output=True, text=True, env={"DIALOOGKAART_DOMAIN": "dialoog.example.nl"})
    assert checked.returncode == 0, checked.stderr
